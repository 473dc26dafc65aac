//! Numbers as Norwegian municipalities typed them: thousands grouped with
//! spaces or dots, decimal comma, "kr"/",-" around money, "mill" multipliers,
//! "?" for doubt and "6-10" for ranges.

use regex::Regex;

use super::text::normalize_spaces;

/// What kind of number a cell held, so the caller knows which issue to raise
/// and which unit to record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// A bare number.
    Plain,
    /// Marked as kroner ("kr", ",-", "kroner", "mill").
    Money,
    /// Marked with "%" or "prosent".
    Percent,
    /// Two numbers joined by a dash ("6-10"): no single value.
    Range,
    /// Nothing, "-", "kr ,-": the municipality left it blank.
    Blank,
    /// Text that is not a readable number.
    Unparsed,
}

/// The outcome of reading one cell as a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberParse {
    /// The value, `None` for blanks, ranges and unreadable text.
    pub value: Option<f64>,
    /// "10?" or "ca. 40": a value the writer was not sure of.
    pub uncertain: bool,
    /// What the cell looked like.
    pub kind: NumberKind,
}

impl NumberParse {
    /// A cell with no value (a blank, a range, unreadable text), marked
    /// uncertain or not.
    fn without_value(kind: NumberKind, uncertain: bool) -> Self {
        NumberParse {
            value: None,
            uncertain,
            kind,
        }
    }
}

/// Whole kroner, rounded; `None` when it is too large to be an amount.
pub fn whole_kroner(v: f64) -> Option<i64> {
    (v.is_finite() && v.abs() < 1e15).then(|| v.round() as i64)
}

/// An integer count; `None` when it has a fraction (a count of 1,5
/// households is a reading error, not a count) or is too large.
pub fn whole_count(v: f64) -> Option<i64> {
    (v.is_finite() && v.abs() < 1e15 && v.fract() == 0.0).then_some(v as i64)
}

static_regex! {
    PREFIX_MONEY = r"^(?:kr|nok)\.?";
    PREFIX_ABOUT = r"^(?:ca\.|ca:|ca\b|cirka\b|omtrent\b|om lag\b|~|≈)\s*";
    /// ",-" after an amount, also in the "kr ,-" of an empty money cell.
    SUFFIX_DASH = r"\s*[,.]\s*-+$";
    SUFFIX_MONEY = r"(?:kr\.?|kroner|nok)$";
    /// A count's unit: "24 stk." (pieces), or the noun counted ("70 husstander").
    SUFFIX_COUNT = r"(?:stk\.?|stykk|husstand(?:er)?|personer|boliger|familier)$";
    SUFFIX_MULTIPLIER = r"(?:mill\.?|millioner|million|mnok|mrd\.?|milliarder|milliard|tusen)$";
    /// A percent sign or word, optionally followed by words ("30 % utført").
    PERCENT = r"\s*(?:%|prosent)[\p{L}\s.]*$";
    RANGE = r"^([0-9][0-9 .,]*?)\s*(?:-|til)\s*([0-9][0-9 .,]*)$";
    /// "1 000 000", "1.200.000", "1 234,50", "1.234,50": thousands groups of
    /// exactly three digits with one kind of separator.
    GROUPED = r"^(\d{1,3}(?: \d{3})+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3}){2,})(?:,(\d+))?$";
    DECIMAL_COMMA = r"^(\d+)(?:,(\d+))?$";
    DECIMAL_POINT = r"^(\d+)\.(\d+)$";
}

/// Reads a cell as a number. See MODEL.md "Values" for the forms accepted.
pub fn parse_number(raw: &str) -> NumberParse {
    let norm = normalize_spaces(raw)
        .to_lowercase()
        .replace(['\u{2013}', '\u{2014}', '\u{2212}', '\u{2012}'], "-");
    let mut s: &str = norm.trim();

    let mut money = false;
    let mut uncertain = false;
    let mut percent = false;
    let mut negative = false;
    let mut multiplier = 1.0_f64;

    // Outer parentheses mean a negative amount in accounts: "(150 000)".
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        s = inner.trim();
    }

    // Peel markers off both ends until nothing changes.
    loop {
        let before = s;
        if let Some(m) = PREFIX_MONEY.find(s) {
            let rest = s.get(m.end()..).unwrap_or("");
            if !rest.chars().next().is_some_and(char::is_alphabetic) {
                money = true;
                s = rest.trim_start();
            }
        }
        if let Some(m) = PREFIX_ABOUT.find(s) {
            uncertain = true;
            s = s.get(m.end()..).unwrap_or("");
        }
        if let Some(rest) = s.strip_prefix('-') {
            negative = !negative;
            s = rest.trim_start();
        } else if let Some(rest) = s.strip_prefix('+') {
            s = rest.trim_start();
        }
        if let Some(rest) = s.strip_suffix('?') {
            uncertain = true;
            s = rest.trim_end();
        }
        if let Some(m) = PERCENT.find(s) {
            percent = true;
            s = s.get(..m.start()).unwrap_or("").trim_end();
        }
        if let Some(m) = SUFFIX_DASH.find(s) {
            money = true;
            s = s.get(..m.start()).unwrap_or("");
        }
        if let Some((rest, _)) = strip_word_suffix(s, &SUFFIX_MONEY) {
            money = true;
            s = rest;
        }
        if let Some((rest, _)) = strip_word_suffix(s, &SUFFIX_COUNT) {
            s = rest;
        }
        if let Some((rest, word)) = strip_word_suffix(s, &SUFFIX_MULTIPLIER) {
            let word = word.trim_end_matches('.');
            multiplier *= if word == "tusen" {
                1e3
            } else if word.starts_with("mrd") || word.starts_with("milliard") {
                1e9
            } else {
                1e6
            };
            money = true;
            s = rest;
        }
        s = s.trim();
        if s == before {
            break;
        }
    }

    if s.is_empty() || s.chars().all(|c| matches!(c, '-' | ',' | '.' | ' ')) {
        if uncertain {
            // "?" alone: something was meant, but no value was given
            return NumberParse::without_value(NumberKind::Unparsed, true);
        }
        return NumberParse::without_value(NumberKind::Blank, false);
    }

    if let Some(caps) = RANGE.captures(s) {
        let low = caps.get(1).and_then(|m| core_value(m.as_str().trim()));
        let high = caps.get(2).and_then(|m| core_value(m.as_str().trim()));
        if low.is_some() && high.is_some() {
            return NumberParse::without_value(NumberKind::Range, uncertain);
        }
    }

    match core_value(s) {
        Some(v) => {
            let v = v * multiplier;
            NumberParse {
                value: Some(if negative { -v } else { v }),
                uncertain,
                kind: if percent {
                    NumberKind::Percent
                } else if money {
                    NumberKind::Money
                } else {
                    NumberKind::Plain
                },
            }
        }
        None => NumberParse::without_value(NumberKind::Unparsed, uncertain),
    }
}

/// Removes a unit word matched at the end of `s`, but only when it is a
/// word of its own (not the tail of "Ikke avklart"): the rest and the word.
fn strip_word_suffix<'a>(s: &'a str, re: &Regex) -> Option<(&'a str, &'a str)> {
    let m = re.find(s)?;
    let rest = s.get(..m.start())?;
    if rest.chars().next_back().is_some_and(char::is_alphabetic) {
        return None;
    }
    Some((rest.trim_end(), m.as_str()))
}

/// The number itself, with every marker removed. Separate numbers ("12 11")
/// are never glued together: a thousands group has exactly three digits.
fn core_value(s: &str) -> Option<f64> {
    if let Some(caps) = GROUPED.captures(s) {
        let int: String = caps
            .get(1)?
            .as_str()
            .chars()
            .filter(|c| c.is_ascii_digit())
            .collect();
        let frac = caps.get(2).map_or("", |m| m.as_str());
        return to_f64(&int, frac);
    }
    if let Some(caps) = DECIMAL_COMMA.captures(s) {
        return to_f64(
            caps.get(1)?.as_str(),
            caps.get(2).map_or("", |m| m.as_str()),
        );
    }
    if let Some(caps) = DECIMAL_POINT.captures(s) {
        return to_f64(caps.get(1)?.as_str(), caps.get(2)?.as_str());
    }
    None
}

fn to_f64(int: &str, frac: &str) -> Option<f64> {
    let text = if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    };
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(raw: &str) -> Option<f64> {
        parse_number(raw).value
    }

    fn check(raw: &str, expected: Option<f64>, kind: NumberKind, uncertain: bool) {
        let p = parse_number(raw);
        assert_eq!(p.value, expected, "value of {raw:?}: {p:?}");
        assert_eq!(p.kind, kind, "kind of {raw:?}: {p:?}");
        assert_eq!(p.uncertain, uncertain, "uncertain of {raw:?}: {p:?}");
    }

    #[test]
    fn a_count_with_its_unit() {
        use NumberKind::*;
        check("24 stk.", Some(24.0), Plain, false);
        check("1 200 stk", Some(1_200.0), Plain, false);
        check("ca. 60 stk.", Some(60.0), Plain, true);
        check("70 husstander", Some(70.0), Plain, false);
        // Not the tail of a word.
        check("Ikke avklart", None, Unparsed, false);
    }

    #[test]
    fn thousands_separators() {
        use NumberKind::*;
        check("1 000 000", Some(1_000_000.0), Plain, false);
        check("1.200.000", Some(1_200_000.0), Plain, false);
        check("1\u{00A0}000\u{00A0}000", Some(1_000_000.0), Plain, false);
        check("8\u{2009}560\u{2009}507", Some(8_560_507.0), Plain, false);
        check("8\u{202F}560\u{202F}507", Some(8_560_507.0), Plain, false);
        check("12 110", Some(12_110.0), Plain, false);
        check("1,200,000", Some(1_200_000.0), Plain, false);
        check("0", Some(0.0), Plain, false);
        check(" 31 ", Some(31.0), Plain, false);
    }

    #[test]
    fn money_markers() {
        use NumberKind::*;
        check("Kr. 800.000", Some(800_000.0), Money, false);
        check("kr 8 560 507", Some(8_560_507.0), Money, false);
        check("kr8 560 507", Some(8_560_507.0), Money, false);
        check("40 933 000,-", Some(40_933_000.0), Money, false);
        check("40 933 000,–", Some(40_933_000.0), Money, false);
        check("500 000 kr", Some(500_000.0), Money, false);
        check("NOK 1 000", Some(1_000.0), Money, false);
        check("57,7 mill", Some(57_700_000.0), Money, false);
        check("57,7 mill.", Some(57_700_000.0), Money, false);
        check("12 millioner kroner", Some(12_000_000.0), Money, false);
        check("1,5 mrd", Some(1_500_000_000.0), Money, false);
        check("kr 2,5 mill", Some(2_500_000.0), Money, false);
    }

    #[test]
    fn percent() {
        use NumberKind::*;
        check("30%", Some(30.0), Percent, false);
        check("30 % utført", Some(30.0), Percent, false);
        check("100 prosent", Some(100.0), Percent, false);
        check("%", None, Blank, false);
    }

    #[test]
    fn negatives() {
        use NumberKind::*;
        check("-150 000", Some(-150_000.0), Plain, false);
        check("(150 000)", Some(-150_000.0), Plain, false);
        check("\u{2013}150 000", Some(-150_000.0), Plain, false);
        check("\u{2212}150 000", Some(-150_000.0), Plain, false);
        check("- 150 000", Some(-150_000.0), Plain, false);
        check("kr -150 000,-", Some(-150_000.0), Money, false);
    }

    #[test]
    fn uncertain_values() {
        use NumberKind::*;
        check("10?", Some(10.0), Plain, true);
        check("10 ?", Some(10.0), Plain, true);
        check("ca. 40", Some(40.0), Plain, true);
        check("ca 40", Some(40.0), Plain, true);
        check("Ca. 1 000 000 kr", Some(1_000_000.0), Money, true);
        check("?", None, Unparsed, true);
    }

    #[test]
    fn ranges_are_not_values() {
        use NumberKind::*;
        check("6-10", None, Range, false);
        check("6\u{2013}10", None, Range, false);
        check("6 - 10", None, Range, false);
        check("6-10?", None, Range, true);
    }

    #[test]
    fn blanks() {
        for raw in [
            "", "  ", "-", "\u{2013}", "kr ,-", ",-", "kr", "Kr.", "\u{00A0}",
        ] {
            check(raw, None, NumberKind::Blank, false);
        }
    }

    #[test]
    fn decimals() {
        assert_eq!(value("1 234,50"), Some(1234.5));
        assert_eq!(value("1.234,50"), Some(1234.5));
        assert_eq!(value("3.5"), Some(3.5));
        assert_eq!(value("3,5"), Some(3.5));
        assert_eq!(value("0,25"), Some(0.25));
    }

    #[test]
    fn unreadable_text_is_not_guessed() {
        use NumberKind::*;
        check("12 11", None, Unparsed, false);
        check("12 11 31", None, Unparsed, false);
        check("1 00", None, Unparsed, false);
        check("Ikke avklart", None, Unparsed, false);
        check("31 søkere har fått", None, Unparsed, false);
        check("1.2.3", None, Unparsed, false);
        check("kr ikke avklart", None, Unparsed, false);
    }

    #[test]
    fn whole_kroner_and_counts() {
        assert_eq!(
            parse_number("57,7 mill").value.and_then(whole_kroner),
            Some(57_700_000)
        );
        assert_eq!(
            parse_number("1 234,50").value.and_then(whole_kroner),
            Some(1235)
        );
        assert_eq!(
            parse_number("(150 000)").value.and_then(whole_kroner),
            Some(-150_000)
        );
        assert_eq!(parse_number("-").value.and_then(whole_kroner), None);
        assert_eq!(parse_number("12").value.and_then(whole_count), Some(12));
        assert_eq!(parse_number("10?").value.and_then(whole_count), Some(10));
        assert_eq!(parse_number("3,5").value.and_then(whole_count), None);
        assert_eq!(parse_number("6-10").value.and_then(whole_count), None);
    }
}
