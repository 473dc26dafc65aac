//! One CSV cell, typed until the moment it is written, so that every table
//! formats nulls, integers and decimals the same way: null is an empty cell
//! (never "0" and never "null"), integers have no ".0", decimals use `.`.

use std::borrow::Cow;

use crate::dates::PartialDate;

/// A value on its way into a CSV cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Unknown or blank: written as an empty cell.
    Null,
    /// Text, written as is (the CSV writer quotes it where needed).
    Text(Cow<'a, str>),
    /// A whole number.
    Int(i64),
    /// A decimal number; NaN and infinities are written as null.
    Num(f64),
    /// A whole date, written `YYYY-MM-DD`.
    Date(PartialDate),
    /// A date and time without time zone, written `YYYY-MM-DDTHH:MM:SS`.
    DateTime(PartialDate),
}

/// What separates the items of a list flattened into one cell.
pub const LIST_SEPARATOR: &str = "; ";

impl<'a> Cell<'a> {
    /// Text borrowed from the report.
    pub fn text(value: &'a str) -> Self {
        Cell::Text(Cow::Borrowed(value))
    }

    /// Optional text; `None` becomes null.
    pub fn opt_text(value: Option<&'a str>) -> Self {
        value.map_or(Cell::Null, Cell::text)
    }

    /// Optional whole number of any integer width.
    pub fn opt_int<I: Into<i64>>(value: Option<I>) -> Self {
        value.map_or(Cell::Null, |v| Cell::Int(v.into()))
    }

    /// A count or index; one beyond `i64::MAX` cannot occur in memory.
    pub fn index(value: usize) -> Self {
        i64::try_from(value).map_or(Cell::Null, Cell::Int)
    }

    /// Optional decimal number.
    pub fn opt_num(value: Option<f64>) -> Self {
        value.map_or(Cell::Null, Cell::Num)
    }

    /// An ISO 8601 date of the model as a whole date (the first day of the
    /// month or year when only that is known); null when absent or not a date.
    pub fn date(value: Option<&str>) -> Self {
        value
            .and_then(PartialDate::parse)
            .map_or(Cell::Null, Cell::Date)
    }

    /// An ISO 8601 date or date-time of the model as a date-time (midnight
    /// when no time is known); null when absent or not a date.
    pub fn datetime(value: Option<&str>) -> Self {
        value
            .and_then(PartialDate::parse)
            .map_or(Cell::Null, Cell::DateTime)
    }

    /// How much of an ISO 8601 date the model holds: `year`, `month`, `day`
    /// or `second`; null when absent or not a date.
    pub fn precision(value: Option<&str>) -> Self {
        value
            .and_then(PartialDate::parse)
            .map_or(Cell::Null, |d| Cell::text(d.precision.as_str()))
    }

    /// A list in one cell, items joined by [`LIST_SEPARATOR`]; an empty list is null.
    pub fn list(items: &[String]) -> Self {
        if items.is_empty() {
            Cell::Null
        } else {
            Cell::Text(Cow::Owned(items.join(LIST_SEPARATOR)))
        }
    }

    /// The cell as [`Cell::render`] writes it, with numbers formatted into
    /// `scratch` (cleared first) instead of a string of their own: a batch
    /// writes millions of number cells, and their allocations showed.
    pub fn render_into<'s>(&'s self, scratch: &'s mut String) -> &'s str {
        fn number<'b>(scratch: &'b mut String, value: &dyn std::fmt::Display) -> &'b str {
            use std::fmt::Write as _;
            scratch.clear();
            // Writing into a String cannot fail.
            let _ = write!(scratch, "{value}");
            scratch.as_str()
        }
        match self {
            Cell::Int(value) => number(scratch, value),
            Cell::Num(value) if value.is_finite() => {
                // -0.0 would print as "-0".
                let value = if *value == 0.0 { 0.0 } else { *value };
                number(scratch, &value)
            }
            Cell::Date(date) => {
                *scratch = date.date_text();
                scratch.as_str()
            }
            Cell::DateTime(date) => {
                *scratch = date.datetime_text();
                scratch.as_str()
            }
            Cell::Null | Cell::Num(_) => "",
            Cell::Text(text) => text.as_ref(),
        }
    }

    /// The cell as it is written into the CSV file.
    pub fn render(&self) -> Cow<'_, str> {
        match self {
            Cell::Null => Cow::Borrowed(""),
            Cell::Text(text) => Cow::Borrowed(text.as_ref()),
            Cell::Int(value) => Cow::Owned(value.to_string()),
            Cell::Num(value) => render_decimal(*value),
            Cell::Date(date) => Cow::Owned(date.date_text()),
            Cell::DateTime(date) => Cow::Owned(date.datetime_text()),
        }
    }
}

/// Rust's `Display` for `f64` never uses exponents or a locale, and prints
/// whole values without a fraction ("3", not "3.0"), which is what the CSV
/// contract asks for.
fn render_decimal(value: f64) -> Cow<'static, str> {
    if value.is_finite() {
        // -0.0 would print as "-0".
        let value = if value == 0.0 { 0.0 } else { value };
        Cow::Owned(value.to_string())
    } else {
        Cow::Borrowed("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_is_an_empty_cell() {
        assert_eq!(Cell::Null.render(), "");
        assert_eq!(Cell::opt_text(None).render(), "");
        assert_eq!(Cell::opt_int::<i64>(None).render(), "");
        assert_eq!(Cell::opt_num(None).render(), "");
    }

    #[test]
    fn rendering_into_a_buffer_writes_what_render_writes() {
        let mut scratch = String::from("left over");
        for cell in [
            Cell::Null,
            Cell::text("tekst"),
            Cell::Int(-150_000),
            Cell::Num(-0.0),
            Cell::Num(0.85),
            Cell::Num(1e21),
            Cell::Num(f64::NAN),
            Cell::date(Some("2012-06")),
            Cell::datetime(Some("2012-06-30T12:00:00")),
        ] {
            let expected = cell.render().into_owned();
            assert_eq!(cell.render_into(&mut scratch), expected, "{cell:?}");
        }
    }

    #[test]
    fn integers_have_no_fraction() {
        assert_eq!(Cell::Int(8_560_507).render(), "8560507");
        assert_eq!(Cell::Int(-150_000).render(), "-150000");
        assert_eq!(Cell::opt_int(Some(2012_i32)).render(), "2012");
        assert_eq!(Cell::Num(57_700_000.0).render(), "57700000");
        assert_eq!(Cell::Num(-0.0).render(), "0");
    }

    #[test]
    fn decimals_use_a_point_and_no_exponent() {
        assert_eq!(Cell::Num(0.85).render(), "0.85");
        assert_eq!(Cell::Num(12.5).render(), "12.5");
        assert_eq!(Cell::Num(1e21).render(), "1000000000000000000000");
        assert_eq!(Cell::Num(f64::NAN).render(), "");
        assert_eq!(Cell::Num(f64::INFINITY).render(), "");
    }

    #[test]
    fn dates_are_whole_dates_with_their_precision_beside_them() {
        assert_eq!(Cell::date(Some("2014-08")).render(), "2014-08-01");
        assert_eq!(Cell::precision(Some("2014-08")).render(), "month");
        assert_eq!(Cell::date(Some("2011-08-31")).render(), "2011-08-31");
        assert_eq!(Cell::precision(Some("2011-08-31")).render(), "day");
        assert_eq!(Cell::date(Some("2013")).render(), "2013-01-01");
        assert_eq!(Cell::precision(Some("2013")).render(), "year");
        assert_eq!(
            Cell::datetime(Some("2013-03-22T10:11:12")).render(),
            "2013-03-22T10:11:12"
        );
        assert_eq!(
            Cell::datetime(Some("2013-03")).render(),
            "2013-03-01T00:00:00"
        );
        assert_eq!(Cell::date(Some("Kontinuerlig")).render(), "");
        assert_eq!(Cell::precision(None).render(), "");
    }

    #[test]
    fn lists_are_joined_and_empty_lists_are_null() {
        let phones = vec!["91234567".to_string(), "22334455".to_string()];
        assert_eq!(Cell::list(&phones).render(), "91234567; 22334455");
        assert_eq!(Cell::list(&[]).render(), "");
    }
}
