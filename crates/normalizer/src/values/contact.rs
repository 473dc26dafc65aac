//! Phone numbers and e-mail addresses from the contact fields, which often
//! hold two people's details separated by "/".

use super::text::normalize_spaces;

/// One phone number, digits only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// Digits without country code ("95012345").
    pub digits: String,
    /// Not the eight digits of a Norwegian number: the caller raises
    /// `unusual_phone` and keeps it.
    pub unusual: bool,
}

impl Phone {
    fn new(digits: String) -> Self {
        let unusual = digits.len() != 8;
        Phone { digits, unusual }
    }
}

static_regex! {
    DIGIT_RUN = r"(?:\+|00)?[0-9]+";
    LIST_SEPARATOR = r"(?i)[/,;]|\b(?:og|eller)\b|\p{L}";
}

/// Every phone number in a field. Digit groups are collected until they make
/// eight digits ("67 93 43 24", "+47 950 12 345"); "/", ",", ";", "og" and
/// any word end a number early, so no two numbers are glued together.
pub fn parse_phones(raw: &str) -> Vec<Phone> {
    let text = normalize_spaces(raw);
    let mut phones = Vec::new();
    let mut current = String::new();
    let mut last_end = 0;
    for m in DIGIT_RUN.find_iter(&text) {
        let between = text.get(last_end..m.start()).unwrap_or("");
        last_end = m.end();
        if !current.is_empty() && LIST_SEPARATOR.is_match(between) {
            phones.push(Phone::new(std::mem::take(&mut current)));
        }
        let token = m.as_str();
        let had_country_code = token.starts_with('+') || token.starts_with("0047");
        let mut digits = token.trim_start_matches('+');
        if had_country_code && current.is_empty() {
            if let Some(rest) = digits
                .strip_prefix("0047")
                .or_else(|| digits.strip_prefix("47"))
            {
                digits = rest;
            }
        }
        if digits.is_empty() {
            continue;
        }
        if !current.is_empty() && current.len() + digits.len() > 8 {
            phones.push(Phone::new(std::mem::take(&mut current)));
        }
        current.push_str(digits);
        if current.len() >= 8 {
            phones.push(Phone::new(std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        phones.push(Phone::new(current));
    }
    phones
}

static_regex! {
    EMAIL = r"[\p{L}0-9._%+\-]+@[\p{L}0-9\-]+(?:\.[\p{L}0-9\-]+)*\.[\p{L}]{2,}";
}

static_regex! {
    /// The rest of a domain a narrow cell broke anywhere ("mmune.no").
    DOMAIN_TAIL = r"^[\p{Ll}0-9\-]*(?:\.[\p{Ll}0-9\-]+)*\.\p{Ll}{2,}(?:[\s,;]|$)";
}

/// An address wrapped in a narrow cell, broken at a full stop or a hyphen
/// ("synnove.bakke@bergen.kommune" / ".no", "Kho@x.no/Anne-" / "Kari.B@x.no")
/// or inside a word of its domain ("ola@moss.ko" / "mmune.no"), is one
/// address: a line break between the two halves is dropped.
fn join_wrapped_addresses(raw: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in raw.split('\n') {
        let start = line.trim_start();
        let joins = lines.last().is_some_and(|last| {
            let end = last.trim_end();
            let open_address = end.rsplit(char::is_whitespace).next().unwrap_or("");
            !start.is_empty()
                && ((end.ends_with(['.', '-']) && end.contains('@'))
                    || (end.ends_with('-') && start.contains('@'))
                    || (open_address.contains('@') && DOMAIN_TAIL.is_match(start)))
        });
        match lines.last_mut() {
            Some(last) if joins => {
                last.truncate(last.trim_end().len());
                last.push_str(start);
            }
            _ => lines.push(line.to_string()),
        }
    }
    lines.join("\n")
}

/// Every e-mail address in a field, lower-case, in order.
pub fn parse_emails(raw: &str) -> Vec<String> {
    let text = normalize_spaces(&join_wrapped_addresses(raw));
    EMAIL
        .find_iter(&text)
        .map(|m| m.as_str().trim_matches(['.', '-']).to_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_wrapped_at_a_full_stop_or_hyphen_is_one_address() {
        assert_eq!(
            parse_emails("synnove.bakke@bergen.kommune\n .no"),
            vec!["synnove.bakke@bergen.kommune.no"]
        );
        assert_eq!(
            parse_emails("Kho@stavanger.kommune.no/Anne-\nKari.Braten@stavanger.kommune.no"),
            vec![
                "kho@stavanger.kommune.no",
                "anne-kari.braten@stavanger.kommune.no"
            ]
        );
        assert_eq!(
            parse_emails("ola.n@moss.kom\nmune.no og\nkari@moss.ko\nmmune.no"),
            vec!["ola.n@moss.kommune.no", "kari@moss.kommune.no"]
        );
        // Two addresses on two lines stay two.
        assert_eq!(parse_emails("a@b.no\nc@d.no"), vec!["a@b.no", "c@d.no"]);
    }

    fn digits(raw: &str) -> Vec<String> {
        parse_phones(raw).into_iter().map(|p| p.digits).collect()
    }

    #[test]
    fn norwegian_numbers_in_any_grouping() {
        for raw in [
            "95012345",
            "950 12 345",
            "95 01 23 45",
            "+47 950 12 345",
            "+4795012345",
            "0047 95012345",
            "(+47) 950 12 345",
            "950.12.345",
        ] {
            let phones = parse_phones(raw);
            assert_eq!(
                phones,
                [Phone {
                    digits: "95012345".into(),
                    unusual: false
                }],
                "{raw:?}"
            );
        }
        assert_eq!(digits("67 93 43 24"), ["67934324"]);
        assert_eq!(digits("Telefon: 33064113"), ["33064113"]);
    }

    #[test]
    fn several_numbers_are_split() {
        assert_eq!(digits("95778644/97543729"), ["95778644", "97543729"]);
        assert_eq!(digits("95778644 / 97543729"), ["95778644", "97543729"]);
        assert_eq!(digits("95778644 97543729"), ["95778644", "97543729"]);
        assert_eq!(digits("67 93 43 24, 950 12 345"), ["67934324", "95012345"]);
        assert_eq!(digits("33064113 og 93650608"), ["33064113", "93650608"]);
        assert_eq!(digits("33064113; 93650608"), ["33064113", "93650608"]);
        assert_eq!(
            digits("tlf 33064113 mob 93650608"),
            ["33064113", "93650608"]
        );
    }

    #[test]
    fn unusual_numbers_are_kept_and_flagged() {
        let phones = parse_phones("815 55 / 95778644");
        assert_eq!(phones.len(), 2);
        assert_eq!(phones[0].digits, "81555");
        assert!(phones[0].unusual);
        assert!(!phones[1].unusual);
        // a short number is not glued onto the next one across a separator
        assert_eq!(digits("1234/5678"), ["1234", "5678"]);
        assert!(parse_phones("").is_empty());
        assert!(parse_phones("ikke oppgitt").is_empty());
    }

    #[test]
    fn emails() {
        assert_eq!(
            parse_emails("roald.engman@moss.kommune.no/tore.ekran@moss.kommune.no"),
            ["roald.engman@moss.kommune.no", "tore.ekran@moss.kommune.no"]
        );
        assert_eq!(
            parse_emails("E-post: Solfrid.Nilsen@holmestrand.kommune.no."),
            ["solfrid.nilsen@holmestrand.kommune.no"]
        );
        assert_eq!(
            parse_emails("wsa@lorenskog.kommune.no, ola@ås.kommune.no"),
            ["wsa@lorenskog.kommune.no", "ola@ås.kommune.no"]
        );
        assert!(parse_emails("ikke oppgitt").is_empty());
        assert!(parse_emails("@ moss.kommune.no").is_empty());
    }
}
