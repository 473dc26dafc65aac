use super::*;

const MID_2013: Day = (2013, 7, 1);

fn found(name: &str, at: Day) -> Resolved {
    match Register::global().resolve(name, at) {
        Resolution::Found(r) => r,
        other => panic!("{name:?} at {at:?}: {other:?}"),
    }
}

#[test]
fn register_is_whole() {
    let reg = Register::global();
    assert_eq!(reg.count_at((2009, 7, 1)), 430);
    assert_eq!(reg.count_at((2012, 7, 1)), 429);
    assert_eq!(reg.count_at(MID_2013), 428);
    assert_eq!(reg.count_at((2017, 7, 1)), 426);
    assert_eq!(reg.count_at((2020, 7, 1)), 356);
    assert_eq!(reg.count_at((2024, 7, 1)), 357);
}

#[test]
fn programme_municipalities_in_2013() {
    // (name as written, number 2013, number today, county 2013)
    let cases = [
        ("Moss kommune", "0104", "3103", "Østfold"),
        ("Elverum", "0427", "3420", "Hedmark"),
        ("Lørenskog kommune", "0230", "3222", "Akershus"),
        ("Holmestrand", "0702", "3903", "Vestfold"),
        ("Hammerfest kommune", "2004", "5603", "Finnmark"),
        ("Nedre Eiker", "0625", "3301", "Buskerud"),
        ("Tønsberg", "0704", "3905", "Vestfold"),
        ("Sørum", "0226", "3205", "Akershus"),
        ("Mandal", "1002", "4205", "Vest-Agder"),
        ("Steinkjer", "1702", "5006", "Nord-Trøndelag"),
        ("Narvik", "1805", "1806", "Nordland"),
        ("Ringsaker", "0412", "3411", "Hedmark"),
        ("Hamar", "0403", "3403", "Hedmark"),
        ("Kristiansand kommune", "1001", "4204", "Vest-Agder"),
        ("Oslo kommune", "0301", "0301", "Oslo"),
        ("Bergen", "1201", "4601", "Hordaland"),
        ("Trondheim", "1601", "5001", "Sør-Trøndelag"),
        ("Harstad", "1903", "5503", "Troms"),
        ("Rygge", "0136", "3103", "Østfold"),
    ];
    for (name, number, current, county) in cases {
        let r = found(name, MID_2013);
        assert_eq!(r.number, number, "{name}");
        assert_eq!(r.number_current.as_deref(), Some(current), "{name}");
        assert_eq!(r.county, county, "{name}");
        assert_eq!(r.district, None, "{name}");
    }
}

#[test]
fn official_spelling_and_case_insensitivity() {
    for written in [
        "Moss kommune",
        "MOSS KOMMUNE",
        "Moss",
        "moss.",
        " Moss kommune, ",
    ] {
        let r = found(written, MID_2013);
        assert_eq!(r.name, "Moss", "{written}");
        assert_eq!(r.via, MatchVia::OfficialName);
    }
    let r = found("LØRENSKOG KOMMUNES", MID_2013);
    assert_eq!(r.name, "Lørenskog");
}

#[test]
fn districts_resolve_to_their_city() {
    for written in [
        "Bydel Alna",
        "bydel alna",
        "Oslo kommune, bydel Alna",
        "Alna",
    ] {
        let r = found(written, MID_2013);
        assert_eq!(r.number, "0301", "{written}");
        assert_eq!(r.name, "Oslo", "{written}");
        assert_eq!(r.district.as_deref(), Some("Alna"), "{written}");
        assert_eq!(r.via, MatchVia::District, "{written}");
    }
    let r = found("Bydel Grorud", MID_2013);
    assert_eq!(
        (r.number.as_str(), r.district.as_deref()),
        ("0301", Some("Grorud"))
    );
    let r = found("Bydel St. Hanshaugen", MID_2013);
    assert_eq!(r.district.as_deref(), Some("St. Hanshaugen"));
}

#[test]
fn the_date_decides_number_and_county() {
    let r = found("Moss", (2020, 7, 1));
    assert_eq!((r.number.as_str(), r.county.as_str()), ("3002", "Viken"));
    assert_eq!(r.number_current.as_deref(), Some("3103"));
    let r = found("Moss", (2024, 7, 1));
    assert_eq!((r.number.as_str(), r.county.as_str()), ("3103", "Østfold"));
    // after the merger the old name is an alias for the new municipality
    let r = found("Nedre Eiker", (2022, 7, 1));
    assert_eq!((r.number.as_str(), r.name.as_str()), ("3005", "Drammen"));
    assert_eq!(r.via, MatchVia::Alias);
    let r = found("Sørum", (2021, 1, 1));
    assert_eq!((r.number.as_str(), r.name.as_str()), ("3030", "Lillestrøm"));
    let r = found("Holmestrand", (2018, 7, 1));
    assert_eq!(r.number, "0715");
    let r = found("Steinkjer", (2018, 7, 1));
    assert_eq!(r.number, "5004");
}

#[test]
fn name_parts_of_multilingual_names() {
    let r = found("Hammerfest", (2019, 7, 1));
    assert_eq!(r.name, "Hammerfest - Hámmerfeasta");
    assert_eq!(r.via, MatchVia::NamePart);
    let r = found("Kautokeino", MID_2013);
    assert_eq!(r.number, "2011");
    let r = found("Guovdageaidnu", MID_2013);
    assert_eq!(r.number, "2011");
}

#[test]
fn splits_have_no_single_successor() {
    let r = found("Tysfjord", MID_2013);
    assert_eq!(r.number, "1850");
    assert_eq!(r.number_current, None);
    assert_eq!(r.current_candidates, ["1806", "1875"]);
}

#[test]
fn homonyms_are_ambiguous_and_unknown_names_not_found() {
    let reg = Register::global();
    match reg.resolve("Våler", MID_2013) {
        Resolution::Ambiguous(c) => {
            let numbers: Vec<&str> = c.iter().map(|c| c.number.as_str()).collect();
            assert_eq!(numbers, ["0137", "0426"]);
        }
        other => panic!("Våler: {other:?}"),
    }
    assert_eq!(found("Våler (Østfold)", MID_2013).number, "0137");
    assert_eq!(found("Våler i Hedmark kommune", MID_2013).number, "0426");
    assert_eq!(
        reg.resolve("Atlantis kommune", MID_2013),
        Resolution::NotFound
    );
    assert_eq!(reg.resolve("", MID_2013), Resolution::NotFound);
    assert_eq!(reg.resolve("kommune", MID_2013), Resolution::NotFound);
    // Moss did not exist before the register starts, nor "Lillestrøm" in 2013
    assert_eq!(reg.resolve("Lillestrøm", MID_2013), Resolution::NotFound);
}

#[test]
fn converts_to_the_model() {
    let m = skjema_model::Municipality::from(&found("Bydel Alna", MID_2013));
    assert_eq!(m.name.as_deref(), Some("Oslo"));
    assert_eq!(m.number.as_deref(), Some("0301"));
    assert_eq!(m.number_current.as_deref(), Some("0301"));
    assert_eq!(m.county.as_deref(), Some("Oslo"));
    assert_eq!(m.district.as_deref(), Some("Alna"));
}

fn in_text(text: &str) -> Option<(String, Option<String>, String)> {
    find_in_text(text, MID_2013).map(|m| {
        let written = text.get(m.span.clone()).unwrap_or("").to_string();
        (m.resolved.number, m.resolved.district, written)
    })
}

#[test]
fn finds_the_municipality_in_titles() {
    let cases = [
        (
            "ÅRSRAPPORT 2012 KOMMUNE: Moss kommune",
            "0104",
            None,
            "Moss kommune",
        ),
        (
            "HALVÅRSRAPPORTERING FRA RINGSAKER KOMMUNE",
            "0412",
            None,
            "RINGSAKER",
        ),
        (
            "Aktivitetsplan og halvårsrapportering for 2014 Bydel Alna",
            "0301",
            Some("Alna"),
            "Bydel Alna",
        ),
        (
            "Kommune : Lørenskog kommune Programleder: Wenche Sandlie",
            "0230",
            None,
            "Lørenskog kommune",
        ),
        (
            "Kommunens navn: Holmestrand kommune Programleder: Solfrid Nilsen",
            "0702",
            None,
            "Holmestrand kommune",
        ),
        (
            "Sluttrapport Boligsosialt utviklingsprogram i Nedre Eiker kommune",
            "0625",
            None,
            "Nedre Eiker",
        ),
        (
            "Halvårsrapport juni 2013 Hammerfest",
            "2004",
            None,
            "Hammerfest",
        ),
        ("Rapport fra Re kommune", "0716", None, "Re"),
        ("Kommune: Hole", "0612", None, "Hole"),
        (
            "z Husbanken REG1ON ØST ELVERUM KOMMUNE",
            "0427",
            None,
            "ELVERUM",
        ),
        (
            "HALVÅRSRAPPORTER1NG FRA R1NGSAKER KOMMUNE",
            "0412",
            None,
            "R1NGSAKER",
        ),
    ];
    for (text, number, district, written) in cases {
        let got = in_text(text);
        assert_eq!(
            got,
            Some((
                number.to_string(),
                district.map(str::to_string),
                written.to_string()
            )),
            "{text}"
        );
    }
}

#[test]
fn common_words_are_not_municipalities() {
    for text in [
        "Vi har et godt samarbeid med NAV og skal se på Hole i budsjettet",
        "Re-etablering av boligkontoret",
        "Time for evaluering",
        "Rapport om bostøtte og startlån",
        "",
    ] {
        assert_eq!(in_text(text), None, "{text}");
    }
}

#[test]
fn finds_a_district_named_after_the_word_bydel_only() {
    let district = |text: &str| {
        find_district(text, MID_2013).map(|m| (m.resolved.number, m.resolved.district))
    };
    assert_eq!(
        district("Oslo kommune\nSLUTTRAPPORT\nBydel Søndre Nordstrand, Oslo kommune"),
        Some(("0301".to_string(), Some("Søndre Nordstrand".to_string())))
    );
    // A district's name without the word is an ordinary word.
    assert_eq!(district("Oslo kommune, Sentrum og Alna"), None);
}
