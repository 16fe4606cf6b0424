//! Reader for json state files.
