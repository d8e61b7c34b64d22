//! Any text a resident can type goes through PII scrub, normalisation, language ID and
//! tokenisation in every supported language without panicking, and the scrub is idempotent.
#![no_main]

use analysis::Lang;
use analysis::text::{language, normalize, pii, tokenize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (scrubbed, _) = pii::scrub(&text);
    let (again, counts) = pii::scrub(&scrubbed);
    assert_eq!(again, scrubbed, "scrubbing twice changes nothing");
    assert_eq!(counts.total(), 0, "nothing left to scrub");
    let normal = normalize::normalize(&scrubbed);
    let prior = Lang::ALL[data.len() % Lang::ALL.len()];
    let lang = language::identify(&normal, prior);
    for stem in [false, true] {
        let tokens = tokenize::tokenize(&normal, lang, stem);
        let _ = tokens.features(true);
    }
});
