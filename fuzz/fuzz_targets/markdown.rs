#![no_main]
//! The checks of `briefing::fuzzing::Target::Markdown` on every input.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    briefing::fuzzing::Target::Markdown.check(data);
});
