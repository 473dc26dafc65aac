//! `docs/CODEBOOK.md`: every column of every CSV with its type, meaning and
//! the Norwegian wording in the forms it is read from. Generated from the
//! same column tables that write the files, plus the label list below, so it
//! cannot drift from the data (a test compares the committed file).

use crate::duplicates_table::DUPLICATES;
use crate::errors_table::ERRORS;
use crate::report_tables::report_tables;

/// (file, column, the forms' Norwegian label the column is read from).
const NORWEGIAN_LABELS: &[(&str, &str, &str)] = &[
    ("reports", "programme_name", "Programnavn / rapportens tittel (sluttrapport)"),
    ("reports", "programme_start", "Programstart"),
    ("reports", "programme_leader", "Programleder / Prosjektleder"),
    ("reports", "programme_owner", "Programansvarlig"),
    ("reports", "municipality_name", "Kommune / Kommunens navn / KOMMUNE: (forside)"),
    ("reports", "municipality_district", "Bydel"),
    ("reports", "period_year", "ÅRSRAPPORT <år> / Rapporteringsår / Rapporteringsdato"),
    ("reports", "period_half", "Halvårsrapport (leveres 31.08 / 20.06 / 20.12)"),
    ("reports", "reporting_date", "Rapporteringsdato / Dato"),
    ("reports", "reporting_filled_by", "Utfylt av"),
    ("reports", "reporting_phones", "Telefon / Mobil"),
    ("reports", "reporting_emails", "E-post"),
    ("reports", "reporting_steering_group_dates", "Behandlet i styringsgruppen"),
    ("households", "category", "A. / B. / C. / Antall barnefamilier med boligbehov"),
    ("households", "label", "Antall husstander uten eid eller leid bolig / … med fare for å miste boligen / … med uegnet bolig"),
    ("households", "need_start", "Status behov pr. 01.01.<år>"),
    ("households", "need_end", "Status behov pr. 31.12.<år>"),
    ("households", "housed", "Resultat: Antall husstander som har fått egnet bolig i løpet av året"),
    ("households", "comment", "Eventuelle kommentarer"),
    ("households", "as_of_start", "Status behov pr. 01.01.<år> (datoen)"),
    ("households", "as_of_end", "Status behov pr. 31.12.<år> (datoen)"),
    ("indicators", "label", "Radene i C.1 Økonomiske virkemidler og C.2 Kommunalt disponerte boliger"),
    ("indicators", "value", "Resultat i løpet av året"),
    ("indicators", "comment", "Eventuelle kommentarer"),
    ("activities", "area", "Overskriften over aktivitetstabellen (målområdet)"),
    ("activities", "number", "1), 2), … foran aktiviteten"),
    ("activities", "activity", "Aktivitet"),
    ("activities", "plan", "Hva skal vi gjøre konkret for å nå målet?"),
    ("activities", "result", "Resultat"),
    ("activities", "status", "Status for aktiviteten: nytt (n), videreført (v), gjennomført (g) eller avviklet (a)"),
    ("activities", "progress_pct", "Status framdrift i prosent"),
    ("activities", "deviation", "Avvik"),
    ("activities", "reason", "Begrunnelse"),
    ("activities", "due", "Frist / ferdig når"),
    ("goals", "area", "Programmets hovedmål N / Status for arbeidsmålene"),
    ("goals", "level", "Hovedmål / Delmål / Lokale mål / Arbeidsmål (radens eller kolonnens overskrift)"),
    ("goals", "number", "Delmål N / Nr. / Programmets hovedmål N"),
    ("goals", "label", "Hovedmål / Delmål N / Nr."),
    ("goals", "description", "Beskrivelse av mål / Arbeidsmål"),
    ("goals", "result", "Resultat / Status"),
    ("goals", "due", "Varighet (ferdig når)"),
    ("budget", "activity", "Aktivitet"),
    ("budget", "accounts", "Regnskap"),
    ("budget", "budget", "Budsjett"),
    ("budget", "grant_husbanken", "Tilskudd fra HB (kompetansetilskudd)"),
    ("budget", "own_funding", "Egen finansiering kommunen"),
    ("budget", "other_funding", "Annen finansiering"),
    ("budget", "total", "TOTALT"),
    ("budget", "deviation", "Avvik (+/-)"),
    ("funding_by_year", "grant_husbanken", "Tilskudd fra Husbanken / Tilsagn om kompetansetilskudd"),
    ("funding_by_year", "paid_out", "Utbetalt beløp"),
    ("funding_by_year", "own_funding", "Egenfinansiering fra kommunen / Kommunal egenfinansiering"),
    ("funding_by_year", "other_funding", "Annen finansiering"),
    ("funding_by_year", "carried_over", "Overføring av ubrukte Husbank-midler / Overføring fra året før"),
    ("funding_by_year", "total", "TOTALT / Totalt forbruk per dato"),
    ("funding_by_year", "note", "Kommentar"),
    ("partners", "actor", "Samarbeidspartnere og aktører (radene)"),
    ("partners", "actor_group", "Kommunalt baserte / Eksterne aktører"),
    ("partners", "participation", "Formell deltakelse / Aktiv deltakelse / Blir informert / Ingen deltakelse"),
    ("sections", "prompt", "Skjemaets trykte spørsmål og veiledning"),
    ("fields", "label", "Enhver ledetekst med kolon («Saksnummer:», «Utfylt av:»)"),
];

fn label(file: &str, column: &str) -> &'static str {
    NORWEGIAN_LABELS
        .iter()
        .find(|(f, c, _)| *f == file && *c == column)
        .map_or("", |(_, _, l)| l)
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The codebook as Markdown.
pub fn codebook_markdown() -> String {
    let mut out = String::from(
        "# Codebook\n\n\
         Generated by `cargo run -p skjema-exporter --example codebook > docs/CODEBOOK.md` \
         from the column tables that write the files; do not edit by hand. \
         Every CSV is UTF-8 with a header row, RFC 4180 quoting, `.` as decimal \
         separator and an empty cell for null; rows join to `reports.csv` on `report_id`. \
         How each value is derived: [FIELD_RULES.md](FIELD_RULES.md).\n\n\
         **Types.** `date` columns hold whole dates (`2014-08-01`) and `datetime` \
         columns local date-times without time zone (`2013-03-22T10:11:12`). \
         Where the document gives only a month or a year (\"august 2014\"), the \
         date column holds the first day of it and the `_precision` column beside \
         it says `month` or `year` (`day` for a whole date, `second` for a \
         date-time), so no column mixes precisions. Kommunenummer \
         (`municipality_number`) is text: `0301` keeps its leading zero. \
         `integer` columns hold whole numbers only; read them as nullable \
         integers (pandas `Int64`), not floats. With `--format csv,parquet` \
         every table is also written as `<name>.parquet` with these types.\n\n\
         **Joining a flag to its value.** `issues.csv` and `provenance.csv` carry, \
         beside the field path (`households[2].need_end`), the table it lands in \
         (`list`), the item's position in that list (`list_row`, the `row` \
         column there) and the column (`column_name`): `issues.list_row = \
         households.row` and `issues.column_name = 'need_end'`. \
         **Labelled values.** `fields.csv` holds every \"Label: value\" pair \
         of a document, whatever its form: on a known form `field` names the \
         model field a value went to, and a labelled value no field took is \
         there with `field` empty; a document on no known form (template \
         `unknown`) has all its pairs there. \
         **Copies.** Files with the same bytes are one report: the other paths \
         are rows of `duplicates.csv`, and every input path is in exactly one of \
         `reports.csv` (`source_path`), `duplicates.csv` and `errors.csv`. \
         **Paths that are not UTF-8.** A path is written as given when it is \
         valid UTF-8 (the usual case). A name in another encoding (Latin-1 \
         from an old file server) is kept losslessly: each byte that is not \
         UTF-8 is written `\\xNN` (two hex digits) and each backslash `\\\\`; a \
         UTF-8 path that itself holds `\\x` or `\\\\` is escaped the same way. \
         Undoing the escapes gives the file's exact bytes, and two files never \
         share a path in the outputs.\n",
    );
    let tables = report_tables();
    let others = [
        (
            DUPLICATES.name,
            DUPLICATES.description,
            DUPLICATES.fields(),
            DUPLICATES.primary_key,
        ),
        (
            ERRORS.name,
            ERRORS.description,
            ERRORS.fields(),
            ERRORS.primary_key,
        ),
    ];
    let all = tables
        .iter()
        .map(|t| (t.name(), t.description(), t.fields(), t.primary_key()))
        .chain(others);
    for (name, description, fields, key) in all {
        out.push_str(&format!("\n## `{name}.csv`\n\n{}\n\n", cell(description)));
        out.push_str(&format!("Primary key: {}.\n\n", key.join(", ")));
        out.push_str(
            "| column | type | meaning | Norwegian label in the forms |\n|---|---|---|---|\n",
        );
        for field in fields {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                field.name,
                field.kind.table_schema_type(),
                cell(field.description),
                cell(label(name, field.name))
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_labelled_column_exists() {
        let tables = report_tables();
        for (file, column, _) in NORWEGIAN_LABELS {
            let table = tables.iter().find(|t| t.name() == *file);
            let found = table.is_some_and(|t| t.fields().iter().any(|f| f.name == *column));
            assert!(found, "{file}.{column} has a Norwegian label but no column");
        }
    }

    #[test]
    fn committed_codebook_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/CODEBOOK.md");
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == codebook_markdown(),
            "docs/CODEBOOK.md is out of date: run `cargo run -p skjema-exporter --example codebook > docs/CODEBOOK.md`"
        );
    }
}
