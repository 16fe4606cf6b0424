//! Reader for yaml state files.
