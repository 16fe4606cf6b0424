//! Reader for csv state files.
