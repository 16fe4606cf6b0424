//! `briefing`: reads every agent's state files, reconciles the entities they
//! talk about, and reports the facts they disagree on with the seat that owns
//! each one.

pub mod diag;
pub mod ingest;
pub mod normalize;
