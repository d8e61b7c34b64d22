//! Whatever file staff upload as margins, equity index or ZIP crosswalk is either accepted (and
//! then valid) or refused with an error, never a panic.
#![no_main]

use analysis::weighting::{EquityTable, KnownCategories, Margins, ZipCrosswalk};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(margins) = Margins::parse_csv(text, &KnownCategories::new()) {
        assert!(margins.validate().is_ok(), "accepted margins validate");
    }
    if let Ok(equity) = EquityTable::parse_csv(text, None) {
        let _ = ZipCrosswalk::parse_csv(text, &equity);
    }
});
