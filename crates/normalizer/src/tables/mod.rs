//! The PDF reader: the tables the extractor found, read into blocks of
//! records for the mapper (see [`crate::grid`]). A table kind's header is
//! found by its column headers in `forms/tables.toml`; tables with one row
//! or column per year are read by [`years`].

mod blocks;
mod header;
mod left_rows;
mod view;
mod years;

use crate::forms::TableDef;
use crate::grid::Block;
pub use view::{views, TableView};

/// A table a page break may have cut, open for its rest on the next page:
/// the shape its rest must have (the kind's own: column roles, year
/// layout), its width and its block.
struct Open<S> {
    shape: S,
    width: usize,
    block: usize,
    /// The table ended in its header, no row under it: the page break fell
    /// right after it, and the next table is its body even with lines
    /// above it (the header's rest, the area's heading).
    headed: bool,
}

impl<S> Open<S> {
    /// The open table when `view` may be its rest: a table at the top of
    /// the next page (or right after a header), as wide as the open one.
    /// The kind asks the rest.
    fn goes_on_in(self, view: &TableView) -> Option<Self> {
        ((view.at_page_top || self.headed) && view.width() == self.width).then_some(self)
    }
}

/// The blocks of one table kind among the document's tables.
pub fn read(def: &TableDef, views: &[TableView]) -> Vec<Block> {
    match def.list.as_str() {
        "funding_by_year" => years::blocks(def, views),
        _ => blocks::blocks(def, views),
    }
}

/// Where a table kind that gave no rows was looked for, and the nearest
/// thing seen: a table whose header names some of the kind's columns but
/// cannot be read as its header (page and header text).
pub fn looked_for(def: &TableDef, views: &[TableView]) -> (String, Option<(u32, String)>) {
    let pages: Vec<u32> = views.iter().map(|v| v.page).collect();
    let tables = match (pages.first(), pages.last()) {
        (Some(a), Some(b)) if a == b => format!("{} table(s), on page {a}", views.len()),
        (Some(a), Some(b)) => format!("{} tables, pages {a}–{b}", views.len()),
        _ => "no table at all".to_string(),
    };
    // The one message; the kinds differ in what none of the tables has.
    let (shape, seen) = if def.list == "funding_by_year" {
        let fields: Vec<&str> = def.fields.iter().map(|f| f.name.as_str()).collect();
        let fields = fields.join(", ");
        (
            format!("years along one side and {fields} along the other"),
            None,
        )
    } else {
        let keys = key_roles(def).join(" and ");
        let seen = views
            .iter()
            .find_map(|v| header::partial(def, v).map(|t| (v.page, t)));
        (format!("a header naming its {keys} column(s)"), seen)
    };
    (
        format!("among the document's {tables} none has {shape}"),
        seen,
    )
}

/// The roles of the kind's key columns, in order.
pub(crate) fn key_roles(def: &TableDef) -> Vec<&str> {
    let keys = def.columns.iter().filter(|c| c.key);
    keys.map(|c| c.role.as_str()).collect()
}
