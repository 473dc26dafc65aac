//! The four real transcripts in `../shared/seeds/` run through the text path
//! and come out with the right form, municipality and period (TEMPLATES.md
//! names them: Lørenskog halvår 2011, Holmestrand halvår June 2013,
//! Hammerfest sluttrapport August 2014, Moss årsrapport 2012).

use std::path::PathBuf;

use skjema_extractor::{extract, ExtractOptions, MediaType};
use skjema_model::{IssueCode, Kind, Report, Template};
use skjema_normalizer::{normalize, SourceInfo};

fn seed(prefix: &str) -> Option<Report> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let path = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })?;
    let bytes = std::fs::read(&path).ok()?;
    let doc = extract(&bytes, &ExtractOptions::default()).expect("a seed transcript extracts");
    assert_eq!(doc.media_type, MediaType::Text);
    Some(normalize(
        &doc,
        &SourceInfo {
            path: path.display().to_string(),
            sha256: "0".repeat(64),
        },
    ))
}

fn require(prefix: &str) -> Report {
    match seed(prefix) {
        Some(r) => r,
        None => panic!("seed {prefix} not found under ../shared/seeds (shared/ must sit beside the repository)"),
    }
}

#[test]
fn lorenskog_half_year_2011() {
    let r = require("000_");
    assert_eq!(r.template, Template::ArsHalvar2011);
    assert_eq!(r.kind, Kind::Halvarsrapport);
    assert_eq!((r.period.year, r.period.half), (Some(2011), Some(1)));
    assert_eq!(r.municipality.name.as_deref(), Some("Lørenskog"));
    assert_eq!(r.municipality.number.as_deref(), Some("0230"));
    assert_eq!(r.reporting.date.as_deref(), Some("2011-08-31"));
    assert_eq!(r.reporting.emails, vec!["wsa@lorenskog.kommune.no"]);
}

#[test]
fn holmestrand_half_year_june() {
    let r = require("001_");
    assert_eq!(r.template, Template::HalvarSor2012);
    assert_eq!(r.kind, Kind::Halvarsrapport);
    assert_eq!(r.municipality.name.as_deref(), Some("Holmestrand"));
    assert_eq!(r.municipality.number_current.as_deref(), Some("3903"));
    assert_eq!(r.period.half, Some(1), "delivered 20.6. → first half");
    // The transcript has lost every "2013" (its Ressursbruk header reads
    // "2010 2011 2012 2014"), so the year cannot be read; it must be flagged,
    // not guessed.
    match r.period.year {
        Some(2013) => {}
        None => {
            assert!(
                r.issues.iter().any(|i| i.code == IssueCode::MissingField
                    && i.field.as_deref() == Some("period.year")),
                "a missing year must raise an issue"
            )
        }
        Some(other) => panic!("guessed year {other}"),
    }
    assert_eq!(r.reporting.phones, vec!["33064113", "93650608"]);
    assert_eq!(r.programme.start.as_deref(), Some("2011-10"));
}

#[test]
fn hammerfest_final_report_august_2014() {
    let r = require("002_");
    assert_eq!(r.template, Template::Sluttrapport);
    assert_eq!(r.kind, Kind::Sluttrapport);
    assert_eq!(r.period.year, Some(2014));
    assert_eq!(r.reporting.date.as_deref(), Some("2014-08"));
    assert_eq!(r.municipality.name.as_deref(), Some("Hammerfest"));
    assert_eq!(r.municipality.number.as_deref(), Some("2004"));
    assert_eq!(
        r.programme.leader.as_deref(),
        Some("Ann Kristin N. Strandheim")
    );
}

#[test]
fn moss_annual_report_2012() {
    let r = require("003_");
    assert_eq!(r.template, Template::Arsrapport2012);
    assert_eq!(r.kind, Kind::Arsrapport);
    // "Rapporteringsår: 2013" is the year of delivery; the cover says ÅRSRAPPORT 2012.
    assert_eq!((r.period.year, r.period.half), (Some(2012), None));
    assert_eq!(r.municipality.name.as_deref(), Some("Moss"));
    assert_eq!(r.municipality.number.as_deref(), Some("0104"));
    assert_eq!(r.municipality.county.as_deref(), Some("Østfold"));
    assert_eq!(r.reporting.date.as_deref(), Some("2013-03-22"));
    assert_eq!(r.reporting.phones, vec!["95778644", "97543729"]);
    assert_eq!(
        r.reporting.emails,
        vec!["roald.engman@moss.kommune.no", "tore.ekran@moss.kommune.no"]
    );
    assert_eq!(
        r.programme.owner.as_deref(),
        Some("Fung. kommunalsjef Silje Hobbel")
    );
    assert_eq!(r.programme.start.as_deref(), Some("2010-11"));
}

#[test]
fn moss_households_from_flattened_text_are_flagged_not_guessed() {
    let r = require("003_");
    let categories: Vec<&str> = r.households.iter().map(|h| h.category.as_str()).collect();
    assert_eq!(categories, ["A", "B", "C", "barnefamilier"]);
    // The transcript's A row reads "… 35 42 …": two numbers for three columns.
    assert!(r
        .households
        .iter()
        .all(|h| h.need_start.is_none() && h.housed.is_none()));
    assert_eq!(r.households[0].as_of_start.as_deref(), Some("2012-01-01"));
    // "31.12.20 12" in the transcript is still 2012-12-31.
    assert_eq!(r.households[0].as_of_end.as_deref(), Some("2012-12-31"));
    assert_eq!(r.households[3].as_of_start.as_deref(), Some("2013-01-01"));
    let flagged: Vec<&str> = r
        .issues
        .iter()
        .filter(|i| i.code == IssueCode::UnmappedValue)
        .filter_map(|i| i.raw.as_deref())
        .collect();
    assert!(
        flagged.iter().any(|raw| raw.starts_with("35 42")),
        "{flagged:?}"
    );
    assert!(flagged.iter().any(|raw| raw.contains("13?")), "{flagged:?}");
}
