//! Reader for markdown state files.
