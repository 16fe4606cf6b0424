//! Reader for toml state files.
