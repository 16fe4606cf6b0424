#![no_main]
//! The checks of `briefing::fuzzing::Target::Csv` on every input.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    briefing::fuzzing::Target::Csv.check(data);
});
