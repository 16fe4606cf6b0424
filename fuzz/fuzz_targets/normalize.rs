#![no_main]
//! The checks of `briefing::fuzzing::Target::Normalize` on every input.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    briefing::fuzzing::Target::Normalize.check(data);
});
