//! The survey editor's edits: options, questions, moves, translations and JSON definitions.
use std::collections::BTreeMap;

use super::*;
use crate::i18n::Locale;

fn survey() -> SurveyDefinition {
    SurveyDefinition::from_json(
        r#"{"slug":"s","audience":"resident","title":{"en":"T","es":"T es"},"intro":{"en":"I"},
        "questions":[
          {"key":"a","prompt":{"en":"A?","es":"¿A?"},"kind":{"type":"single_choice","options":[
            {"value":"yes","label":{"en":"Yes","es":"Sí"}},{"value":"no","label":{"en":"No"}}]}},
          {"key":"b","prompt":{"en":"B?"},"show_if":{"question":"a","any_of":["yes"]},
           "kind":{"type":"long_text","max_chars":500}}]}"#,
    )
    .expect("a valid definition")
}

fn input(key: &str, kind: &str) -> QuestionInput {
    QuestionInput {
        key: key.into(),
        kind: kind.into(),
        prompt: "What do you need?".into(),
        ..QuestionInput::default()
    }
}

#[test]
fn options_keep_their_translations_and_take_values_from_labels() {
    let before = match &survey().questions[0].kind {
        KindDef::SingleChoice { options } => options.clone(),
        _ => unreachable!(),
    };
    let options = parse_options("yes | Yes, often\nNot at all!\n\n", &before).expect("ok");
    assert_eq!(options[0].value, "yes");
    assert_eq!(options[0].label["es"], "Sí", "the Spanish label stays");
    assert_eq!(options[0].label["en"], "Yes, often");
    assert_eq!(options[1].value, "not_at_all");
}

#[test]
fn bad_options_name_the_line() {
    let e = parse_options("a | A\nb | B\na | Again", &[]).unwrap_err();
    assert!(
        e.message.contains("Line 3") && e.message.contains("“a”"),
        "{e:?}"
    );
    let e = parse_options("Bad Value | X\nb | B", &[]).unwrap_err();
    assert!(e.message.contains("Line 1"), "{e:?}");
    let e = parse_options("only one", &[]).unwrap_err();
    assert!(e.message.contains("two options"), "{e:?}");
    assert_eq!(e.field, "question-options");
}

#[test]
fn a_question_is_added_after_another_and_keys_are_checked() {
    let mut def = survey();
    let mut new = input("c", "number");
    new.min = "0".into();
    new.max = "10".into();
    new.after = "a".into();
    add_question(&mut def, &new).expect("added");
    let keys: Vec<&str> = def.questions.iter().map(|q| q.key.as_str()).collect();
    assert_eq!(keys, ["a", "c", "b"]);
    assert_eq!(
        add_question(&mut def, &new).unwrap_err().field,
        "question-key",
        "a repeated key"
    );
    let e = add_question(&mut def, &input("Top Need", "zip")).unwrap_err();
    assert_eq!(e.field, "question-key");
    let mut bad = input("d", "number");
    bad.min = "5".into();
    bad.max = "1".into();
    assert_eq!(
        add_question(&mut def, &bad).unwrap_err().field,
        "question-max"
    );
    bad.min = "five".into();
    let e = add_question(&mut def, &bad).unwrap_err();
    assert!(e.message.contains("“five”"), "{e:?}");
}

#[test]
fn editing_keeps_other_languages_and_branching() {
    let mut def = survey();
    let mut changed = QuestionInput::of(&def.questions[1]);
    changed.prompt = "B, reworded?".into();
    changed.kind = "short_text".into();
    changed.max_chars = String::new();
    edit_question(&mut def, "b", &changed).expect("edited");
    let b = &def.questions[1];
    assert_eq!(b.prompt["en"], "B, reworded?");
    assert!(b.show_if.is_some(), "branching is kept");
    assert_eq!(b.kind, KindDef::ShortText { max_chars: 200 });
    let mut a = QuestionInput::of(&def.questions[0]);
    a.prompt = "A, reworded?".into();
    edit_question(&mut def, "a", &a).expect("edited");
    assert_eq!(def.questions[0].prompt["es"], "¿A?", "translation kept");
    assert!(def.check().is_ok());
}

#[test]
fn moving_and_removing_are_checked_by_the_definition_rules() {
    let mut def = survey();
    move_question(&mut def, "b", true).expect("moved");
    assert_eq!(def.questions[0].key, "b");
    assert!(def.check().is_err(), "b now branches on a later question");
    move_question(&mut def, "b", true).expect("at the top it stays");
    assert_eq!(def.questions[0].key, "b");
    let mut def = survey();
    remove_question(&mut def, "a").expect("removed");
    assert!(def.check().is_err(), "b branches on a removed question");
    assert!(remove_question(&mut def, "zzz").is_err());
}

#[test]
fn translations_fill_fall_back_and_are_counted() {
    let mut def = survey();
    assert_eq!(coverage(&def, Locale::Es), (3, 6));
    let posted = BTreeMap::from([
        ("intro".to_owned(), "Introducción".to_owned()),
        ("a.option.yes".to_owned(), String::new()),
        ("b.prompt".to_owned(), "¿B?".to_owned()),
    ]);
    translate(&mut def, Locale::Es, &posted).expect("translated");
    assert_eq!(def.intro["es"], "Introducción");
    let KindDef::SingleChoice { options } = &def.questions[0].kind else {
        unreachable!()
    };
    assert!(
        !options[0].label.contains_key("es"),
        "an empty field removes it"
    );
    assert_eq!(def.title["es"], "T es", "a field not posted is left alone");
    assert_eq!(coverage(&def, Locale::Es), (4, 6));
    let long = BTreeMap::from([("title".to_owned(), "x".repeat(MAX_TEXT + 1))]);
    assert_eq!(
        translate(&mut def, Locale::Es, &long).unwrap_err().field,
        "title"
    );
}

#[test]
fn a_posted_definition_says_where_it_is_wrong() {
    let def = survey();
    let e = parse_definition("{\n  \"slug\": \"s\",\n  oops", &def).unwrap_err();
    assert!(e.message.contains("line 3"), "{e:?}");
    let mut other = def.clone();
    other.slug = "other".into();
    let json = serde_json::to_string(&other).expect("json");
    assert!(
        parse_definition(&json, &def)
            .unwrap_err()
            .message
            .contains("must stay")
    );
    let mut broken = def.clone();
    broken.questions.swap(0, 1);
    let json = serde_json::to_string(&broken).expect("json");
    assert!(
        parse_definition(&json, &def)
            .unwrap_err()
            .message
            .contains("breaks a rule")
    );
    let json = serde_json::to_string_pretty(&def).expect("json");
    assert_eq!(parse_definition(&json, &def).expect("ok"), def);
}

#[test]
fn codes_from_labels() {
    assert_eq!(code_from("Not at all!"), "not_at_all");
    assert_eq!(code_from("  Ünïcode 2 "), "n_code_2");
}
