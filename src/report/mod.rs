//! One renderer per output, all over the same `Briefing` value.

pub mod json;
pub mod plain;
