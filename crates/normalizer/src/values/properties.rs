//! Property tests: the parsers read back what a writer could have typed, and
//! never panic on whatever a text layer delivers.

use proptest::prelude::*;

use super::*;
use crate::municipality::{find_in_text, Register};

/// Groups the digits of `n` in threes with `sep`, as a form writer would.
fn grouped(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut groups: Vec<String> = Vec::new();
    let mut rest = digits.as_str();
    while rest.len() > 3 {
        let (head, tail) = rest.split_at(rest.len() - 3);
        groups.push(tail.to_string());
        rest = head;
    }
    groups.push(rest.to_string());
    groups.reverse();
    groups.join(sep)
}

const SEPARATORS: &[&str] = &["", " ", ".", "\u{00A0}", "\u{2009}", "\u{202F}"];
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

/// Strings built from the pieces real cells are made of, more likely than
/// arbitrary Unicode to reach deep into the parsers.
fn cell_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[0-9]{1,4}",
        Just(".".to_string()),
        Just(",".to_string()),
        Just("-".to_string()),
        Just("–".to_string()),
        Just(" ".to_string()),
        Just("\u{00A0}".to_string()),
        Just("%".to_string()),
        Just("?".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("kr".to_string()),
        Just(",-".to_string()),
        Just("mill".to_string()),
        Just("ca.".to_string()),
        Just("+47".to_string()),
        Just("/".to_string()),
        Just("@".to_string()),
        Just("kommune".to_string()),
        Just("Bydel".to_string()),
        Just("Moss".to_string()),
        Just("Re".to_string()),
        Just("mars".to_string()),
        Just("des.".to_string()),
        Just("æøå".to_string()),
        Just("\u{00AD}".to_string()),
        Just("\u{FB01}".to_string()),
        Just("e\u{0301}".to_string()),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

fn exercise_everything(s: &str) {
    let _ = parse_number(s);
    let _ = parse_date(s, Some(2013));
    let _ = parse_date(s, None);
    for (_, span) in find_dates(s, Some(2013)) {
        assert!(s.get(span).is_some());
    }
    let _ = parse_phones(s);
    let _ = parse_emails(s);
    let _ = clean_text(s);
    let _ = clean_name(s);
    let _ = join_wrapped_lines(&[s, s]);
    let _ = Register::global().resolve(s, (2013, 7, 1));
    if let Some(m) = find_in_text(s, (2013, 7, 1)) {
        assert!(s.get(m.span).is_some());
    }
}

proptest! {
    #[test]
    fn integers_read_back_in_every_grouping(
        n in 0u64..10_000_000_000_000,
        sep in prop::sample::select(SEPARATORS),
        negative in any::<bool>(),
        money in 0usize..4,
    ) {
        let body = grouped(n, sep);
        let body = if negative { format!("-{body}") } else { body };
        let text = match money {
            0 => body,
            1 => format!("kr {body}"),
            2 => format!("{body},-"),
            _ => format!("Kr. {body} ,-"),
        };
        let p = parse_number(&text);
        let expected = if negative { -(n as f64) } else { n as f64 };
        prop_assert_eq!(p.value, Some(expected), "{:?} gave {:?}", text, p);
        prop_assert!(!p.uncertain);
        prop_assert_eq!(p.value.and_then(super::whole_kroner), Some(if negative { -(n as i64) } else { n as i64 }));
    }

    #[test]
    fn valid_dates_read_back(
        year in 1990i32..2030,
        month in 1u32..=12,
        day in 1u32..=28,
        style in 0usize..5,
    ) {
        let text = match style {
            0 => format!("{day}.{month}.{year}"),
            1 => format!("{day:02}.{month:02}.{year}"),
            2 => format!("{day}. {} {year}", MONTHS[month as usize - 1]),
            3 => format!("{year}-{month:02}-{day:02}"),
            _ => format!("{day:02}.{month:02}.{:02}", year % 100),
        };
        let expected = PartialDate::ymd(year, month, day);
        prop_assert!(expected.is_some());
        prop_assert_eq!(parse_date(&text, None), expected, "{}", text);
        let sentence = format!("Behandlet {text}, og igjen {text}.");
        let found = find_dates(&sentence, None);
        prop_assert_eq!(found.len(), 2, "{}", sentence);
        for (date, span) in found {
            prop_assert_eq!(Some(date), expected);
            prop_assert_eq!(sentence.get(span), Some(text.as_str()));
        }
    }

    #[test]
    fn eight_digit_phones_read_back(
        n in 20_000_000u64..100_000_000,
        style in 0usize..5,
    ) {
        let d = n.to_string();
        let text = match style {
            0 => d.clone(),
            1 => format!("{} {} {} {}", &d[..2], &d[2..4], &d[4..6], &d[6..]),
            2 => format!("+47 {} {} {}", &d[..3], &d[3..5], &d[5..]),
            3 => format!("0047 {d}"),
            _ => format!("{d} / {d}"),
        };
        let phones = parse_phones(&text);
        prop_assert!(!phones.is_empty());
        for p in phones {
            prop_assert_eq!(&p.digits, &d, "{}", text);
            prop_assert!(!p.unusual);
        }
    }

    #[test]
    fn nothing_panics_on_cell_like_text(s in cell_like()) {
        exercise_everything(&s);
    }

    #[test]
    fn nothing_panics_on_arbitrary_text(s in any::<String>()) {
        exercise_everything(&s);
    }
}
