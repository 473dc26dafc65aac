//! The tidy CSV files of a batch, one per list of the model plus
//! `reports.csv` for the scalar fields, each defined once as a column table.
//! Lists without a natural key get a `row` column (0-based position in the
//! list), so `(report_id, row)` identifies every row and joins back to
//! `reports.jsonl` as `households[row]`.

use std::borrow::Cow;

use skjema_model::{
    Activity, ActivityStatus, BudgetRow, FundingYear, Goal, Household, Indicator, Issue,
    LabelledValue, Participation, Partner, PartnerGroup, Provenance, Report, Section, Severity,
    Unit,
};

use crate::cell::Cell;
use crate::columns::{Column, FieldInfo, FieldKind, RecordSink, Row, TableSpec};
use crate::dates::PartialDate;
use crate::error::ExportError;
use crate::locate::{locate, Location};

use FieldKind::{Date, DateTime, Integer, Number, Text};

/// Builds a column; keeps the tables below one line per column.
const fn col<T>(
    name: &'static str,
    description: &'static str,
    kind: FieldKind,
    get: for<'a> fn(&Row<'a, T>) -> Cell<'a>,
) -> Column<T> {
    Column {
        name,
        description,
        kind,
        get,
    }
}

/// A per-report CSV file as the batch writer and the data package see it.
pub trait ReportTable: Sync {
    /// File name without `.csv`.
    fn name(&self) -> &'static str;
    /// What one row is.
    fn description(&self) -> &'static str;
    /// Every column in file order.
    fn fields(&self) -> Vec<FieldInfo>;
    /// Columns that identify a row.
    fn primary_key(&self) -> &'static [&'static str];
    /// Writes the report's rows of this table.
    fn write_report(&self, report: &Report, sink: &mut dyn RecordSink) -> Result<(), ExportError>;
}

/// A table whose rows are the items of one list of a report.
pub struct ListTable<T: Clone + 'static> {
    /// Layout of the file.
    pub spec: TableSpec<T>,
    /// The report's items, borrowed where the model holds them as a list.
    pub items: fn(&Report) -> Cow<'_, [T]>,
}

impl<T: Clone + Sync> ReportTable for ListTable<T> {
    fn name(&self) -> &'static str {
        self.spec.name
    }

    fn description(&self) -> &'static str {
        self.spec.description
    }

    fn fields(&self) -> Vec<FieldInfo> {
        self.spec.fields()
    }

    fn primary_key(&self) -> &'static [&'static str] {
        self.spec.primary_key
    }

    fn write_report(&self, report: &Report, sink: &mut dyn RecordSink) -> Result<(), ExportError> {
        let items = (self.items)(report);
        for (index, item) in items.iter().enumerate() {
            let row = Row {
                report_id: &report.report_id,
                index,
                item,
            };
            self.spec.write_row(&row, sink)?;
        }
        Ok(())
    }
}

/// Every per-report CSV file, in the order they are listed in `datapackage.json`.
pub fn report_tables() -> [&'static dyn ReportTable; 13] {
    [
        &REPORTS,
        &HOUSEHOLDS,
        &INDICATORS,
        &ACTIVITIES,
        &GOALS,
        &BUDGET,
        &FUNDING_BY_YEAR,
        &PARTNERS,
        &SECTIONS,
        &TABLES,
        &FIELDS,
        &ISSUES,
        &PROVENANCE,
    ]
}

const REPORT_ROW_KEY: &[&str] = &["report_id", "row"];

/// The meaning of every `_precision` column.
const DATE_PRECISION: &str = "year, month or day: how much of the date before it the document gave (the date column holds the first day of the month or year when only that is known).";

/// `reports.csv`: one row per report, nested scalars flattened with `_`.
pub static REPORTS: ListTable<Report> = ListTable {
    spec: TableSpec {
        name: "reports",
        description: "One row per report: the scalar fields of the report, nested objects flattened with '_', lists of strings joined with '; '.",
        report_key: true,
        row_index: false,
        columns: &[
            col("schema_version", "Version of the output contract the report follows.", Text, |r| Cell::text(&r.item.schema_version)),
            col("source_path", "Path of the source file as given on the command line or found under a given folder.", Text, |r| Cell::text(&r.item.source.path)),
            col("source_copies", "How many other input files had the same bytes; each is a row of duplicates.csv, and none adds rows anywhere else.", Integer, |r| Cell::index(r.item.source.paths.iter().filter(|p| **p != r.item.source.path).count())),
            col("source_sha256", "SHA-256 of the source bytes, lower-case hex.", Text, |r| Cell::text(&r.item.source.sha256)),
            col("source_media_type", "application/pdf or text/plain, decided from the content.", Text, |r| Cell::text(&r.item.source.media_type)),
            col("source_pages", "Number of pages.", Integer, |r| Cell::Int(r.item.source.pages.into())),
            col("source_producer", "PDF Producer from the document information.", Text, |r| Cell::opt_text(r.item.source.producer.as_deref())),
            col("source_creator", "PDF Creator from the document information.", Text, |r| Cell::opt_text(r.item.source.creator.as_deref())),
            col("source_created", "PDF CreationDate, local time without time zone (midnight, or the first day of the month or year, where the PDF gives less).", DateTime, |r| Cell::datetime(r.item.source.created.as_deref())),
            col("source_created_precision", "second, day, month or year: how much of source_created the PDF gave.", Text, |r| Cell::precision(r.item.source.created.as_deref())),
            col("template", "Which form the document follows: arsrapport_2012, ars_halvar_2011, halvar_sor_2012, sluttrapport or unknown.", Text, |r| Cell::text(r.item.template.as_str())),
            col("template_confidence", "How sure the recogniser is of the template, 0..1.", Number, |r| Cell::Num(r.item.template_confidence)),
            col("kind", "halvarsrapport, arsrapport, sluttrapport or annet.", Text, |r| Cell::text(r.item.kind.as_str())),
            col("period_year", "The programme year reported on.", Integer, |r| Cell::opt_int(r.item.period.year)),
            col("period_half", "1 or 2 for a half-year report, empty for a full year.", Integer, |r| Cell::opt_int(r.item.period.half)),
            col("period_from", "First day covered.", Date, |r| Cell::date(r.item.period.from.as_deref())),
            col("period_from_precision", DATE_PRECISION, Text, |r| Cell::precision(r.item.period.from.as_deref())),
            col("period_to", "Last day covered.", Date, |r| Cell::date(r.item.period.to.as_deref())),
            col("period_to_precision", DATE_PRECISION, Text, |r| Cell::precision(r.item.period.to.as_deref())),
            col("municipality_name", "Municipality name as SSB's register spells it.", Text, |r| Cell::opt_text(r.item.municipality.name.as_deref())),
            col("municipality_number", "SSB kommunenummer valid in the report year.", Text, |r| Cell::opt_text(r.item.municipality.number.as_deref())),
            col("municipality_number_current", "Kommunenummer valid today.", Text, |r| Cell::opt_text(r.item.municipality.number_current.as_deref())),
            col("municipality_county", "Fylke (county) in the report year.", Text, |r| Cell::opt_text(r.item.municipality.county.as_deref())),
            col("municipality_district", "Bydel (urban district), e.g. Alna.", Text, |r| Cell::opt_text(r.item.municipality.district.as_deref())),
            col("programme_name", "Name of the local programme.", Text, |r| Cell::opt_text(r.item.programme.name.as_deref())),
            col("programme_start", "Programme start (the first of the month when only the month is known).", Date, |r| Cell::date(r.item.programme.start.as_deref())),
            col("programme_start_precision", DATE_PRECISION, Text, |r| Cell::precision(r.item.programme.start.as_deref())),
            col("programme_leader", "Programleder.", Text, |r| Cell::opt_text(r.item.programme.leader.as_deref())),
            col("programme_owner", "Programansvarlig.", Text, |r| Cell::opt_text(r.item.programme.owner.as_deref())),
            col("reporting_date", "Rapporteringsdato (the first of the month when only the month is known).", Date, |r| Cell::date(r.item.reporting.date.as_deref())),
            col("reporting_date_precision", DATE_PRECISION, Text, |r| Cell::precision(r.item.reporting.date.as_deref())),
            col("reporting_filled_by", "Utfylt av.", Text, |r| Cell::opt_text(r.item.reporting.filled_by.as_deref())),
            col("reporting_phones", "Phone numbers, digits only, joined with '; '.", Text, |r| Cell::list(&r.item.reporting.phones)),
            col("reporting_emails", "E-mail addresses, lower-case, joined with '; '.", Text, |r| Cell::list(&r.item.reporting.emails)),
            col("reporting_steering_group_dates", "Dates the steering group treated or approved the report (ISO 8601), joined with '; '.", Text, |r| Cell::list(&r.item.reporting.steering_group_dates)),
            col("n_issues", "Number of rows of this report in issues.csv.", Integer, |r| Cell::index(r.item.issues.len())),
        ],
        primary_key: &["report_id"],
    },
    items: |report| Cow::Borrowed(std::slice::from_ref(report)),
};

/// `households.csv`: hovedmål 1.1 "Anskaffe og beholde bolig".
pub static HOUSEHOLDS: ListTable<Household> = ListTable {
    spec: TableSpec {
        name: "households",
        description: "One row per category of the 'Anskaffe og beholde bolig' table (hovedmål 1.1) and 'Særskilt prioritert område'.",
        report_key: true,
        row_index: true,
        columns: &[
            col("category", "A (without a home), B (at risk of losing it), C (unsuitable home), barnefamilier, or other.", Text, |r| Cell::text(r.item.category.as_str())),
            col("label", "The row label as written.", Text, |r| Cell::opt_text(r.item.label.as_deref())),
            col("need_start", "Status behov at the start of the year (households).", Integer, |r| Cell::opt_int(r.item.need_start)),
            col("need_end", "Status behov at the end of the year (households).", Integer, |r| Cell::opt_int(r.item.need_end)),
            col("housed", "Households that got a suitable home during the year.", Integer, |r| Cell::opt_int(r.item.housed)),
            col("comment", "Eventuelle kommentarer.", Text, |r| Cell::opt_text(r.item.comment.as_deref())),
            col("as_of_start", "Date in the start column header.", Date, |r| Cell::date(r.item.as_of_start.as_deref())),
            col("as_of_start_precision", DATE_PRECISION, Text, |r| Cell::precision(r.item.as_of_start.as_deref())),
            col("as_of_end", "Date in the end column header.", Date, |r| Cell::date(r.item.as_of_end.as_deref())),
            col("as_of_end_precision", DATE_PRECISION, Text, |r| Cell::precision(r.item.as_of_end.as_deref())),
        ],
        primary_key: REPORT_ROW_KEY,
    },
    items: |report| Cow::Borrowed(&report.households),
};

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Count => "count",
        Unit::Nok => "nok",
        Unit::Percent => "percent",
    }
}

/// `indicators.csv`: every reported number in long format.
pub static INDICATORS: ListTable<Indicator> = ListTable {
    spec: TableSpec {
        name: "indicators",
        description:
            "One row per reported number (delmål C.1, C.2 and other labelled counts), long format.",
        report_key: true,
        row_index: true,
        columns: &[
            col(
                "code",
                "Stable snake_case id from the fixed vocabulary, or 'other'.",
                Text,
                |r| Cell::text(&r.item.code),
            ),
            col("label", "The label as written.", Text, |r| {
                Cell::text(&r.item.label)
            }),
            col(
                "value",
                "The number; empty when blank or unreadable.",
                Number,
                |r| Cell::opt_num(r.item.value),
            ),
            col("unit", "count, nok or percent.", Text, |r| {
                Cell::text(unit_name(r.item.unit))
            }),
            col(
                "as_of",
                "Date the label gives ('Januar 2015' is 2015-01-01 with precision month).",
                Date,
                |r| Cell::date(r.item.as_of.as_deref()),
            ),
            col("as_of_precision", DATE_PRECISION, Text, |r| {
                Cell::precision(r.item.as_of.as_deref())
            }),
            col("comment", "Eventuelle kommentarer.", Text, |r| {
                Cell::opt_text(r.item.comment.as_deref())
            }),
        ],
        primary_key: REPORT_ROW_KEY,
    },
    items: |report| Cow::Borrowed(&report.indicators),
};

fn status_name(status: ActivityStatus) -> &'static str {
    match status {
        ActivityStatus::Ny => "ny",
        ActivityStatus::Viderefort => "videreført",
        ActivityStatus::Gjennomfort => "gjennomført",
        ActivityStatus::Avviklet => "avviklet",
    }
}

/// `activities.csv`: rows of activity-plan tables.
pub static ACTIVITIES: ListTable<Activity> = ListTable {
    spec: TableSpec {
        name: "activities",
        description: "One row per row of an activity-plan table (aktivitetsplan).",
        report_key: true,
        row_index: true,
        columns: &[
            col(
                "area",
                "The goal or heading the table sits under.",
                Text,
                |r| Cell::opt_text(r.item.area.as_deref()),
            ),
            col("number", "Row number as written.", Text, |r| {
                Cell::opt_text(r.item.number.as_deref())
            }),
            col("activity", "Aktivitet.", Text, |r| {
                Cell::opt_text(r.item.activity.as_deref())
            }),
            col("plan", "Hva skal vi gjøre konkret.", Text, |r| {
                Cell::opt_text(r.item.plan.as_deref())
            }),
            col("result", "Resultat / forventet resultat.", Text, |r| {
                Cell::opt_text(r.item.result.as_deref())
            }),
            col(
                "status",
                "ny, videreført, gjennomført or avviklet.",
                Text,
                |r| {
                    r.item
                        .status
                        .map_or(Cell::Null, |s| Cell::text(status_name(s)))
                },
            ),
            col("progress_pct", "Progress in percent, 0-100.", Number, |r| {
                Cell::opt_num(r.item.progress_pct)
            }),
            col("deviation", "Avvik.", Text, |r| {
                Cell::opt_text(r.item.deviation.as_deref())
            }),
            col("reason", "Begrunnelse.", Text, |r| {
                Cell::opt_text(r.item.reason.as_deref())
            }),
            col(
                "due",
                "Frist / ferdig når, when it is a date (the first of the month or year when only that is known).",
                Date,
                |r| Cell::date(r.item.due.as_deref()),
            ),
            col("due_precision", DATE_PRECISION, Text, |r| {
                Cell::precision(r.item.due.as_deref())
            }),
            col(
                "due_text",
                "Frist / ferdig når as written, when it is not a date ('Kontinuerlig').",
                Text,
                |r| {
                    let due = r.item.due.as_deref();
                    match due.and_then(PartialDate::parse) {
                        Some(_) => Cell::Null,
                        None => Cell::opt_text(due),
                    }
                },
            ),
        ],
        primary_key: REPORT_ROW_KEY,
    },
    items: |report| Cow::Borrowed(&report.activities),
};

/// `goals.csv`: rows of goal tables.
pub static GOALS: ListTable<Goal> = ListTable {
    spec: TableSpec {
        name: "goals",
        description: "One row per row of a goal table (hovedmål, delmål, lokale mål).",
        report_key: true,
        row_index: true,
        columns: &[
            col("area", "The table's heading.", Text, |r| {
                Cell::opt_text(r.item.area.as_deref())
            }),
            col(
                "level",
                "hovedmål, delmål, lokalt_mål or arbeidsmål (from the row label, else the goal column's header).",
                Text,
                |r| Cell::opt_text(r.item.level.as_deref()),
            ),
            col(
                "number",
                "The goal's number as printed without the level word (\"Delmål 2\" → 2); delmål under a numbered hovedmål heading are numbered within it (2.1).",
                Text,
                |r| Cell::opt_text(r.item.number.as_deref()),
            ),
            col("label", "Row label as written.", Text, |r| {
                Cell::opt_text(r.item.label.as_deref())
            }),
            col("description", "Beskrivelse av mål.", Text, |r| {
                Cell::opt_text(r.item.description.as_deref())
            }),
            col("result", "Resultat.", Text, |r| {
                Cell::opt_text(r.item.result.as_deref())
            }),
            col("due", "Varighet (ferdig når), as written.", Text, |r| {
                Cell::opt_text(r.item.due.as_deref())
            }),
        ],
        primary_key: REPORT_ROW_KEY,
    },
    items: |report| Cow::Borrowed(&report.goals),
};

/// `budget.csv`: economy per activity.
pub static BUDGET: ListTable<BudgetRow> = ListTable {
    spec: TableSpec {
        name: "budget",
        description: "One row per activity of the economy table (rapportering på økonomi); money in whole NOK.",
        report_key: true,
        row_index: true,
        columns: &[
            col("activity", "Aktivitet.", Text, |r| Cell::opt_text(r.item.activity.as_deref())),
            col("budget", "Budsjett (NOK).", Integer, |r| Cell::opt_int(r.item.budget)),
            col("accounts", "Regnskap (NOK).", Integer, |r| Cell::opt_int(r.item.accounts)),
            col("grant_husbanken", "Tilskudd fra Husbanken / kompetansetilskudd (NOK).", Integer, |r| Cell::opt_int(r.item.grant_husbanken)),
            col("own_funding", "Egen finansiering kommunen (NOK).", Integer, |r| Cell::opt_int(r.item.own_funding)),
            col("other_funding", "Annen finansiering (NOK).", Integer, |r| Cell::opt_int(r.item.other_funding)),
            col("total", "Totalt (NOK).", Integer, |r| Cell::opt_int(r.item.total)),
            col("deviation", "Avvik +/- (NOK).", Integer, |r| Cell::opt_int(r.item.deviation)),
            col("note", "Free text in the row, e.g. 'Ikke avklart'.", Text, |r| Cell::opt_text(r.item.note.as_deref())),
        ],
        primary_key: REPORT_ROW_KEY,
    },
    items: |report| Cow::Borrowed(&report.budget),
};

/// `funding_by_year.csv`: economy over the programme period.
pub static FUNDING_BY_YEAR: ListTable<FundingYear> = ListTable {
    spec: TableSpec {
        name: "funding_by_year",
        description: "One row per programme year of the economy over the whole programme period; money in whole NOK.",
        report_key: true,
        row_index: true,
        columns: &[
            col("year", "The year.", Integer, |r| Cell::Int(r.item.year.into())),
            col("grant_husbanken", "Tilskudd fra Husbanken / tilsagn om kompetansetilskudd (NOK).", Integer, |r| Cell::opt_int(r.item.grant_husbanken)),
            col("paid_out", "Utbetalt beløp (NOK).", Integer, |r| Cell::opt_int(r.item.paid_out)),
            col("own_funding", "Egenfinansiering fra kommunen (NOK).", Integer, |r| Cell::opt_int(r.item.own_funding)),
            col("other_funding", "Annen finansiering (NOK).", Integer, |r| Cell::opt_int(r.item.other_funding)),
            col("carried_over", "Overføring fra året før (NOK).", Integer, |r| Cell::opt_int(r.item.carried_over)),
            col("total", "Totalt (NOK).", Integer, |r| Cell::opt_int(r.item.total)),
            col("note", "Free text in the row.", Text, |r| Cell::opt_text(r.item.note.as_deref())),
        ],
        primary_key: REPORT_ROW_KEY,
    },
    items: |report| Cow::Borrowed(&report.funding_by_year),
};

fn group_name(group: PartnerGroup) -> &'static str {
    match group {
        PartnerGroup::Kommunal => "kommunal",
        PartnerGroup::Ekstern => "ekstern",
    }
}

fn participation_name(participation: Participation) -> &'static str {
    match participation {
        Participation::Formell => "formell",
        Participation::Aktiv => "aktiv",
        Participation::Informert => "informert",
        Participation::Ingen => "ingen",
    }
}

/// `partners.csv`: the partner-participation matrix.
pub static PARTNERS: ListTable<Partner> = ListTable {
    spec: TableSpec {
        name: "partners",
        description:
            "One row per actor of the partner-participation matrix (samarbeidspartnere og aktører).",
        report_key: true,
        row_index: true,
        columns: &[
            col("actor", "The actor as written.", Text, |r| {
                Cell::text(&r.item.actor)
            }),
            col("actor_group", "kommunal or ekstern.", Text, |r| {
                r.item
                    .group
                    .map_or(Cell::Null, |g| Cell::text(group_name(g)))
            }),
            col(
                "participation",
                "formell, aktiv, informert or ingen; empty when no column is ticked.",
                Text,
                |r| {
                    r.item
                        .participation
                        .map_or(Cell::Null, |p| Cell::text(participation_name(p)))
                },
            ),
        ],
        primary_key: REPORT_ROW_KEY,
    },
    items: |report| Cow::Borrowed(&report.partners),
};

/// `sections.csv`: numbered or titled sections and their text.
pub static SECTIONS: ListTable<Section> = ListTable {
    spec: TableSpec {
        name: "sections",
        description: "One row per numbered or titled section of the document, with what the municipality wrote.",
        report_key: true,
        row_index: true,
        columns: &[
            col("number", "Number as printed (3.2, A.1); empty for a titled section without one.", Text, |r| Cell::opt_text(r.item.number.as_deref())),
            col("title", "Title as printed.", Text, |r| Cell::opt_text(r.item.title.as_deref())),
            col("prompt", "The form's printed question or guidance.", Text, |r| Cell::opt_text(r.item.prompt.as_deref())),
            col("text", "What the municipality wrote, without prompt, headers, footers or page numbers.", Text, |r| Cell::opt_text(r.item.text.as_deref())),
            col("page_start", "First page (1-based).", Integer, |r| Cell::Int(r.item.page_start.into())),
            col("page_end", "Last page (1-based).", Integer, |r| Cell::Int(r.item.page_end.into())),
            col("parent", "Number of the enclosing section.", Text, |r| Cell::opt_text(r.item.parent.as_deref())),
        ],
        primary_key: REPORT_ROW_KEY,
    },
    items: |report| Cow::Borrowed(&report.sections),
};

/// One cell of a raw table, the unit of `tables.csv`.
#[derive(Debug, Clone)]
pub struct TableCell {
    /// 0-based position of the table in the report's `tables`.
    pub table: usize,
    /// 1-based page of the table.
    pub page: u32,
    /// 0-based row in the grid.
    pub row: usize,
    /// 0-based column in the grid.
    pub col: usize,
    /// The cell text.
    pub text: String,
}

fn table_cells(report: &Report) -> Cow<'_, [TableCell]> {
    let cells = report.tables.iter().enumerate().flat_map(|(table, raw)| {
        raw.rows.iter().enumerate().flat_map(move |(row, cells)| {
            cells.iter().enumerate().map(move |(col, text)| TableCell {
                table,
                page: raw.page,
                row,
                col,
                text: text.clone(),
            })
        })
    });
    Cow::Owned(cells.collect())
}

/// `tables.csv`: every extracted table as raw grid cells.
pub static TABLES: ListTable<TableCell> = ListTable {
    spec: TableSpec {
        name: "tables",
        description:
            "One row per cell of every table found, as extracted before mapping (the raw grid). A form's ruled label/value block (a label in each row, values of mixed kinds beside them) is no table here, as in `skjema tables`: its pairs are in fields.csv and the report's fields.",
        report_key: true,
        row_index: false,
        columns: &[
            col(
                "table_index",
                "0-based position of the table in the report.",
                Integer,
                |r| Cell::index(r.item.table),
            ),
            col(
                "page",
                "1-based page of the table (first page for a table merged across pages).",
                Integer,
                |r| Cell::Int(r.item.page.into()),
            ),
            col("row", "0-based row in the table's grid.", Integer, |r| {
                Cell::index(r.item.row)
            }),
            col("col", "0-based column in the table's grid.", Integer, |r| {
                Cell::index(r.item.col)
            }),
            col(
                "text",
                "The cell text; a spanning cell is written once at its top-left.",
                Text,
                |r| Cell::text(&r.item.text),
            ),
        ],
        primary_key: &["report_id", "table_index", "row", "col"],
    },
    items: table_cells,
};

/// One "Label: value" pair with where its model field lands, the unit of
/// `fields.csv`.
#[derive(Debug, Clone)]
pub struct LocatedValue {
    /// The pair as read.
    pub value: LabelledValue,
    /// Where `value.field` lands in the tables.
    pub at: Location,
}

fn located_values(report: &Report) -> Cow<'_, [LocatedValue]> {
    let values = report.fields.iter().map(|value| LocatedValue {
        at: value.field.as_deref().map(locate).unwrap_or_default(),
        value: value.clone(),
    });
    Cow::Owned(values.collect())
}

fn value_edge(value: &LocatedValue, edge: usize) -> Cell<'static> {
    Cell::opt_num(
        value
            .value
            .bbox
            .and_then(|bbox| bbox.get(edge).copied())
            .map(round_coordinate),
    )
}

/// `fields.csv`: every "Label: value" pair of the document.
pub static FIELDS: ListTable<LocatedValue> = ListTable {
    spec: TableSpec {
        name: "fields",
        description: "One row per \"Label: value\" pair written in the document, on any form or none: what a model field took (field says which) and what none did.",
        report_key: true,
        row_index: true,
        columns: &[
            col("label", "The label as printed, without its colon (\"Saksnummer\").", Text, |r| Cell::text(&r.item.value.label)),
            col("value", "The value as printed (after the colon, or in the next line or cell when the label stands alone), whitespace-normalised.", Text, |r| Cell::text(&r.item.value.value)),
            col("field", "The model field the form definition read this value into (e.g. programme.leader, reporting_year); empty when no model field took it.", Text, |r| Cell::opt_text(r.item.value.field.as_deref())),
            col("list", LOCATION_LIST, Text, |r| Cell::opt_text(r.item.at.list)),
            col("column_name", LOCATION_COLUMN, Text, |r| Cell::opt_text(r.item.at.column)),
            col("page", "1-based page.", Integer, |r| Cell::Int(r.item.value.page.into())),
            col("x0", "Left edge of the box around label and value in PDF points (to 0.01 pt); empty for text input.", Number, |r| value_edge(r.item, 0)),
            col("top", "Top edge of the box in PDF points from the page top.", Number, |r| value_edge(r.item, 1)),
            col("x1", "Right edge of the box in PDF points.", Number, |r| value_edge(r.item, 2)),
            col("bottom", "Bottom edge of the box in PDF points from the page top.", Number, |r| value_edge(r.item, 3)),
        ],
        primary_key: REPORT_ROW_KEY,
    },
    items: located_values,
};

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// One issue with where its field sits in the tables, the unit of `issues.csv`.
#[derive(Debug, Clone)]
pub struct LocatedIssue {
    /// The issue.
    pub issue: Issue,
    /// Where `issue.field` lands in the tables.
    pub at: Location,
}

fn located_issues(report: &Report) -> Cow<'_, [LocatedIssue]> {
    let issues = report.issues.iter().map(|issue| LocatedIssue {
        at: issue.field.as_deref().map(locate).unwrap_or_default(),
        issue: issue.clone(),
    });
    Cow::Owned(issues.collect())
}

const LOCATION_LIST: &str = "The table (file name without .csv) holding the value the field path names: reports for a scalar field, else the list's table; empty when no table holds it.";
const LOCATION_ROW: &str = "0-based position of the item in its list: the row column of that table (for tables, its table_index); empty for a field of reports.csv.";
const LOCATION_COLUMN: &str = "The column of that table holding the value; empty when the path names a whole item or nothing a column holds.";

/// `issues.csv`: what went wrong or looked doubtful.
pub static ISSUES: ListTable<LocatedIssue> = ListTable {
    spec: TableSpec {
        name: "issues",
        description: "One row per issue: something that went wrong or looked doubtful while reading the report.",
        report_key: true,
        row_index: true,
        columns: &[
            col("severity", "info, warning or error.", Text, |r| Cell::text(severity_name(r.item.issue.severity))),
            col("code", "Stable snake_case issue code, e.g. value_uncertain, sum_mismatch.", Text, |r| Cell::Text(Cow::Owned(r.item.issue.code.as_str()))),
            col("field", "Field path the issue is about, e.g. households[2].need_end.", Text, |r| Cell::opt_text(r.item.issue.field.as_deref())),
            col("list", LOCATION_LIST, Text, |r| Cell::opt_text(r.item.at.list)),
            col("list_row", LOCATION_ROW, Integer, |r| r.item.at.row.map_or(Cell::Null, Cell::index)),
            col("column_name", LOCATION_COLUMN, Text, |r| Cell::opt_text(r.item.at.column)),
            col("page", "1-based page.", Integer, |r| Cell::opt_int(r.item.issue.page)),
            col("message", "One clear English sentence.", Text, |r| Cell::text(&r.item.issue.message)),
            col("raw", "The text as it stood in the document.", Text, |r| Cell::opt_text(r.item.issue.raw.as_deref())),
        ],
        primary_key: REPORT_ROW_KEY,
    },
    items: located_issues,
};

/// One entry of a report's provenance map, the unit of `provenance.csv`.
#[derive(Debug, Clone)]
pub struct ProvenanceEntry {
    /// Field path, e.g. `households[2].need_end`.
    pub field: String,
    /// Where the value was read.
    pub at: Provenance,
    /// Where the field lands in the tables.
    pub location: Location,
}

fn provenance_entries(report: &Report) -> Cow<'_, [ProvenanceEntry]> {
    let entries = report.provenance.iter().map(|(field, at)| ProvenanceEntry {
        field: field.clone(),
        at: at.clone(),
        location: locate(field),
    });
    Cow::Owned(entries.collect())
}

fn bbox_edge(entry: &ProvenanceEntry, edge: usize) -> Cell<'static> {
    Cell::opt_num(
        entry
            .at
            .bbox
            .and_then(|bbox| bbox.get(edge).copied())
            .map(round_coordinate),
    )
}

/// `provenance.csv`: where each value was read.
pub static PROVENANCE: ListTable<ProvenanceEntry> = ListTable {
    spec: TableSpec {
        name: "provenance",
        description: "One row per field value: the page, box and raw text it was read from.",
        report_key: true,
        row_index: false,
        columns: &[
            col(
                "field",
                "Field path, e.g. households[2].need_end.",
                Text,
                |r| Cell::text(&r.item.field),
            ),
            col("list", LOCATION_LIST, Text, |r| {
                Cell::opt_text(r.item.location.list)
            }),
            col("list_row", LOCATION_ROW, Integer, |r| {
                r.item.location.row.map_or(Cell::Null, Cell::index)
            }),
            col("column_name", LOCATION_COLUMN, Text, |r| {
                Cell::opt_text(r.item.location.column)
            }),
            col("page", "1-based page.", Integer, |r| {
                Cell::Int(r.item.at.page.into())
            }),
            col(
                "x0",
                "Left edge of the box in PDF points (to 0.01 pt, like every coordinate); empty for text input.",
                Number,
                |r| bbox_edge(r.item, 0),
            ),
            col(
                "top",
                "Top edge of the box in PDF points from the page top.",
                Number,
                |r| bbox_edge(r.item, 1),
            ),
            col("x1", "Right edge of the box in PDF points.", Number, |r| {
                bbox_edge(r.item, 2)
            }),
            col(
                "bottom",
                "Bottom edge of the box in PDF points from the page top.",
                Number,
                |r| bbox_edge(r.item, 3),
            ),
            col("raw", "The text as it stood in the document.", Text, |r| {
                Cell::text(&r.item.at.raw)
            }),
        ],
        primary_key: &["report_id", "field"],
    },
    items: provenance_entries,
};

/// A coordinate to 0.01 pt: finer is noise of the PDF's arithmetic
/// (`369.38000000000005`), not information.
pub fn round_coordinate(value: f64) -> f64 {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded.is_finite() {
        rounded
    } else {
        value
    }
}

/// Rounds every box of a report (provenance, raw tables, labelled values) to 0.01 pt, so
/// `reports.jsonl` and the tables agree; call before serialising.
pub fn round_coordinates(report: &mut Report) {
    let round_box = |bbox: &mut Option<[f64; 4]>| {
        if let Some(bbox) = bbox {
            for edge in bbox.iter_mut() {
                *edge = round_coordinate(*edge);
            }
        }
    };
    for at in report.provenance.values_mut() {
        round_box(&mut at.bbox);
    }
    for table in &mut report.tables {
        round_box(&mut table.bbox);
    }
    for value in &mut report.fields {
        round_box(&mut value.bbox);
    }
}
