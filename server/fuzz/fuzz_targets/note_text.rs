//! Uploaded `.txt` and `.md` interview notes: splitting into passages and redaction, for any
//! bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use server::notes::{Format, prepare};

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = prepare(Format::Txt, data) {
        assert!(doc.passages.iter().all(|p| !p.trim().is_empty()));
    }
    if let Ok(doc) = prepare(Format::Md, data) {
        assert!(doc.passages.iter().all(|p| !p.trim().is_empty()));
    }
});
