//! Norwegian value parsers (placeholder).
