//! Norwegian value parsers: the small, pure functions that turn what a
//! municipality typed into a form cell into typed data.
//!
//! They never guess silently: a parse result says when a value was marked
//! uncertain, was a range, or could not be read, so the caller can raise the
//! matching issue (`value_uncertain`, `value_range`, `unparsed_number`,
//! `unusual_phone`) and keep the raw text in provenance.

mod contact;
mod date;
mod number;
mod text;

pub use contact::{parse_emails, parse_phones, Phone};
pub use date::{find_dates, header_dates, parse_date, year_of, PartialDate};
pub use number::{parse_number, whole_count, whole_kroner, NumberKind, NumberParse};
pub use text::{clean_name, clean_text, floor_boundary, join_wrapped_lines, normalize_spaces};

#[cfg(test)]
mod properties;
