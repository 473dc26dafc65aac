//! The `skjema` batch as a library: what the command line does between its
//! arguments and its exit code (finding inputs, grouping copies, reading
//! documents on worker threads under a time budget, the progress journal,
//! shards), so that other front ends — the Python package in `python/` —
//! run exactly the same batch. The binary (`src/main.rs`) is thin glue over
//! these modules; nothing here depends on Python.

pub mod batch;
pub mod cli;
pub mod copies;
pub mod debug_pictures;
pub mod document;
pub mod in_memory;
pub mod inputs;
pub mod journal;
pub mod limits;
pub mod logging;
pub mod out_lock;
pub mod panic_guard;
pub mod review_cmd;
pub mod shard;
pub mod tables_cmd;
