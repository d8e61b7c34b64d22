use super::*;

fn fixture() -> (Vec<String>, Vec<&'static str>) {
    let topics: [(&str, [&str; 4]); 3] = [
        (
            "Pothole",
            [
                "pothole",
                "road surface",
                "asphalt crack",
                "deep hole in the street",
            ],
        ),
        (
            "Graffiti",
            [
                "graffiti",
                "spray paint",
                "tagging on the wall",
                "painted vandalism",
            ],
        ),
        (
            "Streetlight",
            [
                "streetlight out",
                "lamp post dark",
                "light not working",
                "broken street lamp",
            ],
        ),
    ];
    let places = [
        "near the school",
        "on Main Street",
        "by the park",
        "at the corner",
        "downtown",
    ];
    let mut texts = Vec::new();
    let mut labels = Vec::new();
    for i in 0..90 {
        let (label, phrases) = topics[i % 3];
        texts.push(format!("{} {} again", phrases[(i / 3) % 4], places[i % 5]));
        labels.push(label);
    }
    (texts, labels)
}

#[test]
fn learns_the_fixture_and_predicts_with_confidence() {
    let (texts, labels) = fixture();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let model = CategoryClassifier::fit(&refs, &labels, None, &ClassifierParams::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(model.categories(), ["Graffiti", "Pothole", "Streetlight"]);
    let p = model
        .predict(
            &["a new pothole in the road surface", "spray paint graffiti"],
            None,
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p[0].category, "Pothole");
    assert_eq!(p[1].category, "Graffiti");
    assert!(p.iter().all(|p| p.confidence > 0.4 && p.confidence <= 1.0));
}

#[test]
fn a_confident_disagreement_is_flagged_and_agreement_is_not() {
    let params = ClassifierParams::default();
    let p = Prediction {
        category: "Pothole".into(),
        confidence: 0.95,
    };
    assert!(p.disagrees("Graffiti", &params));
    assert!(!p.disagrees("Pothole", &params));
    let unsure = Prediction {
        confidence: 0.5,
        ..p
    };
    assert!(!unsure.disagrees("Graffiti", &params));
}

#[test]
fn cross_validation_scores_the_fixture_and_counts_rare_categories_as_errors() {
    let (mut texts, mut labels) = fixture();
    texts.push("a stray shopping cart".into());
    labels.push("Abandoned cart");
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let cv = cross_validate(&refs, &labels, None, &ClassifierParams::default(), 5)
        .unwrap_or_else(|e| panic!("{e}"));
    let eval = &cv.evaluation;
    assert_eq!(cv.predictions.len(), 91);
    // Out of fold: the rare report could not be predicted as its own category.
    assert_ne!(cv.predictions[90].category, "Abandoned cart");
    assert_eq!(eval.reports, 91);
    assert!(eval.accuracy > 0.9, "{eval:?}");
    let rare = eval
        .per_category
        .iter()
        .find(|c| c.category == "Abandoned cart");
    assert_eq!(rare.map(|c| (c.support, c.f1)), Some((1, 0.0)));
    assert!(eval.macro_f1 < eval.accuracy);
}

#[test]
fn one_category_or_mismatched_inputs_are_refused_by_name() {
    let texts = ["a", "b", "c", "d"];
    let err = CategoryClassifier::fit(&texts, &["X"; 4], None, &ClassifierParams::default());
    assert!(matches!(err, Err(ClassifyError::OneCategory(c)) if c == "X"));
    let err = CategoryClassifier::fit(&texts, &["X"; 3], None, &ClassifierParams::default());
    assert!(matches!(
        err,
        Err(ClassifyError::Mismatch {
            what: "categories",
            got: 3,
            expected: 4
        })
    ));
    let (texts, labels) = fixture();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let negative = ClassifierParams {
        idf_power: -1.0,
        ..ClassifierParams::default()
    };
    let err = CategoryClassifier::fit(&refs, &labels, None, &negative);
    assert!(matches!(err, Err(ClassifyError::Params(m)) if m.contains("idf_power")));
}

#[test]
fn classifier_settings_saved_before_the_idf_power_read_as_idf_one() {
    let p = ClassifierParams::default();
    assert_eq!(p.idf_power, 1.5);
    let mut json = serde_json::to_value(p).expect("write");
    json.as_object_mut().expect("object").remove("idf_power");
    let old: ClassifierParams = serde_json::from_value(json).expect("read");
    assert_eq!(old.idf_power, 1.0);
}

#[test]
fn sentence_vectors_are_appended_and_required_once_trained_with() {
    let (texts, labels) = fixture();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let sentences =
        ndarray::Array2::from_shape_fn(
            (refs.len(), 4),
            |(i, j)| {
                if i % 3 == j { 1.0 } else { 0.0 }
            },
        );
    let model = CategoryClassifier::fit(
        &refs,
        &labels,
        Some(sentences.view()),
        &ClassifierParams::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(model.sentence_dims(), 4);
    assert!(matches!(
        model.predict(&["pothole"], None),
        Err(ClassifyError::Mismatch { .. })
    ));
    let one = ndarray::Array2::from_shape_fn((1, 4), |(_, j)| if j == 0 { 1.0 } else { 0.0 });
    let p = model
        .predict(&["pothole"], Some(one.view()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p[0].category, "Pothole");
}
