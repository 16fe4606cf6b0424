#![no_main]
//! The checks of `briefing::fuzzing::Target::Toml` on every input.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    briefing::fuzzing::Target::Toml.check(data);
});
