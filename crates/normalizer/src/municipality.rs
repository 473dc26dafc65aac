//! Municipality register (placeholder).
