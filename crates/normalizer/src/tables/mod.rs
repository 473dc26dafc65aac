//! The PDF reader: the tables the extractor found, read into blocks of
//! records for the mapper (see [`crate::grid`]). A table kind's header is
//! found by its column headers in `forms/tables.toml`; tables with one row
//! or column per year are read by [`years`].

mod blocks;
mod header;
mod view;
pub(crate) mod years;

use crate::forms::TableDef;
use crate::grid::Block;
pub use view::{views, TableView};

/// The blocks of one table kind among the document's tables.
pub fn read(def: &TableDef, views: &[TableView]) -> Vec<Block> {
    match def.list.as_str() {
        "funding_by_year" => years::blocks(def, views),
        _ => blocks::blocks(def, views),
    }
}
