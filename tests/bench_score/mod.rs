//! The rules of `../shared/bench/reports/score.py`, in Rust: how a report
//! is compared with its gold, value by value (see that script's docstring).
//!
//! Besides the scorer's own counts, every gold value that is missed or
//! wrong is checked for an issue on its field or list: one without is
//! "silent loss".

// The seeds' accuracy test uses only the table printer of the runner (its
// inputs are transcripts, not a folder of PDFs beside a gold folder).
#[allow(dead_code)]
pub mod run;

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use unicode_normalization::UnicodeNormalization;

/// The scorer's field groups, in its order.
pub const GROUPS: &[&str] = &[
    "template",
    "kind",
    "period",
    "municipality",
    "programme",
    "reporting",
    "households",
    "indicators",
    "activities",
    "goals",
    "budget",
    "funding_by_year",
    "partners",
];

const PERSON: &[&str] = &["leader", "owner", "filled_by"];
const LOOSE: &[&str] = &["label", "activity", "actor", "description"];
const MONTHS: &[&str] = &[
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];

/// The key fields of each list (score.py's KEYS).
fn keys(group: &str) -> &'static [&'static str] {
    match group {
        "households" => &["category"],
        "indicators" => &["code"],
        "activities" => &["area", "number"],
        "goals" => &["level", "number"],
        "budget" => &["activity"],
        "funding_by_year" => &["year"],
        "partners" => &["actor"],
        _ => &[],
    }
}

/// The lists, in score.py's order.
pub const LISTS: &[&str] = &[
    "households",
    "indicators",
    "activities",
    "goals",
    "budget",
    "funding_by_year",
    "partners",
];

/// A value after normalisation: strings folded, whole floats as integers.
#[derive(Debug, Clone, PartialEq)]
enum Norm {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Other(Value),
}

fn norm_str(s: &str) -> String {
    let nfc: String = s.nfc().filter(|&c| c != '\u{ad}').collect();
    let collapsed = nfc.split_whitespace().collect::<Vec<_>>().join(" ");
    // Python's casefold; lower-casing is the same for Norwegian text.
    let folded = collapsed.to_lowercase();
    // re.sub(r"\s*/\s*", "/", s)
    let mut out = String::with_capacity(folded.len());
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            let mut ahead = chars.clone();
            while ahead.peek().is_some_and(|c| c.is_whitespace()) {
                ahead.next();
            }
            if ahead.peek() == Some(&'/') {
                chars = ahead;
                continue;
            }
            out.push(c);
        } else if c == '/' {
            out.push('/');
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn norm(v: &Value) -> Norm {
    match v {
        Value::Null => Norm::Null,
        Value::Bool(b) => Norm::Bool(*b),
        Value::Number(n) => Norm::Num(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => Norm::Str(norm_str(s)),
        other => Norm::Other(other.clone()),
    }
}

fn blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// "Desember 2012" → "2012-12", so a raw and an ISO `due` both match.
fn due_norm(v: &Value) -> Norm {
    let Value::String(_) = v else {
        return norm(v);
    };
    let Norm::Str(s) = norm(v) else {
        return Norm::Null;
    };
    let parts: Vec<&str> = s.split(' ').collect();
    if let [month, year] = parts.as_slice() {
        let month = month.strip_suffix('.').unwrap_or(month);
        let letters = !month.is_empty()
            && month
                .chars()
                .all(|c| c.is_ascii_lowercase() || matches!(c, 'æ' | 'ø' | 'å'));
        if letters && year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) {
            if let Some(m) = MONTHS.iter().position(|x| x == &month) {
                return Norm::Str(format!("{year}-{:02}", m + 1));
            }
        }
    }
    Norm::Str(s)
}

fn same(field: &str, want: &Value, have: &Value) -> bool {
    if field == "due" && due_norm(want) == due_norm(have) {
        return true;
    }
    let w = norm(want);
    let mut h = norm(have);
    if let (Norm::Num(_), Norm::Str(s)) = (&w, &h) {
        let cleaned = s.replace(' ', "").replace(',', ".");
        if let Ok(x) = cleaned.trim().parse::<f64>() {
            h = Norm::Num(x);
        }
    }
    if let (Norm::Str(w), Norm::Str(h)) = (&w, &h) {
        if PERSON.contains(&field) {
            return h.contains(w.as_str());
        }
        if LOOSE.contains(&field) {
            return !h.is_empty()
                && (h.contains(w.as_str()) || w.contains(h.as_str()))
                && w.chars().count().min(h.chars().count()) >= 3;
        }
    }
    match (&w, &h) {
        (Norm::Num(a), Norm::Num(b)) => a == b,
        _ => w == h,
    }
}

/// Goal level without accents: hoved, del, lokal or the folded text.
fn level(v: &Value) -> String {
    let s = match norm(v) {
        Norm::Str(s) => s,
        _ => String::new(),
    };
    let ascii: String = s.nfkd().filter(char::is_ascii).collect();
    for k in ["hoved", "del", "lokal"] {
        if ascii.contains(k) {
            return k.to_string();
        }
    }
    ascii
}

fn text_of(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => {
            if *b {
                "True".into()
            } else {
                String::new()
            }
        }
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => other.to_string(),
    }
}

fn number_key(v: Option<&Value>) -> String {
    norm_str(&text_of(v))
        .trim_end_matches(['.', ')'])
        .to_string()
}

fn rowkey(group: &str, row: &Map<String, Value>) -> Vec<Norm> {
    match group {
        "goals" => vec![
            Norm::Str(level(row.get("level").unwrap_or(&Value::Null))),
            Norm::Str(number_key(row.get("number"))),
        ],
        "activities" => vec![
            Norm::Str(norm_str(&text_of(row.get("area")))),
            Norm::Str(number_key(row.get("number"))),
        ],
        "funding_by_year" => {
            let year = row.get("year").and_then(|y| match y {
                Value::Number(n) => n.as_f64().map(|f| f.trunc()),
                Value::String(s) => s.trim().parse::<f64>().ok().map(f64::trunc),
                _ => None,
            });
            vec![year.map_or(Norm::Null, Norm::Num)]
        }
        _ => keys(group)
            .iter()
            .map(|k| norm(row.get(*k).unwrap_or(&Value::Null)))
            .collect(),
    }
}

/// A gold row and the index of the report row matching it.
type Pair<'g> = (&'g Map<String, Value>, Option<usize>);

/// Pairs of (gold row, index of the matching report row) and the number of
/// report rows that match no gold row.
fn match_rows<'g>(group: &str, gold: &'g [Value], pred: &[Value]) -> (Vec<Pair<'g>>, usize) {
    let pred: Vec<(usize, &Map<String, Value>)> = pred
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.as_object().map(|o| (i, o)))
        .collect();
    let mut used: Vec<usize> = Vec::new();
    let mut pairs = Vec::new();
    for g in gold.iter().filter_map(Value::as_object) {
        let gk = rowkey(group, g);
        let mut hit = pred
            .iter()
            .find(|(i, p)| !used.contains(i) && rowkey(group, p) == gk)
            .map(|(i, _)| *i);
        let fallback = match group {
            "budget" => Some("activity"),
            "partners" => Some("actor"),
            "goals" => Some("description"),
            "activities" => Some("activity"),
            _ => None,
        };
        if let (None, Some(field)) = (hit, fallback) {
            let rule = if field == "activity" { "label" } else { field };
            let want = g.get(field).unwrap_or(&Value::Null);
            hit = pred
                .iter()
                .filter(|(i, _)| !used.contains(i))
                .filter(|(_, p)| p.get(field).is_some_and(Value::is_string))
                .filter(|(_, p)| same(rule, want, p.get(field).unwrap_or(&Value::Null)))
                .find(|(_, p)| {
                    if group != "activities" {
                        return true;
                    }
                    let ga = g.get("area").unwrap_or(&Value::Null);
                    let pa = p.get("area").unwrap_or(&Value::Null);
                    norm_str(&text_of(Some(ga))) == norm_str(&text_of(Some(pa)))
                        || same("label", ga, &Value::String(text_of(Some(pa))))
                })
                .map(|(i, _)| *i);
        }
        if let Some(i) = hit {
            used.push(i);
        }
        pairs.push((g, hit));
    }
    (pairs, pred.len() - used.len())
}

/// Counts of one row of the accuracy table.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Gold values.
    pub gold: usize,
    /// Found exactly.
    pub matched: usize,
    /// Absent or null in the report.
    pub missed: usize,
    /// Present but different.
    pub wrong: usize,
    /// A value where the gold is null.
    pub spurious: usize,
    /// Report rows matching no gold row.
    pub extra: usize,
    /// Missed or wrong with no issue on the field or its list.
    pub silent: usize,
}

impl Counts {
    /// Matched / gold (0 without gold values).
    pub fn score(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.matched as f64 / self.gold as f64
        }
    }

    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.matched += o.matched;
        self.missed += o.missed;
        self.wrong += o.wrong;
        self.spurious += o.spurious;
        self.extra += o.extra;
        self.silent += o.silent;
    }
}

/// Where a value sits in the report, for finding issues about it.
#[derive(Debug, Clone)]
enum Place {
    /// A scalar field ("programme.leader", "template").
    Field(String),
    /// A value in row `row` of `list` (or in a gold row matching no report row).
    Row { list: String, row: Option<usize> },
}

/// The issue fields of a report (null fields left out).
fn issue_fields(report: &Value) -> Vec<String> {
    report["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["field"].as_str().map(str::to_string))
        .collect()
}

/// "list[a..b]" holds `row`.
fn in_range(rest: &str, row: usize) -> bool {
    let Some(inner) = rest.strip_prefix('[').and_then(|r| r.split(']').next()) else {
        return false;
    };
    match inner.split_once("..") {
        Some((a, b)) => match (a.parse::<usize>(), b.parse::<usize>()) {
            (Ok(a), Ok(b)) => (a..b).contains(&row),
            _ => false,
        },
        None => inner == "*",
    }
}

fn flagged(place: &Place, fields: &[String]) -> bool {
    fields.iter().any(|f| match place {
        Place::Field(path) => {
            f == path
                || path.starts_with(&format!("{f}."))
                || f.starts_with(&format!("{path}."))
                || f.starts_with(&format!("{path}["))
        }
        Place::Row { list, row } => {
            let Some(rest) = f.strip_prefix(list.as_str()) else {
                return false;
            };
            if rest.is_empty() || rest.starts_with('.') {
                return true;
            }
            if rest.starts_with("[*]") {
                return true;
            }
            match row {
                Some(r) => {
                    in_range(rest, *r)
                        || rest == format!("[{r}]")
                        || rest.starts_with(&format!("[{r}]."))
                        || rest.starts_with(&format!("[{r}]["))
                }
                None => false,
            }
        }
    })
}

/// One report's tally, by group, with the log of differences.
#[derive(Debug, Default)]
pub struct Tally {
    /// Counts by group.
    pub groups: BTreeMap<String, Counts>,
    /// One line per difference.
    pub log: Vec<String>,
}

impl Tally {
    #[allow(clippy::too_many_arguments)]
    fn check(
        &mut self,
        group: &str,
        path: &str,
        field: &str,
        want: &Value,
        have: &Value,
        place: &Place,
        issues: &[String],
    ) {
        let flag = flagged(place, issues);
        let t = self.groups.entry(group.to_string()).or_default();
        let mut note = |t: &mut Counts, line: String| {
            if !flag {
                t.silent += 1;
            }
            self.log
                .push(format!("{line}{}", if flag { "" } else { "  [silent]" }));
        };
        if blank(want) {
            if !blank(have) {
                t.spurious += 1;
                self.log.push(format!("{path}: want null, have {have}"));
            }
            return;
        }
        if let Value::Array(wants) = want {
            let have_l: Vec<Value> = match have {
                Value::Array(a) => a.clone(),
                h if blank(h) => Vec::new(),
                h => vec![h.clone()],
            };
            for w in wants {
                t.gold += 1;
                if have_l.iter().any(|h| same(field, w, h)) {
                    t.matched += 1;
                } else if have_l.is_empty() {
                    t.missed += 1;
                    note(t, format!("{path}: missing {w}"));
                } else {
                    t.wrong += 1;
                    note(t, format!("{path}: want {w} in {have}"));
                }
            }
            t.spurious += have_l
                .iter()
                .filter(|h| !wants.iter().any(|w| same(field, w, h)))
                .count();
            return;
        }
        t.gold += 1;
        if blank(have) {
            t.missed += 1;
            note(t, format!("{path}: missing {want}"));
        } else if same(field, want, have) {
            t.matched += 1;
        } else {
            t.wrong += 1;
            note(t, format!("{path}: want {want} have {have}"));
        }
    }
}

/// Scores one report (`None` when the report is missing) against its gold.
pub fn score_report(name: &str, gold: &Value, report: Option<&Value>) -> Tally {
    let mut tally = Tally::default();
    let empty = Value::Object(Map::new());
    let rep = report.unwrap_or(&empty);
    let issues = issue_fields(rep);
    if report.is_none() {
        tally.log.push(format!("{name}: no report"));
    }
    for g in ["template", "kind"] {
        if let Some(want) = gold.get(g) {
            let have = rep.get(g).unwrap_or(&Value::Null);
            let place = Place::Field(g.to_string());
            tally.check(g, &format!("{name}: {g}"), g, want, have, &place, &issues);
        }
    }
    for g in ["period", "municipality", "programme", "reporting"] {
        let Some(wants) = gold.get(g).and_then(Value::as_object) else {
            continue;
        };
        let have = rep
            .get(g)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (k, v) in wants {
            let place = Place::Field(format!("{g}.{k}"));
            let h = have.get(k).unwrap_or(&Value::Null);
            tally.check(g, &format!("{name}: {g}.{k}"), k, v, h, &place, &issues);
        }
    }
    for &g in LISTS {
        let Some(gold_rows) = gold.get(g).and_then(Value::as_array) else {
            continue;
        };
        let pred: Vec<Value> = rep
            .get(g)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let (pairs, extra) = match_rows(g, gold_rows, &pred);
        tally.groups.entry(g.to_string()).or_default().extra += extra;
        if extra > 0 {
            tally.log.push(format!("{name}: {g}: {extra} extra row(s)"));
        }
        for (grow, hit) in pairs {
            let kdesc: Vec<String> = keys(g)
                .iter()
                .map(|k| match grow.get(*k) {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Null) | None => "None".into(),
                    Some(v) => v.to_string(),
                })
                .collect();
            let prow = hit.and_then(|i| pred.get(i)).and_then(Value::as_object);
            let place = Place::Row {
                list: g.to_string(),
                row: hit,
            };
            for (k, v) in grow {
                if keys(g).contains(&k.as_str()) && g != "goals" {
                    continue;
                }
                if g == "goals" && (k == "level" || k == "number") {
                    continue;
                }
                let have = prow.and_then(|p| p.get(k)).unwrap_or(&Value::Null);
                let path = format!("{name}: {g}[{}].{k}", kdesc.join("/"));
                tally.check(g, &path, k, v, have, &place, &issues);
            }
        }
    }
    tally
}

/// Sums tallies.
pub fn total(groups: &BTreeMap<String, Counts>) -> Counts {
    let mut all = Counts::default();
    for c in groups.values() {
        all.add(c);
    }
    all
}

/// Adds `from` into `into`, group by group.
pub fn merge(into: &mut BTreeMap<String, Counts>, from: &BTreeMap<String, Counts>) {
    for (g, c) in from {
        into.entry(g.clone()).or_default().add(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_fold_like_the_scorer() {
        assert_eq!(
            norm_str("  Ola \u{ad}NORDMANN / Kari "),
            "ola nordmann/kari"
        );
        assert!(same(
            "leader",
            &json!("Kari Holm"),
            &json!("Rådmann Kari Holm")
        ));
        assert!(!same("owner", &json!("Kari Holm"), &json!("Kari")));
        assert!(same("due", &json!("Desember 2012"), &json!("2012-12")));
        assert!(same("budget", &json!(1000), &json!("1 000")));
        assert!(same(
            "label",
            &json!("Antall"),
            &json!("A. Antall husstander")
        ));
        assert!(
            !same("label", &json!("An"), &json!("An")),
            "too short to match loosely"
        );
        assert_eq!(level(&json!("Delmål")), "del");
        assert_eq!(level(&json!("arbeidsmål")), "arbeidsmal");
    }
}
