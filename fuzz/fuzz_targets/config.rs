#![no_main]
//! The checks of `briefing::fuzzing::Target::Config` on every input.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    briefing::fuzzing::Target::Config.check(data);
});
