//! One renderer per output, all over the same `Briefing` value.

pub mod check;
pub mod explain;
pub mod json;
pub mod plain;
