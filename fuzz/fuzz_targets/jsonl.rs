#![no_main]
//! The checks of `briefing::fuzzing::Target::JsonLines` on every input.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    briefing::fuzzing::Target::JsonLines.check(data);
});
