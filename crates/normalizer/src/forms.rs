//! Form definitions: everything the engine knows about a form, read from the
//! TOML files under `forms/` once per process (their patterns are compiled
//! on first use, see `lazy_regex`).
//!
//! Adding a form means adding a file there (and its name in `builtin!`); the
//! engine reads labels, synonyms, column headers and guidance from it. A
//! researcher adds forms without building: [`load_dir`] reads definitions
//! from a folder at run time (`skjema extract --forms DIR`, see
//! docs/FORMS.md). The fallback definition (`fallback = true`,
//! `forms/unknown.toml`) is never recognised; a document no form matches
//! takes its kind, year and municipality from it.

use std::ops::Range;
use std::sync::{LazyLock, Mutex, OnceLock};

use std::cell::Cell;

use serde::{Deserialize, Deserializer};
use skjema_model::{HouseholdCategory, Kind, Template};

use crate::alternation::Alternation;
use crate::lazy_regex::LazyRegex;
use crate::pattern::{built, label_pattern, spaced_words, Built, LabelPattern};

/// The built-in forms, embedded at compile time: their definitions
/// (`SOURCES`, the fallback last) and each one's section definition
/// (`SECTION_SOURCES`, read by `sections::spec`), so that a form is named
/// once.
macro_rules! builtin {
    ($($name:literal),+; $fallback:literal) => {
        const SOURCES: &[(&str, &str)] = &[
            $((concat!($name, ".toml"), include_str!(concat!("../forms/", $name, ".toml"))),)+
            (concat!($fallback, ".toml"), include_str!(concat!("../forms/", $fallback, ".toml"))),
        ];
        pub(crate) const SECTION_SOURCES: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../forms/sections/", $name, ".toml"))),)+
        ];
    };
}
builtin!("arsrapport_2012", "ars_halvar_2011", "halvar_sor_2012", "sluttrapport"; "unknown");

/// Table definitions the forms share, by name.
const TABLES: (&str, &str) = ("tables.toml", include_str!("../forms/tables.toml"));

/// Why a form definition could not be loaded.
#[derive(Debug, Clone, thiserror::Error)]
pub enum FormError {
    /// The TOML does not parse or misses a key.
    #[error("form definition {file}{}: {message}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Invalid {
        /// The definition file.
        file: String,
        /// 1-based line of the fault, when it can be told.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A folder of definitions or a file in it could not be read.
    #[error("form definitions {path}: {message}")]
    Io {
        /// The folder or file.
        path: String,
        /// What went wrong.
        message: String,
    },
}

/// How the period and kind of a report are decided (see docs/FIELD_RULES.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodRule {
    /// The year in the cover title; a whole year.
    TitleYear,
    /// Half or whole year from cover titles, else from the reporting date.
    HalfOrYearByDate,
    /// Half year from the reporting date (delivered 20.06 and 20.12).
    HalfByDateSor,
    /// The year of the cover date, no half.
    CoverDate,
    /// Kind and year from the title alone (`kind_titles`, `title_year`,
    /// `half_titles`): for documents on no known form.
    Title,
}

/// How a field's value is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueType {
    /// Free text, whitespace-normalised.
    Text,
    /// A person's name or a label: free text without trailing punctuation.
    Name,
    /// The first date in the value.
    FirstDate,
    /// Every date in the value.
    Dates,
    /// Two dates joined by a dash ("mai 2010 – juni 2014"): a period's
    /// start and end.
    DateRange,
    /// A four-digit year.
    Year,
    /// Phone numbers.
    Phones,
    /// E-mail addresses.
    Emails,
    /// A municipality name.
    Municipality,
}

/// What a field's value may fill (`target` of a `[[field]]`): a field of
/// the model, or `reporting_year` and `period`, read to decide the period.
pub const FIELD_TARGETS: &[&str] = &[
    "municipality",
    "programme.name",
    "programme.start",
    "programme.leader",
    "programme.owner",
    "reporting.date",
    "reporting.filled_by",
    "reporting.phones",
    "reporting.emails",
    "reporting.steering_group_dates",
    "reporting_year",
    "period",
    "period.from",
    "period.to",
];

/// A field of the label/value block.
#[derive(Debug, Deserialize)]
pub struct FieldDef {
    /// Where the value goes (`programme.name`, `reporting.phones`, …).
    #[serde(deserialize_with = "field_target")]
    pub target: String,
    /// One matcher per label synonym, anchored to match the label only.
    #[serde(default, deserialize_with = "labels")]
    pub labels: Vec<Label>,
    /// How the value is read.
    #[serde(rename = "type")]
    pub value_type: ValueType,
    /// The label may stand without a colon, in running text (e.g.
    /// "Prosjektleder Kari Nordmann"); the value is then only what its type
    /// reads right after the label (a name, a date range).
    #[serde(default)]
    pub no_colon_ok: bool,
    /// Words that may stand between such a label and its value ("har
    /// vært"), lower case.
    #[serde(default, deserialize_with = "lower_case")]
    pub links: Vec<String>,
    /// The value may stand before the label, as in a signature ("Kari
    /// Nordmann / prosjektleder", or the name on the line above).
    #[serde(default)]
    pub signature: bool,
    /// Phrases searched anywhere in the document (the cover, inside another
    /// value) when no label gives the value: the value is what the type
    /// reads right after the phrase ("godkjent i styringsgruppen 05.02.2014").
    #[serde(default, deserialize_with = "patterns")]
    pub mentions: Vec<LazyRegex>,
    /// The definition marks the field optional (see [`FieldDef::is_optional`]).
    #[serde(default)]
    pub optional: bool,
}

impl FieldDef {
    /// The form does not always have the field (the definition says so, or
    /// the field has no label of its own): its absence is worth an `info`,
    /// not a `warning`.
    pub fn is_optional(&self) -> bool {
        self.optional || self.labels.is_empty()
    }

    /// The labels as written in the definition, for messages.
    pub fn label_texts(&self) -> impl Iterator<Item = &str> {
        self.labels.iter().map(Label::text)
    }
}

/// A recognition phrase, squeezed (lower-case, no spaces or hyphens).
#[derive(Debug, Deserialize)]
pub struct Phrase {
    /// The squeezed text.
    #[serde(rename = "text", deserialize_with = "squeezed")]
    pub squeezed: String,
    /// Its weight in the score.
    pub weight: f64,
}

/// A table column role and the headers that name it.
#[derive(Debug, Clone, Deserialize)]
pub struct ColumnDef {
    /// The role ("need_start", "budget", …).
    pub role: String,
    /// A header row must name at least one key column.
    #[serde(default)]
    pub key: bool,
    /// Header patterns.
    #[serde(deserialize_with = "patterns")]
    pub headers: Vec<LazyRegex>,
}

/// A households table row category.
#[derive(Debug, Clone, Deserialize)]
pub struct RowDef {
    /// The row's category.
    pub category: HouseholdCategory,
    /// The printed labels of the row.
    #[serde(deserialize_with = "patterns")]
    pub labels: Vec<LazyRegex>,
    /// The letter printed before the label ("A"), if any.
    pub letter: Option<String>,
    /// Words that must all occur in a reworded label of the row.
    #[serde(default, deserialize_with = "patterns")]
    pub keywords: Vec<LazyRegex>,
}

impl RowDef {
    /// Whether a label's text names this row by its keywords.
    pub fn named_by_keywords(&self, text: &str) -> bool {
        !self.keywords.is_empty() && self.keywords.iter().all(|re| re.is_match(text))
    }
}

/// A value and the patterns that stand for it (`code`, `role`, `value`,
/// `level` or `group` in the TOML, whichever the table kind uses).
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    /// The value in the data (an indicator code, a field role, a status, …).
    #[serde(
        alias = "code",
        alias = "role",
        alias = "value",
        alias = "level",
        alias = "group"
    )]
    pub name: String,
    /// Patterns of the printed wording.
    #[serde(alias = "codes", deserialize_with = "patterns")]
    pub labels: Vec<LazyRegex>,
}

impl Labelled {
    /// The earliest position any of the patterns matches in `text`.
    pub fn find(&self, text: &str) -> Option<usize> {
        self.labels
            .iter()
            .filter_map(|re| re.find(text).map(|m| m.start()))
            .min()
    }
}

/// The first of `options` whose patterns match `text`.
pub fn first_match<'a>(options: &'a [Labelled], text: &str) -> Option<&'a Labelled> {
    // Whether any pattern matches, not where: `is_match` stops at the first
    // match and skips locating its start.
    options
        .iter()
        .find(|o| o.labels.iter().any(|re| re.is_match(text)))
}

/// A table kind a form holds (indicators, budget, …), from `forms/tables.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct TableDef {
    /// The definition's name.
    pub name: String,
    /// The model list it fills.
    #[serde(deserialize_with = "table_list")]
    pub list: String,
    /// Column roles recognised by header wording.
    #[serde(default)]
    pub columns: Vec<ColumnDef>,
    /// Every column header as one alternation (`None` without headers): one
    /// search finds where the earliest header starts, instead of one search
    /// per header and cell text.
    #[serde(skip)]
    pub header_union: Option<Alternation>,
    /// For each key column, the headers of its role as one alternation: a
    /// row can only be a header row when each of these matches one of its
    /// cells, and checking that first spares the full column search on
    /// data rows.
    #[serde(skip)]
    pub key_headers: Vec<Alternation>,
    /// Indicator codes by label.
    #[serde(default)]
    pub vocabulary: Vec<Labelled>,
    /// Field roles of year tables by row or column label.
    #[serde(default)]
    pub fields: Vec<Labelled>,
    /// Activity statuses by code or word.
    #[serde(default)]
    pub statuses: Vec<Labelled>,
    /// Goal levels by row label.
    #[serde(default)]
    pub levels: Vec<Labelled>,
    /// Partner groups by group heading.
    #[serde(default)]
    pub groups: Vec<Labelled>,
    /// What counts as a tick in a matrix cell.
    #[serde(default, deserialize_with = "patterns")]
    pub ticks: Vec<LazyRegex>,
    /// Row categories by printed label (households).
    #[serde(default)]
    pub categories: Vec<RowDef>,
    /// Where the printed explanation inside a label cell starts.
    #[serde(default, deserialize_with = "patterns")]
    pub explanations: Vec<LazyRegex>,
    /// Headings that make a table's area (the first group, if any, is the
    /// area's number); empty when any heading does.
    #[serde(default, deserialize_with = "patterns")]
    pub areas: Vec<LazyRegex>,
    /// Headers of a label column that holds the rows' numbers too ("Nr.
    /// Aktivitet"): a number standing alone inside its label is the row's.
    #[serde(default, deserialize_with = "patterns")]
    pub numbered: Vec<LazyRegex>,
    /// How the table shows in a flattened transcript, if it can be found there.
    pub text: Option<TextDef>,
}

impl TableDef {
    /// Where the printed explanation inside a label ("Dette omfatter …") starts.
    pub fn explanation_start(&self, text: &str) -> Option<usize> {
        let starts = self.explanations.iter().filter_map(|re| re.find(text));
        starts.map(|m| m.start()).min()
    }

    /// The households row a label names, and the label as written: the
    /// form's printed label, else the letter printed before it ("A.", "B",
    /// "C)"), else the row's keywords in a reworded label (before its
    /// explanation). In running text (`prose`) a letter names a row only
    /// with one of the row's keywords: a paragraph may open with a letter.
    pub fn row_named(&self, label: &str, prose: bool) -> Option<(&RowDef, String)> {
        let flat = crate::sections::squash(label);
        for row in &self.categories {
            if let Some(m) = row.labels.iter().find_map(|re| re.find(&flat)) {
                return Some((row, m.as_str().to_string()));
            }
        }
        let before_explanation = |text: &str| {
            let cut = self.explanation_start(text).unwrap_or(text.len());
            text.get(..cut).unwrap_or(text).trim().to_string()
        };
        // A row known by its letter: "A." before text that is not a known label.
        let first = flat.split_whitespace().next().unwrap_or("");
        let letter = row_letter(first);
        let by_letter = self.categories.iter().find(|r| {
            letter.is_some_and(|l| r.letter.as_deref() == Some(l))
                && (!prose || r.keywords.iter().any(|k| k.is_match(&flat)))
        });
        if let Some(row) = by_letter {
            let rest = flat.get(first.len()..).unwrap_or("").trim();
            return Some((row, before_explanation(rest)));
        }
        // A reworded label: the words that tell the rows apart, in the label
        // before its explanation; the label is kept as written.
        let label = before_explanation(&flat);
        let row = self
            .categories
            .iter()
            .find(|r| r.named_by_keywords(&label))?;
        Some((row, label))
    }
}

/// A row's letter marker ("A.", "B", "C)") as a first word.
pub fn row_letter(first: &str) -> Option<&str> {
    let letter = first.trim_end_matches(['.', ')', ':']);
    (first.len() <= 2 && letter.len() == 1 && letter.chars().all(|c| c.is_ascii_uppercase()))
        .then_some(letter)
}

/// A table kind in a flattened transcript, where no cell borders are left:
/// what opens and closes it and what begins each of its rows.
#[derive(Debug, Clone, Deserialize)]
pub struct TextDef {
    /// Headings or header words where a table of the kind begins.
    #[serde(default, deserialize_with = "patterns")]
    pub starts: Vec<LazyRegex>,
    /// Headings where it ends at the latest.
    #[serde(default, deserialize_with = "patterns")]
    pub ends: Vec<LazyRegex>,
    /// Where a row label begins.
    #[serde(default, deserialize_with = "patterns")]
    pub rows: Vec<LazyRegex>,
    /// The printed header as it runs in text: a goal table must show it; an
    /// activity table's rows begin after it.
    #[serde(default, deserialize_with = "patterns")]
    pub headers: Vec<LazyRegex>,
    /// Row labels of a matrix (partners), as printed.
    #[serde(default, deserialize_with = "patterns")]
    pub actors: Vec<LazyRegex>,
    /// Printed text inside the table that belongs to no row (a footnote).
    #[serde(default, deserialize_with = "patterns")]
    pub skip: Vec<LazyRegex>,
}

/// One compiled form definition.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormDefinition {
    /// The form.
    #[serde(deserialize_with = "template")]
    pub template: Template,
    /// The kind unless a rule says otherwise.
    pub kind: Kind,
    /// How the period is decided.
    pub period_rule: PeriodRule,
    /// Least recognition score to accept the form.
    #[serde(default)]
    pub min_score: f64,
    /// Recognition phrases.
    #[serde(default)]
    pub recognise: Vec<Phrase>,
    /// Title patterns whose first group is the report year.
    #[serde(default, deserialize_with = "patterns")]
    pub title_year: Vec<LazyRegex>,
    /// Patterns of dates the form's tables print, whose first group is the
    /// report year (its digits may be spaced: "20 12").
    #[serde(default, deserialize_with = "patterns")]
    pub table_year: Vec<LazyRegex>,
    /// Cover titles deciding the kind, in order.
    #[serde(default, deserialize_with = "titles")]
    pub kind_titles: Vec<(LazyRegex, Kind)>,
    /// Titles naming the half year ("Andre halvår"), in order.
    #[serde(default, deserialize_with = "half_titles")]
    pub half_titles: Vec<(LazyRegex, u8)>,
    /// Never recognised: the definition for documents no form matches.
    #[serde(default)]
    pub fallback: bool,
    /// The file the definition was read from.
    #[serde(skip)]
    pub file: String,
    /// Titles that decide nothing (removed before `kind_titles` are tried).
    #[serde(default, deserialize_with = "patterns")]
    pub kind_titles_ignore: Vec<LazyRegex>,
    /// Markers where the label/value block starts.
    #[serde(default, deserialize_with = "labels")]
    pub region: Vec<Label>,
    /// Headings where the label/value block ends (searched after its start).
    #[serde(default, deserialize_with = "labels")]
    pub region_end: Vec<Label>,
    /// Cover patterns whose first group is the municipality.
    #[serde(default, deserialize_with = "patterns")]
    pub cover_municipality: Vec<LazyRegex>,
    /// Cover patterns whose first group is the report date.
    #[serde(default, deserialize_with = "patterns")]
    pub cover_date: Vec<LazyRegex>,
    /// The report title is the largest text on the first page.
    #[serde(default)]
    pub title_from_cover: bool,
    /// Printed cover text that is never the title.
    #[serde(default, deserialize_with = "patterns")]
    pub cover_boilerplate: Vec<LazyRegex>,
    /// The label/value fields.
    #[serde(default, rename = "field")]
    pub fields: Vec<FieldDef>,
    /// The tables of the form.
    #[serde(skip)]
    pub tables: Vec<TableDef>,
    /// Tables of the form that not every report has (their absence is an
    /// `info`).
    #[serde(default)]
    pub optional_tables: Vec<String>,
    /// Sentences the form prints inside answer cells and fields (its
    /// guidance), removed from every answer.
    #[serde(default, deserialize_with = "guidance")]
    pub guidance: Vec<LazyRegex>,
    /// Tables of this form alone, in the format of `tables.toml`.
    #[serde(default)]
    table: Vec<TableDef>,
    /// The names of the form's tables, its own or shared.
    #[serde(default, rename = "tables")]
    table_names: Vec<String>,
}

/// Lower-cases and removes whitespace and hyphens, so "ÅRS - OG HAL VÅ RS"
/// and "års- og halvårs" compare equal.
pub fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    squeeze_into(&mut out, text);
    out
}

/// [`squeeze`] appending to `out`; squeezing is done character by
/// character, so the squeeze of joined texts is the squeezes joined.
pub fn squeeze_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        // ASCII a byte at a time: it is most of the text and needs no decoding.
        let ascii = rest.bytes().take_while(u8::is_ascii).count();
        if ascii > 0 {
            for b in rest.bytes().take(ascii) {
                if !matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | b'-') {
                    out.push(char::from(b.to_ascii_lowercase()));
                }
            }
            rest = rest.get(ascii..).unwrap_or("");
            continue;
        }
        if !(c.is_whitespace() || matches!(c, '–' | '\u{ad}')) {
            out.extend(c.to_lowercase());
        }
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
}

/// Patterns compiled so far, by source: the forms repeat many labels and
/// headers, and compiling is most of the time it takes to load them.
static COMPILED: Built<LazyRegex> = LazyLock::new(Mutex::default);

thread_local! {
    /// Set while the built-in definitions load: their patterns are compiled
    /// on first use (see `lazy_regex`), those of other definitions at once.
    static LAZY: Cell<bool> = const { Cell::new(false) };
}

/// What `load` returns, with the patterns it makes compiled on first use.
fn lazily<T>(load: impl FnOnce() -> T) -> T {
    let before = LAZY.replace(true);
    let loaded = load();
    LAZY.set(before);
    loaded
}

/// A pattern of a definition, compiled now unless the definition loads
/// lazily; the error says which pattern does not compile and why.
fn compile(pattern: &str) -> Result<LazyRegex, String> {
    let re = built(&COMPILED, pattern, || {
        Ok::<_, String>(LazyRegex::new(pattern))
    })?;
    if !LAZY.get() {
        re.compile()
            .map_err(|e| format!("bad pattern {pattern:?}: {e}"))?;
    }
    Ok(re)
}

fn regex(file: &str, pattern: &str) -> Result<LazyRegex, FormError> {
    compile(pattern).map_err(|e| invalid(file, e))
}

/// What `make` builds of a string of a definition; its error is raised at
/// the string itself, so that the TOML error names the string's line.
struct FromStr<T>(fn(&str) -> Result<T, String>);

impl<T> serde::de::Visitor<'_> for FromStr<T> {
    type Value = T;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        (self.0)(v).map_err(E::custom)
    }
}

impl<'de, T> serde::de::DeserializeSeed<'de> for FromStr<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_str(self)
    }
}

/// [`FromStr`] of each string of a list.
struct EachStr<T>(fn(&str) -> Result<T, String>);

impl<'de, T> serde::de::Visitor<'de> for EachStr<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of strings")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = seq.next_element_seed(FromStr(self.0))? {
            out.push(item);
        }
        Ok(out)
    }
}

fn pattern<'de, D: Deserializer<'de>>(d: D) -> Result<LazyRegex, D::Error> {
    d.deserialize_str(FromStr(compile))
}

fn patterns<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<LazyRegex>, D::Error> {
    d.deserialize_seq(EachStr(compile))
}

fn labels<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Label>, D::Error> {
    d.deserialize_seq(EachStr(Label::new))
}

/// Guidance sentences, matched with any spacing between their words.
fn guidance<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<LazyRegex>, D::Error> {
    d.deserialize_seq(EachStr(|g| compile(&spaced_words(g))))
}

fn lower_case<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_seq(EachStr(|w| Ok(w.to_lowercase())))
}

fn squeezed<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_str(FromStr(|t| Ok(squeeze(t))))
}

fn template<'de, D: Deserializer<'de>>(d: D) -> Result<Template, D::Error> {
    d.deserialize_str(FromStr(|t| {
        Template::from_any_name(t).ok_or_else(|| {
            format!("template {t:?} is not a form name (lower-case letters, digits and _, starting with a letter)")
        })
    }))
}

/// `name` if `allowed` holds it: what a `owner` of a definition may fill
/// (the `what` of it).
fn one_of(name: &str, allowed: &[&str], what: &str, owner: &str) -> Result<String, String> {
    match allowed.contains(&name) {
        true => Ok(name.to_string()),
        false => Err(format!(
            "unknown {what} {name:?}; a {owner} fills one of {}",
            allowed.join(", ")
        )),
    }
}

fn field_target<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_str(FromStr(|t| {
        one_of(t, FIELD_TARGETS, "field target", "field")
    }))
}

/// The model lists a table may fill.
const TABLE_LISTS: &[&str] = &[
    "households",
    "indicators",
    "budget",
    "funding_by_year",
    "activities",
    "goals",
    "partners",
];

fn table_list<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_str(FromStr(|l| one_of(l, TABLE_LISTS, "list", "table")))
}

/// Titles, each a pattern and what it decides (`kind = …`, `half = …`).
fn titles<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<(LazyRegex, T)>, D::Error> {
    #[derive(Deserialize)]
    struct Title<T> {
        #[serde(deserialize_with = "pattern")]
        pattern: LazyRegex,
        #[serde(alias = "kind", alias = "half")]
        decides: T,
    }
    let titles = Vec::<Title<T>>::deserialize(d)?;
    Ok(titles.into_iter().map(|t| (t.pattern, t.decides)).collect())
}

fn half_titles<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(LazyRegex, u8)>, D::Error> {
    let titles: Vec<(LazyRegex, u8)> = titles(d)?;
    match titles.iter().find(|(_, half)| !matches!(half, 1 | 2)) {
        Some((pattern, other)) => Err(serde::de::Error::custom(format!(
            "half {other} of half title {:?} is not 1 or 2",
            pattern.as_str()
        ))),
        None => Ok(titles),
    }
}

/// A label of the form (a field's, a marker of the label block): whole
/// words with flexible whitespace, found as [`label_regex`] finds it, but
/// with the closing `\b` checked by hand at each match of the label without
/// it. A Unicode `\b` sends the regex crate to its slow engines for any
/// text outside ASCII (so for every Norwegian page), and labels are
/// searched over whole documents.
#[derive(Debug)]
pub struct Label {
    /// The label as given, for [`label_regex`].
    label: String,
    /// The label regex, `\b` included, built the first time it is needed
    /// (rarely: see [`Label::find_at`]).
    full: OnceLock<Option<LazyRegex>>,
    /// The label without the closing `\b`.
    bare: LabelSearch,
}

/// The search for a label without its closing word boundary: its
/// [`label_pattern`] compiled case-insensitively.
#[derive(Debug)]
enum LabelSearch {
    /// Matched without the regex engine (see `pattern::LabelPattern`).
    Words(LabelPattern),
    /// A label without words, left to the regex.
    Regex(LazyRegex),
}

impl LabelSearch {
    fn new(label: &str) -> Result<LabelSearch, String> {
        if let Some(words) = LabelPattern::new(label)? {
            return Ok(LabelSearch::Words(words));
        }
        Ok(LabelSearch::Regex(compile(&label_pattern(label))?))
    }

    /// The leftmost match starting at or after `at`.
    fn find_at(&self, haystack: &str, at: usize) -> Option<Range<usize>> {
        match self {
            LabelSearch::Words(words) => words.find_at(haystack, at).map(|(s, e)| s..e),
            LabelSearch::Regex(re) => re.find_at(haystack, at).map(|m| m.range()),
        }
    }
}

/// A label matches as whole words with flexible whitespace.
fn label_regex(file: &str, label: &str) -> Result<LazyRegex, FormError> {
    regex(file, &format!(r"{}\b", label_pattern(label)))
}

static_regex! {
    /// `\w` of the regex crate, for one character outside ASCII.
    WORD = r"\A\w\z";
}

/// Whether `c` is a word character as the regex crate's Unicode `\b` sees it.
fn is_regex_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        WORD.is_match(c.encode_utf8(&mut [0u8; 4]))
    }
}

impl Label {
    fn new(label: &str) -> Result<Label, String> {
        Ok(Label {
            label: label.to_string(),
            full: OnceLock::new(),
            bare: LabelSearch::new(label)?,
        })
    }

    /// The label as written in the definition.
    pub fn text(&self) -> &str {
        &self.label
    }

    /// The leftmost match starting at or after `from` (its byte range), as
    /// the label regex's `find_at` gives it.
    pub fn find_at(&self, haystack: &str, from: usize) -> Option<Range<usize>> {
        let mut at = from;
        loop {
            let m = self.bare.find_at(haystack, at)?;
            let before = haystack.get(..m.end).and_then(|h| h.chars().next_back());
            let after = haystack.get(m.end..).and_then(|h| h.chars().next());
            if before.is_some_and(is_regex_word) != after.is_some_and(is_regex_word) {
                return Some(m);
            }
            if m.start == 0 {
                // At the start the regex may also try its other opening
                // (`^` or a separator); it decides itself, once.
                let full = self
                    .full
                    .get_or_init(|| label_regex("", &self.label).ok())
                    .as_ref();
                return full
                    .and_then(|re| re.find_at(haystack, from))
                    .map(|m| m.range());
            }
            // Past the start the opening is one separator and the words
            // follow it without choice, so no other match starts here.
            let width = haystack
                .get(m.start..)
                .and_then(|h| h.chars().next())
                .map_or(1, char::len_utf8);
            at = m.start + width;
        }
    }

    /// The leftmost match in `haystack`.
    pub fn find(&self, haystack: &str) -> Option<Range<usize>> {
        self.find_at(haystack, 0)
    }

    /// The label's occurrences (byte ranges), left to right, not overlapping.
    pub fn find_iter<'h>(&'h self, haystack: &'h str) -> impl Iterator<Item = Range<usize>> + 'h {
        let mut at = 0;
        std::iter::from_fn(move || {
            if at > haystack.len() {
                return None;
            }
            let m = self.find_at(haystack, at)?;
            // An empty match (a label without words at the start) moves on
            // a character, as the regex's iterator does.
            let step = haystack.get(m.end..).and_then(|h| h.chars().next());
            at = m.end
                + if m.is_empty() {
                    step.map_or(1, char::len_utf8)
                } else {
                    0
                };
            Some(m)
        })
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.find(haystack).is_some()
    }
}

fn invalid(file: &str, message: String) -> FormError {
    FormError::Invalid {
        file: file.to_string(),
        line: None,
        message,
    }
}

/// 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |t| t.matches('\n').count()) + 1
}

/// A TOML syntax or shape error, with the line it names.
fn toml_error(file: &str, text: &str, e: &toml::de::Error) -> FormError {
    FormError::Invalid {
        file: file.to_string(),
        line: e.span().map(|span| line_of(text, span.start)),
        message: e.message().trim().to_string(),
    }
}

/// Gives an error found after parsing (an unknown table, a letterless
/// header) the line of the first value it quotes, when the file
/// holds that value; errors found while parsing have their line already.
fn with_line(error: FormError, text: &str) -> FormError {
    let FormError::Invalid {
        file,
        line: None,
        message,
    } = error
    else {
        return error;
    };
    let quoted = message.find('"').and_then(|start| {
        let rest = message.get(start..)?;
        let mut de = serde_json::Deserializer::from_str(rest).into_iter::<String>();
        de.next()?.ok()
    });
    let line = quoted
        .filter(|q| !q.is_empty())
        .and_then(|q| text.find(&q).map(|at| line_of(text, at)));
    FormError::Invalid {
        file,
        line,
        message,
    }
}

/// Texts without letters that a column header must not match: the table
/// mapper skips letterless cells when it looks for header rows (most cells
/// are numbers), which is only right while headers are words.
const LETTERLESS_PROBES: &[&str] = &["2010", "1 000", "12,5 %", "-", "0", "(1)", "31.12.2012"];

/// Refuses a column header that matches text without letters.
fn check_columns(file: &str, columns: &[ColumnDef]) -> Result<(), FormError> {
    // The built-in headers are probed by the tests (compiling them here
    // would undo their lazy compilation).
    if LAZY.get() {
        return Ok(());
    }
    for c in columns {
        if let Some(re) = c
            .headers
            .iter()
            .find(|re| LETTERLESS_PROBES.iter().any(|p| re.is_match(p)))
        {
            return Err(invalid(
                file,
                format!(
                    "column header {:?} of role {:?} matches text without letters; headers must name their column in words",
                    re.as_str(),
                    c.role
                ),
            ));
        }
    }
    Ok(())
}

fn key_headers(file: &str, columns: &[ColumnDef]) -> Result<Vec<Alternation>, FormError> {
    columns
        .iter()
        .filter(|c| c.key)
        .filter_map(|key| {
            // A header row needs the key's role, which any column of that role names.
            let mut patterns: Vec<&str> = columns
                .iter()
                .filter(|c| c.role == key.role)
                .flat_map(|c| c.headers.iter().map(LazyRegex::as_str))
                .collect();
            if patterns.is_empty() {
                // As an empty alternation did: it matches any text.
                patterns.push("");
            }
            Alternation::new(&patterns, |p| regex(file, p)).transpose()
        })
        .collect()
}

fn header_union(file: &str, columns: &[ColumnDef]) -> Result<Option<Alternation>, FormError> {
    let patterns: Vec<&str> = columns
        .iter()
        .flat_map(|c| c.headers.iter().map(LazyRegex::as_str))
        .collect();
    Alternation::new(&patterns, |p| regex(file, p))
}

/// Parses the shared table definitions.
pub fn parse_tables(file: &str, text: &str) -> Result<Vec<TableDef>, FormError> {
    #[derive(Deserialize)]
    struct Tables {
        table: Vec<TableDef>,
    }
    let mut raw: Tables = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
    compile_tables(file, &mut raw.table).map_err(|e| with_line(e, text))?;
    Ok(raw.table)
}

/// Checks read table definitions and builds their header searches.
fn compile_tables(file: &str, tables: &mut [TableDef]) -> Result<(), FormError> {
    for t in tables {
        check_columns(file, &t.columns)?;
        t.header_union = header_union(file, &t.columns)?;
        t.key_headers = key_headers(file, &t.columns)?;
    }
    Ok(())
}

impl FormDefinition {
    /// Parses and compiles one definition, taking its tables from its own
    /// `[[table]]` entries, then from `shared`.
    pub fn parse(file: &str, text: &str, shared: &[TableDef]) -> Result<Self, FormError> {
        let form: FormDefinition = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
        form.compile(file, shared).map_err(|e| with_line(e, text))
    }

    fn compile(mut self, file: &str, shared: &[TableDef]) -> Result<Self, FormError> {
        if self.template == Template::Unknown && !self.fallback {
            return Err(invalid(
                file,
                "template \"unknown\" is only for the fallback definition (fallback = true)"
                    .to_string(),
            ));
        }
        if !self.fallback && self.recognise.is_empty() {
            return Err(invalid(
                file,
                "a form needs recognise phrases (recognise = [{ text = \"…\", weight = 1.0 }])"
                    .to_string(),
            ));
        }
        compile_tables(file, &mut self.table)?;
        self.tables = self
            .table_names
            .iter()
            .map(|name| {
                self.table
                    .iter()
                    .chain(shared)
                    .find(|t| &t.name == name)
                    .cloned()
                    .ok_or_else(|| invalid(file, format!("unknown table {name:?}")))
            })
            .collect::<Result<_, _>>()?;
        self.file = file.to_string();
        Ok(self)
    }

    /// Total weight of the recognition phrases.
    pub fn max_score(&self) -> f64 {
        self.recognise.iter().map(|p| p.weight).sum()
    }
}

fn parse_builtin(shared: &[TableDef]) -> Result<Vec<FormDefinition>, FormError> {
    lazily(|| {
        SOURCES
            .iter()
            .map(|(file, text)| FormDefinition::parse(file, text, shared))
            .collect()
    })
}

/// The built-in shared tables.
fn builtin_tables() -> Result<Vec<TableDef>, FormError> {
    lazily(|| parse_tables(TABLES.0, TABLES.1))
}

static BUILTIN: LazyLock<Result<Vec<FormDefinition>, FormError>> =
    LazyLock::new(|| parse_builtin(&builtin_tables()?));

/// The built-in forms, read once per process (patterns compiled on first use).
pub fn builtin() -> Result<&'static [FormDefinition], FormError> {
    BUILTIN.as_deref().map_err(Clone::clone)
}

/// The built-in forms with the definitions in `dir` (`*.toml`, not its
/// subfolders): a definition whose `template` is a built-in form's replaces
/// that form, one with a new name is added, and a `tables.toml` there adds
/// table kinds (or replaces those of the same name) for every form. The
/// first definition that does not load stops the loading, with its file
/// and line.
pub fn load_dir(dir: &std::path::Path) -> Result<Vec<FormDefinition>, FormError> {
    let io = |path: &std::path::Path, e: std::io::Error| FormError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(FormError::Io {
            path: dir.display().to_string(),
            message: "holds no form definitions (*.toml)".to_string(),
        });
    }
    let read = |path: &std::path::Path| std::fs::read_to_string(path).map_err(|e| io(path, e));
    let mut shared = builtin_tables()?;
    let (table_files, form_files): (Vec<_>, Vec<_>) = files
        .iter()
        .partition(|p| p.file_name().is_some_and(|n| n == TABLES.0));
    for path in table_files {
        for table in parse_tables(&path.display().to_string(), &read(path)?)? {
            shared.retain(|t| t.name != table.name);
            shared.push(table);
        }
    }
    let mut forms = parse_builtin(&shared)?;
    for path in form_files {
        let form = FormDefinition::parse(&path.display().to_string(), &read(path)?, &shared)?;
        forms.retain(|f| f.template != form.template && !(f.fallback && form.fallback));
        forms.push(form);
    }
    Ok(forms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_form_compiles() {
        let forms = builtin().expect("built-in forms compile");
        assert_eq!(forms.len(), 5);
        assert_eq!(forms.iter().filter(|f| f.fallback).count(), 1);
        let templates: Vec<_> = forms.iter().map(|f| f.template).collect();
        assert!(templates.contains(&Template::Arsrapport2012));
        assert!(templates.contains(&Template::Sluttrapport));
        for form in forms.iter().filter(|f| !f.fallback) {
            assert!(form.max_score() >= form.min_score, "{:?}", form.template);
        }
    }

    /// The built-in definitions load with their patterns uncompiled; loaded
    /// as a run-time definition is, every pattern compiles and every column
    /// header passes the letterless probes.
    #[test]
    fn every_builtin_pattern_compiles_as_a_folder_definition_would() {
        let shared = parse_tables(TABLES.0, TABLES.1).expect("shared tables compile");
        for (file, text) in SOURCES {
            let form = FormDefinition::parse(file, text, &shared);
            assert!(form.is_ok(), "{file}: {:?}", form.err());
        }
    }

    #[test]
    fn lazy_patterns_compile_on_first_use_and_a_broken_one_matches_nothing() {
        let lazy = lazily(|| regex("x.toml", r"tilskudd\s+fra\s+hb")).expect("not compiled");
        assert!(lazy.is_match("Tilskudd fra HB"));
        let broken = lazily(|| regex("x.toml", r"(unclosed")).expect("not compiled yet");
        assert!(!broken.is_match("(unclosed"));
        assert!(!broken.is_match(""));
        let eager = regex("x.toml", r"(unclosed");
        assert!(eager.is_err_and(|e| e.to_string().contains("bad pattern")));
    }

    const FIFTH: &str = r#"
template = "kbp_2017"
kind = "arsrapport"
period_rule = "title_year"
min_score = 1.0
recognise = [{ text = "Kommunalt boligsosialt program", weight = 1.0 }]
tables = ["tiltak"]

[[table]]
name = "tiltak"
list = "activities"
columns = [{ role = "plan", key = true, headers = ['Planlagt'] }]
"#;

    #[test]
    fn a_folder_adds_forms_and_replaces_built_in_ones() {
        let dir = std::env::temp_dir().join(format!("skjema-forms-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("kbp.toml"), FIFTH).expect("written");
        let replaced = SOURCES
            .iter()
            .find(|(f, _)| *f == "sluttrapport.toml")
            .map(|(_, t)| t.replace("min_score = 4.0", "min_score = 9.0"))
            .expect("sluttrapport.toml");
        std::fs::write(dir.join("slutt.toml"), replaced).expect("written");
        std::fs::write(dir.join("notes.txt"), "not a definition").expect("written");
        let forms = load_dir(&dir);
        let _ = std::fs::remove_dir_all(&dir);
        let forms = forms.expect("the folder loads");
        assert_eq!(forms.len(), 6);
        let kbp = forms
            .iter()
            .find(|f| f.template.as_str() == "kbp_2017")
            .expect("the new form");
        assert_eq!(kbp.tables.len(), 1);
        assert_eq!(
            kbp.tables.first().map(|t| t.list.as_str()),
            Some("activities")
        );
        let slutt: Vec<_> = forms
            .iter()
            .filter(|f| f.template == Template::Sluttrapport)
            .collect();
        assert_eq!(slutt.len(), 1);
        assert_eq!(slutt.first().map(|f| f.min_score), Some(9.0));
    }

    #[test]
    fn a_broken_definition_names_its_line() {
        let shared = parse_tables(TABLES.0, TABLES.1).expect("tables");
        let cases = [
            (
                FIFTH.replace("\"arsrapport\"", "\"aarsrapport\""),
                3,
                "aarsrapport",
            ),
            (FIFTH.replace("min_score = 1.0", "min_score = x"), 5, ""),
            (
                FIFTH.replace("'Planlagt'", "'Planlagt('"),
                12,
                "bad pattern",
            ),
            (
                FIFTH.replace(
                    "tables = [\"tiltak\"]",
                    "tables = [\"tiltak\"]\ntitle_year = [\n  '(\\d{4})',\n  '(\\d{4}',\n]",
                ),
                10,
                "bad pattern",
            ),
            (
                FIFTH.replace("\"activities\"", "\"aktiviteter\""),
                11,
                "unknown list",
            ),
            (
                FIFTH.replace("tables = [\"tiltak\"]", "tables = [\"tiltak\"]\ncolour = 1"),
                8,
                "colour",
            ),
            (
                FIFTH.replace(
                    "tables = [\"tiltak\"]",
                    "tables = [\"tiltak\"]\nhalf_titles = [{ pattern = 'Høst', half = 3 }]",
                ),
                8,
                "half 3 of half title \"Høst\" is not 1 or 2",
            ),
        ];
        for (text, line, says) in cases {
            let err = FormDefinition::parse("kbp.toml", &text, &shared).expect_err("refused");
            let message = err.to_string();
            assert!(
                message.starts_with(&format!("form definition kbp.toml, line {line}: ")),
                "{message}"
            );
            assert!(message.contains(says), "{message}");
        }
    }

    #[test]
    fn squeeze_ignores_letter_spacing() {
        assert_eq!(
            squeeze("ÅRS - OG HAL VÅ RSRAPPORTERING"),
            squeeze("års- og halvårsrapportering")
        );
    }

    #[test]
    fn squeeze_lowers_every_character() {
        let reference = |text: &str| -> String {
            text.chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '–' | '\u{ad}'))
                .flat_map(char::to_lowercase)
                .collect()
        };
        for text in [
            "ÅRS - OG HAL VÅ RSRAPPORTERING\t\u{b}x\u{1c}",
            "Sluttrapport – Bo\u{ad}lig\u{a0}SOSIALT İstanbul ΣΑΣ",
            "",
        ] {
            assert_eq!(squeeze(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn column_headers_must_be_words() {
        let raw = |h: &str| ColumnDef {
            role: "r".into(),
            key: false,
            headers: vec![regex("t", h).expect("compiles")],
        };
        assert!(check_columns("t", &[raw(r"^\s*Budsjett")]).is_ok());
        let err = check_columns("t", &[raw(r"^\s*\d{4}")]).expect_err("a year header is refused");
        assert!(err.to_string().contains("without letters"), "{err}");
    }

    #[test]
    fn field_labels_need_word_boundaries() {
        let l = Label::new("Kommune").expect("compiles");
        assert!(l.is_match("Kommune : Moss"));
        assert!(l.is_match("Kommune"));
        assert!(!l.is_match("Programkommune: x"));
        assert!(!l.is_match("Kommuneøkonomi: x"));
        assert!(l.is_match("Kommuneøkonomi og Kommune : Moss"));
        let m: Vec<_> = l
            .find_iter("I Moss Kommune : Moss kommune")
            .map(|m| m.end)
            .collect();
        assert_eq!(m, vec![14, 29]);
        let colon = Label::new("Tlf:").expect("compiles");
        assert!(colon.is_match("Tlf:99"));
        assert!(
            !colon.is_match("Tlf: 99"),
            "like \\b after a colon, a word must follow"
        );
    }

    #[test]
    fn label_searches_find_what_the_regex_finds() {
        let texts = [
            "Kommune: Moss",
            "kommune kommune,kommune",
            "xKommune Kommune",
            "KOMMUNENS\n  NAVN: a kommunens navn",
            "aaaa aa aaa",
            "\u{212A}ommune og \u{212A}OMMUNE",
            "é kommune\u{345}kommune",
            "(a) b (a)  b((a)\tb",
            "E-post: x E-POST e-post",
            "Tlf:99 tlf: 98",
            "",
        ];
        for label in [
            "Kommune",
            "Kommunens navn",
            "E-post",
            "Tlf:",
            "(a) b",
            "aa",
            "",
        ] {
            let words: Vec<String> = label.split_whitespace().map(regex::escape).collect();
            let re = regex::Regex::new(&format!(
                r"(?i)(?:^|[^\p{{L}}\p{{N}}]){}",
                words.join(r"\s+")
            ))
            .expect("compiles");
            let search = LabelSearch::new(label).expect("compiles");
            let full = label_regex("t", label).expect("compiles");
            let whole = Label::new(label).expect("compiles");
            for text in texts {
                let want: Vec<_> = full.find_iter(text).map(|m| m.range()).collect();
                let got: Vec<_> = whole.find_iter(text).collect();
                assert_eq!(got, want, "{label:?} in {text:?}");
                for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    let want = re.find_at(text, at).map(|m| m.range());
                    assert_eq!(
                        search.find_at(text, at),
                        want,
                        "{label:?} in {text:?} at {at}"
                    );
                    let want = full.find_at(text, at).map(|m| m.range());
                    assert_eq!(
                        whole.find_at(text, at),
                        want,
                        "{label:?} in {text:?} at {at}"
                    );
                }
            }
        }
    }

    #[test]
    fn marker_labels_find_what_the_regex_finds() {
        let texts = [
            "Rapportering på hovedmål",
            "x Rapportering  på\nHOVEDMÅL: y",
            "Rapportering på hovedmålene, så Rapportering på hovedmål.",
            "Rapportering på hovedmål_x (Rapportering på hovedmål\u{301}) -Rapportering på hovedmål",
            "_Rapportering på hovedmål2 Rapportering på hovedmål",
            "",
            "Delrapportering på hovedmål og rapportering på hovedmål",
        ];
        for label in ["Rapportering på hovedmål", "E-post", "(a) b", ""] {
            let marker = Label::new(label).expect("compiles");
            let re = label_regex("t", label).expect("compiles");
            for text in texts
                .iter()
                .map(|t| t.replace("Rapportering på hovedmål", label))
            {
                let want = re.find(&text).map(|m| m.range());
                assert_eq!(marker.find(&text), want, "{label:?} in {text:?}");
            }
        }
    }

    #[test]
    fn label_regex_needs_word_boundaries() {
        let re = label_regex("t", "Kommune").expect("compiles");
        assert!(re.is_match("Kommune : Moss"));
        assert!(!re.is_match("Programkommune: x"));
        assert!(re.is_match("I Moss Kommune : Moss kommune"));
    }
}
