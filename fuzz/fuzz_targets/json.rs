#![no_main]
//! The checks of `briefing::fuzzing::Target::Json` on every input.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    briefing::fuzzing::Target::Json.check(data);
});
