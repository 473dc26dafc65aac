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
fn moss_households_from_flattened_text_inline() {
    let r = require("003_");
    let categories: Vec<&str> = r.households.iter().map(|h| h.category.as_str()).collect();
    assert_eq!(categories, ["A", "B", "C", "barnefamilier"]);
    // "A. … 35 42 Det er usikkerhet …": the run of numbers after the label
    // fills the columns from the left, the text after it is the comment.
    // "B. … C. … 10 10? 180 Antakelser …": B's label is directly followed by
    // C's, so B is empty and the numbers are C's (both flagged).
    let counts: Vec<(Option<i64>, Option<i64>, Option<i64>)> = r
        .households
        .iter()
        .map(|h| (h.need_start, h.need_end, h.housed))
        .collect();
    assert_eq!(
        counts,
        vec![
            (Some(35), Some(42), None),
            (None, None, None),
            (Some(10), Some(10), Some(180)),
            (Some(13), None, None),
        ]
    );
    assert!(r.households[0].comment.as_deref().is_some_and(|c| c
        .starts_with("Det er usikkerhet knyttet til tallet for 2011.")
        && !c.contains("Formålet med disse kolonnene")
        && c.ends_with("Housing first prinsipp.")));
    assert!(r.households[2]
        .comment
        .as_deref()
        .is_some_and(|c| c.ends_with("utgjør 70 av disse.")));
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
    assert_eq!(
        issue_raws(&r, "households"),
        vec![("households[1]", None), ("households[2]", Some("10"))],
        "{flagged:?}"
    );
}

fn issue_raws<'r>(r: &'r Report, field_prefix: &str) -> Vec<(&'r str, Option<&'r str>)> {
    r.issues
        .iter()
        .filter(|i| i.code == IssueCode::UnmappedValue)
        .filter_map(|i| {
            let field = i.field.as_deref()?;
            field
                .starts_with(field_prefix)
                .then_some((field, i.raw.as_deref()))
        })
        .collect()
}

#[test]
fn moss_indicators_from_flattened_text() {
    let r = require("003_");
    // Page 9 of the transcript, C.1 and C.2 in running text:
    // "Antall fullfinansierte boligkjøp med startlån Herav antall med fastrente 68
    //  Etterspørselen etter startlån er sterkt økende. … Antall boligkjøp hvor
    //  startlån utgjør del av finansiering (samfinansierte boligkjøp) 26 Antall
    //  boligkjøp med startlån, boligtilskudd 84 Antall startlån som har muliggjort
    //  overgang fra kommunalt disponert bolig til egen eid bolig 2 Antall tilskudd
    //  til tilpasning, ev. sammen med startlån, benyttet til private boliger 1
    //  Antall bostøttemottakere Januar 2012 1213 C.2. Kommunalt disponerte boliger,
    //  søknader og tildelinger Tall kan hentes fra kommunens rapportering til
    //  KOSTRA 1564 Antall kommunalt disponerte boliger 730 Antall fremskaffede
    //  kommunalt disponerte boliger med tilsagn om boligtilskudd 6 Antall
    //  fremskaffede kommunalt disponerte boliger med tilsagn om
    //  investeringstilskudd 52 Skoggata bo- og servicesenter. … Antall nye
    //  søknader om kommunalt disponerte boliger 231 Antall nye tildelinger av
    //  kommunal utleiebolig 138"
    let got: Vec<(&str, Option<f64>)> = r
        .indicators
        .iter()
        .map(|i| (i.code.as_str(), i.value))
        .collect();
    assert_eq!(
        got,
        vec![
            // No number after the label, then "fastrente 68": a label
            // directly followed by the next is empty, the 68 is fastrente's.
            ("startlan_fullfinansiert", None),
            ("startlan_fastrente", Some(68.0)),
            ("startlan_samfinansiert", Some(26.0)),
            ("startlan_med_boligtilskudd", Some(84.0)),
            ("startlan_leie_til_eie", Some(2.0)),
            ("tilskudd_tilpasning", Some(1.0)),
            ("bostotte_mottakere", Some(1213.0)),
            // "KOSTRA 1564 Antall kommunalt disponerte boliger 730": 1564
            // follows no label.
            ("kommunale_boliger", Some(730.0)),
            ("boliger_boligtilskudd", Some(6.0)),
            ("boliger_investeringstilskudd", Some(52.0)),
            ("nye_soknader_kommunal_bolig", Some(231.0)),
            ("nye_tildelinger_kommunal_bolig", Some(138.0)),
        ]
    );
    // "Antall bostøttemottakere Januar 2012": the date belongs to the label.
    assert_eq!(
        r.indicators[6].label,
        "Antall bostøttemottakere Januar 2012"
    );
    assert_eq!(r.indicators[6].as_of.as_deref(), Some("2012-01"));
    assert!(r.indicators[9]
        .comment
        .as_deref()
        .is_some_and(|c| c.starts_with("Skoggata bo- og servicesenter.")));
    // The 1564 follows no label: the issue is on the table's rows
    // (kommunale_boliger … nye_tildelinger), not on one of them.
    assert_eq!(
        issue_raws(&r, "indicators"),
        vec![("indicators[7..12]", Some("1564"))]
    );
    assert!(r
        .issues
        .iter()
        .filter(|i| i
            .field
            .as_deref()
            .is_some_and(|f| f.starts_with("indicators")))
        .all(|i| i.page == Some(9)));
    let p = &r.provenance["indicators[2].value"];
    assert_eq!((p.page, p.raw.as_str(), p.bbox), (9, "26", None));
}

#[test]
fn moss_economy_from_flattened_text() {
    let r = require("003_");
    // Page 15: "Regnskap Regnskap Budsjett Tilskudd fra HB (kompetansetilskudd) Egen
    // finansiering kommunen Annen finansiering TOTALT Avvik totalt (+/-) Tilskudd
    // HB Avvik (+/-) Aktivitet 1. Programledelse og kompetanse utvikling. Kr.
    // 800.000 Kr. 700.000 Kr. 100.000 Ikke avklart Aktivitet 2. …": three amounts
    // under a header of more columns (two of them printed twice) — no column
    // can be told, so none is set.
    let activities: Vec<&str> = r
        .budget
        .iter()
        .filter_map(|b| b.activity.as_deref())
        .collect();
    assert_eq!(activities.len(), 9, "{activities:?}");
    assert_eq!(
        activities[0],
        "Aktivitet 1. Programledelse og kompetanse utvikling."
    );
    assert_eq!(activities[6], "Totalt Moss kommune.");
    assert!(r.budget.iter().all(|b| b.budget.is_none()
        && b.grant_husbanken.is_none()
        && b.own_funding.is_none()
        && b.total.is_none()));
    let budget = issue_raws(&r, "budget");
    assert_eq!(
        budget.first(),
        Some(&("budget[0]", Some("Kr. 800.000 Kr. 700.000 Kr. 100.000")))
    );
    // "Aktivitet 5. Bygging av samlokaliserte boliger i Peer Gyntsvei. Eget
    // budsjett" shows no amount and raises nothing.
    assert!(!budget.iter().any(|(f, _)| *f == "budget[3]"));
    // The text after a row's amounts is its note, on the page where it
    // begins: row 3's "Ikke avklart" is followed by page 16's "etablering av
    // oppsøkende booppfølging …", the rest of its activity cell.
    let notes: Vec<Option<&str>> = r.budget.iter().map(|b| b.note.as_deref()).collect();
    let unclear = Some("Ikke avklart");
    assert_eq!(notes[..5], [unclear, unclear, unclear, None, unclear]);
    assert_eq!(
        notes[5],
        Some("Ikke avklart Ikke påløpt utgifter i 2012. Bevilling overføres 2013")
    );
    assert_eq!(notes[6], None);
    // Page 17: "Samlet oversikt over hele programperioden: 2010 Tilskudd fra
    // Husbanken Egenfinansiering fra kommunen Annen finansiering Overføring av
    // ubrukte Husbank midler 2011 1.200.000 2012 1.800.000 700.000 Det vil være
    // nødvendig med overføring av tilskudd pga. for sent igangsatte
    // tiltak/prosjekter. 2013 900.000 Beløp ennå ikke avklart. 2014 1.100.000"
    let years: Vec<i32> = r.funding_by_year.iter().map(|f| f.year).collect();
    assert_eq!(years, [2010, 2011, 2012, 2013, 2014]);
    // A year's amounts fill the columns from the left; 2010 is directly
    // followed by the header and is empty.
    let amounts: Vec<(Option<i64>, Option<i64>, Option<i64>)> = r
        .funding_by_year
        .iter()
        .map(|f| (f.grant_husbanken, f.own_funding, f.other_funding))
        .collect();
    assert_eq!(
        amounts,
        vec![
            (None, None, None),
            (Some(1_200_000), None, None),
            (Some(1_800_000), Some(700_000), None),
            (Some(900_000), None, None),
            (Some(1_100_000), None, None),
        ]
    );
    assert_eq!(
        r.funding_by_year[2].note.as_deref(),
        Some("Det vil være nødvendig med overføring av tilskudd pga. for sent igangsatte tiltak/prosjekter.")
    );
    assert_eq!(
        r.funding_by_year[3].note.as_deref(),
        Some("Beløp ennå ikke avklart.")
    );
    assert_eq!(
        issue_raws(&r, "funding_by_year"),
        vec![
            ("funding_by_year[1]", Some("1.200.000")),
            ("funding_by_year[2]", Some("1.800.000 700.000")),
            ("funding_by_year[3]", Some("900.000")),
            ("funding_by_year[4]", Some("1.100.000")),
        ]
    );
}

#[test]
fn holmestrand_tables_from_flattened_text() {
    let r = require("001_");
    // "7. Ressursbruk 2010 2011 2012 2014 Tilsagn om 1 000 000 1 200 000 1 000 000
    // kompetansetilskudd Utbetalt beløp 1 000 000 0 Kommunal 310 662 360 000
    // egenfinansiering Totalt forbruk per dato 1 310 662 1 560 000": four years,
    // no row with four amounts, and "310 662 360 000" may be one amount or two.
    let years: Vec<i32> = r.funding_by_year.iter().map(|f| f.year).collect();
    assert_eq!(years, [2010, 2011, 2012, 2014]);
    assert!(r.funding_by_year.iter().all(|f| f.grant_husbanken.is_none()
        && f.paid_out.is_none()
        && f.own_funding.is_none()
        && f.total.is_none()));
    assert_eq!(
        issue_raws(&r, "funding_by_year"),
        vec![
            (
                "funding_by_year[*].grant_husbanken",
                Some("1 000 000 1 200 000 1 000 000")
            ),
            ("funding_by_year[*].paid_out", Some("1 000 000 0")),
            ("funding_by_year[*].own_funding", Some("310 662 360 000")),
            ("funding_by_year[*].total", Some("1 310 662 1 560 000")),
        ]
    );
    // "Programmets hovedmål 1: Økt forebygging og bekjempelse av bostedsløshet
    // Beskrivelse av mål Resultat Varighet (ferdig når) Hovedmål … Delmål 1 …
    // Delmål 2 … Jmf. Delmål 1 om arbeidsgrupper … Delmål 3 Delmål 4 …", then
    // hovedmål 2 and 3 with one "Hovedmål" row each.
    let goals: Vec<(&str, Option<&str>)> = r
        .goals
        .iter()
        .map(|g| (g.label.as_deref().unwrap_or(""), g.level.as_deref()))
        .collect();
    assert_eq!(
        goals,
        vec![
            ("Hovedmål", Some("hovedmål")),
            ("Delmål 1", Some("delmål")),
            ("Delmål 2", Some("delmål")),
            ("Delmål 3", Some("delmål")),
            ("Delmål 4", Some("delmål")),
            ("Hovedmål", Some("hovedmål")),
            ("Hovedmål", Some("hovedmål")),
        ]
    );
    assert_eq!(
        r.goals[0].area.as_deref(),
        Some("Programmets hovedmål 1: Økt forebygging og bekjempelse av bostedsløshet")
    );
    // Page 3 prints the hovedmål ("Kommunens hovedmål viser …: Holmestrand
    // kommune har … tilpasset bolig.") and the delmål as a list ("1.
    // Boligmassen er tilpasset målgruppenes behov 2. …"); hovedmål 2 and 3
    // repeat theirs. "Midlertidige boliger tilgjengelig" is "Midlertidige
    // boliger er tilgjengelig" in the list: not confirmed, left empty.
    let descriptions: Vec<Option<&str>> =
        (r.goals.iter()).map(|g| g.description.as_deref()).collect();
    let main = "Holmestrand kommune har ved utgangen av 2015 et tverrfaglig bolig- og tjenestetilbud som sikrer bostedsløse- og vanskeligstilte innbyggere en trygg og tilpasset bolig.";
    let main_joined = main.replace("bolig- og", "boligog");
    assert_eq!(
        descriptions,
        vec![
            Some(main),
            Some("Boligmassen er tilpasset målgruppenes behov"),
            Some("Vanskeligstilte er i stand til å skaffe og beholde egnet bolig"),
            Some("Tilpasset bolig er en systematisert, integrert og koordinert del av det helhetlige tjenestetilbudet"),
            None,
            Some(main_joined.as_str()),
            Some(main_joined.as_str()),
        ]
    );
    // "Kommunalt baserte Sentraladministrasjon Planseksjon Boligforvaltning
    // Ansvarlig Husbankens virkemidler Psykiatritjeneste … Utekontakt e.l. Andre
    // Formell deltakelse Aktiv deltakelse Blir informert Ingen deltakelse
    // Oppfølgingstjenesten Helseforetak rus … Private utleiere Andre;" — no ticks.
    assert_eq!(r.partners.len(), 22);
    assert_eq!(r.partners[0].actor, "Sentraladministrasjon");
    assert_eq!(r.partners[3].actor, "Ansvarlig Husbankens virkemidler");
    assert_eq!(r.partners[9].actor, "Utekontakt e.l.");
    assert_eq!(r.partners[11].actor, "Oppfølgingstjenesten");
    assert_eq!(r.partners[21].actor, "Andre");
    assert!(r.partners[..11]
        .iter()
        .all(|p| p.group == Some(skjema_model::PartnerGroup::Kommunal)));
    // The second group's heading is not in the text: the block after the
    // first group's is the form's next group.
    assert!(r.partners[11..]
        .iter()
        .all(|p| p.group == Some(skjema_model::PartnerGroup::Ekstern)));
    assert!(r.partners.iter().all(|p| p.participation.is_none()));
}

#[test]
fn lorenskog_tables_from_flattened_text() {
    let r = require("000_");
    // Pages 8–13: three activity tables, "Organisering av det boligsosiale
    // arbeidet Aktivitet Hva skal vi gjøre …" with row 1), "Kunnskaps- og
    // kompetanseutvikling Aktivitet …" with 1)–9) over pages 9–11, "Dekning av
    // boligbehov og booppfølgingstjenester Aktivitet …" with 1)–6) over 12–13.
    let rows: Vec<(&str, &str)> = r
        .activities
        .iter()
        .map(|a| {
            (
                a.area.as_deref().unwrap_or(""),
                a.number.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(rows.len(), 16, "{rows:?}");
    assert_eq!(rows[0], ("Organisering av det boligsosiale arbeidet", "1)"));
    assert_eq!(rows[9], ("Kunnskaps- og kompetanseutvikling", "9)"));
    assert_eq!(
        rows[15],
        ("Dekning av boligbehov og booppfølgingstjenester", "6)")
    );
    // Status: the first status word standing on its own ("Gjennomført
    // 16.03.2011." is a result, "Avviklet Skal …" the status); progress: the
    // first percentage. Row 7) shows neither; row 8) "Nytt Nytt … 20 %".
    use skjema_model::ActivityStatus::{Avviklet, Gjennomfort, Ny, Viderefort};
    let read: Vec<_> = r
        .activities
        .iter()
        .map(|a| (a.status, a.progress_pct))
        .collect();
    assert_eq!(
        read,
        vec![
            (Some(Ny), Some(30.0)),
            (None, None),
            (Some(Ny), None),
            (Some(Ny), Some(10.0)),
            (Some(Ny), Some(20.0)),
            (Some(Avviklet), Some(25.0)),
            (None, Some(90.0)),
            (None, None),
            (Some(Ny), Some(20.0)),
            (Some(Gjennomfort), Some(100.0)),
            (None, Some(100.0)),
            (Some(Ny), None),
            (Some(Ny), None),
            (Some(Ny), None),
            (Some(Viderefort), None),
            (Some(Viderefort), None),
        ]
    );
    assert_eq!(
        issue_raws(&r, "activities[8]"),
        vec![("activities[8]", None)]
    );
    // Page 15: the economy tables are empty forms ("Aktivitet 2 Aktivitet 3
    // Aktivitet 4 Totalt Samlet oversikt … TOTALT 2010 2011 2012 2013 2014").
    let budget: Vec<&str> = r
        .budget
        .iter()
        .filter_map(|b| b.activity.as_deref())
        .collect();
    assert_eq!(
        budget,
        [
            "Aktivitet 1 (programledelse og kompetanse utvikling)",
            "Aktivitet 2",
            "Aktivitet 3",
            "Aktivitet 4",
            "Totalt"
        ]
    );
    let years: Vec<i32> = r.funding_by_year.iter().map(|f| f.year).collect();
    assert_eq!(years, [2010, 2011, 2012, 2013, 2014]);
    assert!(issue_raws(&r, "budget").is_empty());
    assert!(issue_raws(&r, "funding_by_year").is_empty());
}

#[test]
fn hammerfest_transcript_has_no_table_rows() {
    // The transcript's pages 1–20 hold no form table (the goal status table is
    // in vedlegg 8, which the transcript does not include).
    let r = require("002_");
    assert!(r.indicators.is_empty() && r.budget.is_empty() && r.goals.is_empty());
    assert!(r.activities.is_empty() && r.funding_by_year.is_empty());
}
