//! Uploaded `.pdf` interview notes: any bytes must give passages or a reason, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use server::notes::{Format, prepare};

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = prepare(Format::Pdf, data) {
        assert!(doc.passages.iter().all(|p| !p.trim().is_empty()));
    }
});
