//! Any file given as an Open311 `requests.json` yields requests, refused requests with a reason,
//! or an error; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use server::import::{Item, open311};

fuzz_target!(|data: &[u8]| {
    let _ = open311::read(data, |item| {
        if let Item::Bad(bad) = &item {
            assert!(!bad.reason.is_empty());
        }
        true
    });
});
