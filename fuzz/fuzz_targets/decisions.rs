#![no_main]
//! The checks of `briefing::fuzzing::Target::Decisions` on every input.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    briefing::fuzzing::Target::Decisions.check(data);
});
