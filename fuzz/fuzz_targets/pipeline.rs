#![no_main]
//! The checks of `briefing::fuzzing::Target::Pipeline` on every input.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    briefing::fuzzing::Target::Pipeline.check(data);
});
