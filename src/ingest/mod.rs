//! Reading state files: walk the state directory, pick a reader by
//! extension, and turn what each file holds into mentions.

pub mod csv;
pub mod json;
pub mod jsonl;
pub mod markdown;
pub mod toml;
pub mod tree;
pub mod yaml;
