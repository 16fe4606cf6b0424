//! One renderer per output, all over the same `Briefing` value.

pub mod check;
pub mod email;
pub mod explain;
pub mod html;
pub mod json;
pub mod plain;
