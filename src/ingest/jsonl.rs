//! Reader for jsonl state files.
