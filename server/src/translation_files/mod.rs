//! Translation files for the City's translators: a survey version's texts in one language as an
//! XLIFF 2.0 file ([`export`]), and an uploaded file checked against the survey ([`check`])
//! before anything is kept. XLIFF because every translation tool the City's translators use
//! (Trados, memoQ, Phrase, OmegaT, Weblate) reads and writes it, keeps the English beside each
//! target, and carries each segment's state (`initial`, `translated`, `reviewed`), which maps to
//! Needscope's draft, reviewed and outdated.
//!
//! The checks, each naming the line of the uploaded file and the unit: the file must be XLIFF
//! 2.0 from English into the page's language, for this survey and a version of it that exists;
//! every exported unit must come back and no other; the English in `<source>` must still be the
//! survey's (otherwise the survey changed since the export); option values are the units' ids,
//! so they cannot change; a translation must keep the numbers of its English (`311`, `95112`,
//! `$25,000`: survey texts have no `{placeholders}`, numbers are what must survive), be plain
//! text (no inline XLIFF elements, no HTML-like tags, no control characters) and fit the text's
//! length limit; a unit marked translated must have a translation.

pub mod xliff;

use std::collections::{BTreeMap, BTreeSet};

use app::i18n::Locale;
use app::models::survey::SurveyDefinition;
use app::models::survey_edit::{
    MAX_INTRO, MAX_TEXT, TextSlot, TranslationRecord, outdated, text_slots,
};
use app::models::translation_file::{ImportProblem, ImportedUnit, SegmentState};

use xliff::{Document, NAMESPACE, OutFile, OutUnit};

/// The `locale` translation of survey `slug` (`def`, at `version`) as an XLIFF 2.0 document.
pub fn export(
    slug: &str,
    version: i32,
    def: &SurveyDefinition,
    locale: Locale,
    record: Option<&TranslationRecord>,
) -> std::io::Result<Vec<u8>> {
    let slots = text_slots(def, locale);
    let stale = outdated(def, locale, record);
    let status = record.map(|r| r.status).unwrap_or_default();
    let title = def.title.get("en").map(String::as_str).unwrap_or_default();
    let units = slots
        .iter()
        .map(|slot| OutUnit {
            id: &slot.field,
            what: &slot.what,
            english: &slot.english,
            target: (!slot.translation.is_empty()).then_some(slot.translation.as_str()),
            state: SegmentState::of_export(slot, stale.contains(&slot.field), status),
        })
        .collect();
    xliff::write(&OutFile {
        slug,
        version,
        title,
        language: locale.code(),
        units,
    })
}

/// What an uploaded file is checked against: the survey as it is now and the page's language.
pub struct Expected<'a> {
    pub slug: &'a str,
    pub version: i32,
    pub locale: Locale,
    pub def: &'a SurveyDefinition,
}

/// A file that passed every check: the version it was exported from and each text's unit.
#[derive(Debug)]
pub struct Checked {
    pub version: i32,
    pub units: BTreeMap<String, ImportedUnit>,
}

fn problem(line: u64, unit: Option<&str>, message: impl Into<String>) -> ImportProblem {
    ImportProblem {
        line: Some(line),
        unit: unit.map(str::to_owned),
        message: message.into(),
    }
}

/// Checks an uploaded file against the survey (see the module's documentation). A problem with
/// the file as a whole (not XLIFF 2.0, another language, survey or version) is given alone;
/// otherwise every unit's problems are given.
pub fn check(bytes: &[u8], expected: &Expected<'_>) -> Result<Checked, Vec<ImportProblem>> {
    let doc = xliff::read(bytes).map_err(|e| {
        let mut message = e.message;
        if let Some(first) = message.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        vec![problem(e.line, None, format!("{message}."))]
    })?;
    let version = check_header(&doc, expected).map_err(|p| vec![p])?;
    let units = check_units(&doc, expected, version)?;
    Ok(Checked { version, units })
}

/// The file as a whole: XLIFF 2.0, English into the page's language, this survey, a version of
/// it. Returns the version the file was exported from.
fn check_header(doc: &Document, expected: &Expected<'_>) -> Result<i32, ImportProblem> {
    let h = &doc.header;
    let at = |message: String| problem(h.line, None, message);
    if h.root != "xliff" {
        return Err(at(format!(
            "This is not an XLIFF file: its first element is <{}>, not <xliff>. Upload the .xlf file exported from this page, translated.",
            h.root
        )));
    }
    match h.version.as_deref() {
        Some("2.0") => {}
        Some(v) => {
            return Err(at(format!(
                "This is an XLIFF {v} file; Needscope reads XLIFF 2.0. Save it as XLIFF 2.0 in your translation tool, or translate the file exported from this page."
            )));
        }
        None => {
            return Err(at(
                "The <xliff> element has no version: Needscope reads XLIFF 2.0 (version=\"2.0\")."
                    .into(),
            ));
        }
    }
    if h.namespace.as_deref() != Some(NAMESPACE) {
        return Err(at(format!(
            "The <xliff> element's namespace is “{}”, not XLIFF 2.0's ({NAMESPACE}).",
            h.namespace.as_deref().unwrap_or("none")
        )));
    }
    let src = h.src_lang.as_deref().unwrap_or_default();
    if Locale::from_code(src) != Some(Locale::En) {
        return Err(at(format!(
            "The file's source language is “{src}”: the survey's texts are translated from English (srcLang=\"en\")."
        )));
    }
    let page = expected.locale;
    let trg = h.trg_lang.as_deref().unwrap_or_default();
    match Locale::from_code(trg) {
        Some(l) if l == page => {}
        Some(other) => {
            return Err(at(format!(
                "This file is a translation into {} ({}, trgLang=\"{trg}\"), but this page is for {} ({}). Import it on the {} page.",
                other.english_name(),
                other.endonym(),
                page.english_name(),
                page.endonym(),
                other.english_name()
            )));
        }
        None if trg.is_empty() => {
            return Err(at(format!(
                "The file does not say which language it is in (trgLang): this page takes {} (trgLang=\"{}\").",
                page.english_name(),
                page.code()
            )));
        }
        None => {
            return Err(at(format!(
                "The file's language “{trg}” is not one surveys can be translated into; this page takes {} (trgLang=\"{}\").",
                page.english_name(),
                page.code()
            )));
        }
    }
    let file_line = h.files.first().copied().unwrap_or(h.line);
    if h.files.len() != 1 {
        return Err(problem(
            file_line,
            None,
            format!(
                "The file has {} <file> elements; an exported file has one, for one survey.",
                h.files.len()
            ),
        ));
    }
    let export_again = "export the file from this page and translate that";
    let Some((survey, line)) = h.notes.get("survey") else {
        return Err(problem(
            file_line,
            None,
            format!(
                "The file does not say which survey it is for (its <note id=\"survey\">): {export_again}."
            ),
        ));
    };
    if survey != expected.slug {
        return Err(problem(
            *line,
            None,
            format!(
                "This file is for the survey “{survey}”, not “{}”. Import it on that survey's translation page.",
                expected.slug
            ),
        ));
    }
    let Some((version, line)) = h.notes.get("version") else {
        return Err(problem(
            file_line,
            None,
            format!(
                "The file does not say which version of the survey it was exported from (its <note id=\"version\">): {export_again}."
            ),
        ));
    };
    match version.parse::<i32>() {
        Ok(v) if v >= 1 && v <= expected.version => Ok(v),
        Ok(v) => Err(problem(
            *line,
            None,
            format!(
                "This file says it was exported from version {v} of “{}”, which is at version {}: it is not from this survey; {export_again}.",
                expected.slug, expected.version
            ),
        )),
        Err(_) => Err(problem(
            *line,
            None,
            format!("The file's survey version “{version}” is not a number: {export_again}."),
        )),
    }
}

/// Every unit against the survey's texts; all problems found, or each text's unit.
fn check_units(
    doc: &Document,
    expected: &Expected<'_>,
    file_version: i32,
) -> Result<BTreeMap<String, ImportedUnit>, Vec<ImportProblem>> {
    let slots: BTreeMap<String, TextSlot> = text_slots(expected.def, expected.locale)
        .into_iter()
        .map(|s| (s.field.clone(), s))
        .collect();
    let mut problems = Vec::new();
    let mut seen: BTreeMap<&str, u64> = BTreeMap::new();
    let mut units = BTreeMap::new();
    for unit in &doc.units {
        let id = unit.id.as_str();
        let mut say = |line: u64, message: String| problems.push(problem(line, Some(id), message));
        if id.is_empty() {
            say(
                unit.line,
                "the unit has no id: every unit keeps the id it was exported with.".into(),
            );
            continue;
        }
        if let Some(first) = seen.insert(id, unit.line) {
            say(
                unit.line,
                format!("the unit appears twice (first on line {first})."),
            );
            continue;
        }
        let Some(slot) = slots.get(id) else {
            say(unit.line, unknown_unit(expected.def, id));
            continue;
        };
        if normalized(&unit.source) != normalized(&slot.english) {
            let why = if file_version < expected.version {
                format!(
                    "the survey changed since this file was exported (from version {file_version}; it is now at version {}): export the file again and carry your translations over.",
                    expected.version
                )
            } else {
                "leave <source> as it was exported.".to_owned()
            };
            say(
                unit.line,
                format!(
                    "the English in <source> is not the survey's English now (“{}”): {why}",
                    slot.english
                ),
            );
            continue;
        }
        let state = match unit.state.as_deref() {
            None => SegmentState::Initial,
            Some(s) => match SegmentState::parse(s) {
                Some(state) => state,
                None => {
                    say(
                        unit.line,
                        format!(
                            "the state “{s}” is not an XLIFF 2.0 state (initial, translated, reviewed or final)."
                        ),
                    );
                    continue;
                }
            },
        };
        if let Some((element, line)) = &unit.markup {
            say(
                *line,
                format!(
                    "the text contains the XLIFF element <{element}>: survey texts are plain text, so remove it."
                ),
            );
            continue;
        }
        let target = unit.target.as_deref().unwrap_or_default().trim().to_owned();
        if target.is_empty() {
            if state != SegmentState::Initial {
                say(
                    unit.target_line,
                    format!(
                        "the unit is marked “{}” but its translation is empty: translate it, or set its state to initial to leave the text as it is.",
                        state.as_str()
                    ),
                );
            }
        } else {
            let max = if slot.long { MAX_INTRO } else { MAX_TEXT };
            if let Some(message) = target_problem(&slot.english, &target, max) {
                say(unit.target_line, message);
                continue;
            }
        }
        units.insert(id.to_owned(), ImportedUnit { target, state });
    }
    for (field, slot) in &slots {
        if !seen.contains_key(field.as_str()) {
            problems.push(problem(
                doc.header.file_end.max(doc.header.line),
                Some(field),
                format!(
                    "the unit is missing ({}): every exported unit must come back, translated or not.",
                    slot.what
                ),
            ));
        }
    }
    if problems.is_empty() {
        Ok(units)
    } else {
        problems.sort_by_key(|p| p.line);
        Err(problems)
    }
}

/// Why `id` is not one of the survey's texts, saying so plainly for a changed option value.
fn unknown_unit(def: &SurveyDefinition, id: &str) -> String {
    if let Some((key, value)) = id.split_once(".option.")
        && def.questions.iter().any(|q| q.key == key)
    {
        return format!(
            "question {key} has no option with the value “{value}”. Option values are what answers are stored as and must stay as exported: translate only the text inside <target>."
        );
    }
    "the survey has no such text: units keep the ids they were exported with, and none can be added.".into()
}

/// Whitespace runs as one space, ends trimmed (tools may re-wrap the English).
fn normalized(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What is wrong with a translation of `english`, if anything.
fn target_problem(english: &str, target: &str, max: usize) -> Option<String> {
    if let Some(c) = target
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        return Some(format!(
            "the translation contains the control character U+{:04X}: remove it.",
            u32::from(c)
        ));
    }
    let chars = target.chars().count();
    if chars > max {
        return Some(format!(
            "the translation has {chars} characters; this text may have at most {max}."
        ));
    }
    let wanted = numbers(english);
    let have = numbers(target);
    let lost: Vec<&String> = wanted.difference(&have).collect();
    if !lost.is_empty() {
        let list = lost
            .iter()
            .map(|n| n.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        return Some(format!(
            "the English has the number {list}, which the translation does not: numbers (311, ZIP codes, amounts, ages) must stay as they are."
        ));
    }
    if !english.contains('<')
        && let Some(tag) = tag_like(target)
    {
        return Some(format!(
            "the translation contains “{tag}”, which looks like markup: survey texts are plain text."
        ));
    }
    None
}

/// The numbers in `s`, as digits only: `$25,000` and `25.000` are both `25000`, full-width digits
/// count as digits.
fn numbers(s: &str) -> BTreeSet<String> {
    let chars: Vec<char> = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
            _ => c,
        })
        .collect();
    let mut out = BTreeSet::new();
    let mut current = String::new();
    for (i, c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            current.push(*c);
            continue;
        }
        let grouping = matches!(c, ',' | '.' | '\u{a0}' | '\u{202f}' | '\'')
            && !current.is_empty()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !grouping && !current.is_empty() {
            out.insert(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.insert(current);
    }
    out
}

/// The first `<name` or `</name` in `s`, if any.
fn tag_like(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    s.match_indices('<').find_map(|(i, _)| {
        let next = *bytes.get(i + 1)?;
        (next.is_ascii_alphabetic() || next == b'/').then(|| {
            s[i..]
                .chars()
                .take_while(|c| *c != '>' && !c.is_whitespace())
                .take(20)
                .collect::<String>()
                + ">"
        })
    })
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn numbers_ignore_grouping_and_width() {
        assert_eq!(
            numbers("$25,000 to $49,999, 311 and 95112"),
            ["25000", "311", "49999", "95112"]
                .into_iter()
                .map(String::from)
                .collect()
        );
        assert_eq!(numbers("25.000 đô la"), numbers("$25,000"));
        assert_eq!(numbers("３１１"), numbers("311"));
        assert!(numbers("no numbers").is_empty());
    }

    #[test]
    fn a_translation_keeps_numbers_and_stays_plain_text() {
        assert_eq!(target_problem("Under 18", "Dưới 18 tuổi", 600), None);
        let lost = target_problem("Phone call, including 311", "Gọi điện thoại", 600).unwrap();
        assert!(lost.contains("311"), "{lost}");
        let tag = target_problem("Parks", "<b>Công viên</b>", 600).unwrap();
        assert!(tag.contains("<b>"), "{tag}");
        assert!(
            target_problem("A", "B\u{7}", 600)
                .unwrap()
                .contains("U+0007")
        );
        assert!(
            target_problem("A", "BBBB", 3)
                .unwrap()
                .contains("at most 3")
        );
    }

    /// The shipped drafts pass the checks a translator's file goes through: a check that refused
    /// them would refuse good work.
    #[test]
    fn the_seed_translations_pass_the_checks() {
        for json in migrations::SEED_INSTRUMENTS {
            let def = SurveyDefinition::from_json(json).unwrap();
            for locale in [Locale::Es, Locale::Vi, Locale::ZhHant, Locale::Tl] {
                for slot in text_slots(&def, locale) {
                    if slot.translation.is_empty() {
                        continue;
                    }
                    let max = if slot.long { MAX_INTRO } else { MAX_TEXT };
                    assert_eq!(
                        target_problem(&slot.english, &slot.translation, max),
                        None,
                        "{} {} {}: {}",
                        def.slug,
                        locale.code(),
                        slot.field,
                        slot.translation
                    );
                }
            }
        }
    }

    fn survey() -> SurveyDefinition {
        SurveyDefinition::from_json(migrations::SEED_INSTRUMENTS[0]).unwrap()
    }

    #[test]
    fn an_export_checks_back_in_unchanged() {
        let def = survey();
        let bytes = export(&def.slug, 1, &def, Locale::Vi, None).unwrap();
        let expected = Expected {
            slug: &def.slug,
            version: 1,
            locale: Locale::Vi,
            def: &def,
        };
        let checked = check(&bytes, &expected).unwrap();
        assert_eq!(checked.version, 1);
        assert_eq!(checked.units.len(), text_slots(&def, Locale::Vi).len());
    }

    #[test]
    fn the_wrong_language_or_survey_is_said_alone() {
        let def = survey();
        let bytes = export(&def.slug, 1, &def, Locale::Tl, None).unwrap();
        let expected = Expected {
            slug: &def.slug,
            version: 1,
            locale: Locale::Vi,
            def: &def,
        };
        let problems = check(&bytes, &expected).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(2));
        assert!(
            problems[0].message.contains("translation into Tagalog"),
            "{problems:?}"
        );
        let other = Expected {
            slug: "parks",
            locale: Locale::Tl,
            ..expected
        };
        let problems = check(&bytes, &other).unwrap_err();
        assert!(problems[0].message.contains("not “parks”"), "{problems:?}");
    }

    #[test]
    fn a_changed_option_value_names_its_unit() {
        let def = survey();
        let text =
            String::from_utf8(export(&def.slug, 1, &def, Locale::Vi, None).unwrap()).unwrap();
        let text = text.replacen(".option.under_18\"", ".option.under_eighteen\"", 1);
        let expected = Expected {
            slug: &def.slug,
            version: 1,
            locale: Locale::Vi,
            def: &def,
        };
        let problems = check(text.as_bytes(), &expected).unwrap_err();
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains(".option.under_eighteen: question")
                    && m.contains("no option with the value “under_eighteen”")),
            "{messages:#?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains(".option.under_18: the unit is missing")),
            "{messages:#?}"
        );
    }
}
