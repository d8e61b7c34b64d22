//! Stage 5, label: describes every theme for people — c-TF-IDF keywords in their readable
//! (unstemmed) form, a label from them, diverse representative quotes, and member, respondent,
//! stream and language counts. IDs are left empty for stage 6.

use std::collections::{BTreeMap, BTreeSet};

use ndarray::ArrayView2;

use super::cluster::Clustered;
use super::prepare::Corpus;
use super::reduce::Reduced;
use crate::labels::keywords::{Keyword, class_keywords, label_from};
use crate::labels::quotes::pick_quotes;
use crate::pipeline::fit::FitContext;
use crate::pipeline::model::{Lineage, Quote, Stage, Theme};
use crate::pipeline::params::ThemeValidParams;
use crate::pipeline::prepare::{Prepared, UnitKind};
use crate::text::language::{Lang, is_han};
use crate::unit::Stream;

/// One theme in the making: its cluster and what describes it.
struct ThemeCluster<'a> {
    /// Member rows.
    rows: &'a [usize],
    /// Similarity of every row to the cluster centre.
    sim: Vec<f32>,
    /// The theme's keywords.
    keywords: &'a [Keyword],
    /// The cluster's outlier threshold.
    threshold: f32,
}

/// The themes of `clustered`, in theme order, with empty IDs.
pub(crate) fn label(
    p: &ThemeValidParams,
    corpus: &Corpus<'_>,
    reduced: &Reduced,
    clustered: &Clustered,
    ctx: &FitContext<'_>,
) -> Vec<Theme> {
    let kept = &clustered.kept;
    ctx.report(Stage::Label, 0, kept.len());
    let display = &corpus.display;
    let keywords = class_keywords(
        &corpus.counts,
        &clustered.members,
        &clustered.unclassified,
        &|c| display[c as usize].clone(),
        p.keywords,
        p.keyword_diversity,
    );
    let mut themes: Vec<Theme> = Vec::with_capacity(kept.len());
    for (t, &c) in kept.iter().enumerate() {
        let cluster = ThemeCluster {
            rows: &clustered.members[t],
            sim: (0..corpus.len()).map(|i| clustered.sims[[i, c]]).collect(),
            keywords: &keywords[t],
            threshold: clustered.thresholds[c],
        };
        themes.push(describe(p, corpus, reduced.represented.z.view(), cluster));
        ctx.report(Stage::Label, t + 1, kept.len());
    }
    themes
}

/// The theme of one cluster: quotes picked among its content members (all members if it has
/// none), counts, cohesion.
fn describe(
    p: &ThemeValidParams,
    corpus: &Corpus<'_>,
    z: ArrayView2<'_, f32>,
    cluster: ThemeCluster<'_>,
) -> Theme {
    let (units, prepared) = (&corpus.units, &corpus.prepared);
    let rows = cluster.rows;
    let quote_pool: Vec<usize> = rows
        .iter()
        .copied()
        .filter(|&i| prepared[i].kind == UnitKind::Content)
        .collect();
    let by_unit = |i: usize| units[i].stream;
    let one_stream = |_: usize| Stream::Resident;
    let stream: &dyn Fn(usize) -> Stream = if p.quotes_cover_streams {
        &by_unit
    } else {
        &one_stream
    };
    let q = pick_quotes(
        z,
        if quote_pool.is_empty() {
            rows
        } else {
            &quote_pool
        },
        &cluster.sim,
        &|i| units[i].respondent.as_str(),
        stream,
        &|i| quote_words(&prepared[i]),
        p.quotes,
        p.quote_diversity as f32,
    );
    let mut by_stream: BTreeMap<_, BTreeSet<&str>> = BTreeMap::new();
    let mut langs: BTreeMap<Lang, usize> = BTreeMap::new();
    for &i in rows {
        by_stream
            .entry(units[i].stream)
            .or_default()
            .insert(units[i].respondent.as_str());
        *langs.entry(prepared[i].lang).or_insert(0) += 1;
    }
    let cohesion =
        rows.iter().map(|&i| f64::from(cluster.sim[i])).sum::<f64>() / rows.len().max(1) as f64;
    Theme {
        id: String::new(),
        label: label_from(cluster.keywords),
        keywords: cluster.keywords.to_vec(),
        quotes: q
            .iter()
            .map(|&i| Quote {
                unit_id: units[i].id.clone(),
                text: prepared[i].text.clone(),
                lang: prepared[i].lang,
            })
            .collect(),
        members: rows.iter().map(|&i| units[i].id.clone()).collect(),
        respondents: rows
            .iter()
            .map(|&i| units[i].respondent.as_str())
            .collect::<BTreeSet<_>>()
            .len(),
        respondents_by_stream: by_stream.into_iter().map(|(s, r)| (s, r.len())).collect(),
        languages: langs,
        cohesion,
        threshold: cluster.threshold,
        lineage: Lineage::FirstRun,
        previous_overlap: None,
    }
}

/// Length of a quote candidate in words (Chinese: two Han characters to a word).
fn quote_words(prepared: &Prepared) -> usize {
    let t = &prepared.text;
    if prepared.lang == Lang::Zh {
        t.chars().filter(|&c| is_han(c)).count() / 2
    } else {
        t.split_whitespace().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linfa::ParamGuard;

    use crate::pipeline::stages::test_support::{clustered, params, units};
    use crate::unit::Unit;

    #[test]
    fn every_theme_is_described_by_its_own_members() {
        let units = units();
        let p = params().check_unwrap();
        let (corpus, reduced, _, c) = clustered(&p, &units);
        let themes = label(&p, &corpus, &reduced, &c, &FitContext::new());
        assert_eq!(themes.len(), 2);
        for (t, theme) in themes.iter().enumerate() {
            let ids: Vec<String> = c.members[t]
                .iter()
                .map(|&i| corpus.units[i].id.clone())
                .collect();
            assert_eq!(theme.members, ids);
            assert!(theme.id.is_empty());
            assert_eq!(theme.respondents, ids.len());
            assert!(!theme.label.is_empty() && !theme.keywords.is_empty());
            assert!(!theme.quotes.is_empty() && theme.quotes.len() <= p.quotes);
            assert!(theme.quotes.iter().all(|q| ids.contains(&q.unit_id)));
            assert!(theme.cohesion > 0.0 && theme.cohesion <= 1.0 + 1e-6);
            assert_eq!(theme.threshold, c.thresholds[c.kept[t]]);
        }
        // One theme is about buses, the other about trees.
        let about = |word: &str| {
            themes
                .iter()
                .filter(|t| t.keywords.iter().any(|k| k.term.contains(word)))
                .count()
        };
        assert_eq!((about("bus"), about("tree")), (1, 1));
    }

    #[test]
    fn keywords_read_in_their_most_frequent_surface_form() {
        let units = [Unit::new("a", "trees trees tree"), Unit::new("b", "parks")];
        let refs: Vec<&Unit> = units.iter().collect();
        let p = params().check_unwrap();
        let prepared = crate::pipeline::prepare::prepare(
            &refs,
            p.default_language,
            true,
            false,
            p.min_content_tokens,
        );
        let features: Vec<&[String]> = prepared.iter().map(|q| q.features.as_slice()).collect();
        let vec = crate::classical::vectorizer::Vectorizer::fit(
            &features,
            &crate::classical::vectorizer::VocabularySettings {
                min_df: 1,
                ..Default::default()
            },
        );
        let mut surfaces = crate::pipeline::stages::prepare::SurfaceCounts::default();
        prepared.iter().for_each(|q| surfaces.add(&q.tokens));
        let mut shown = surfaces.display(&vec);
        shown.sort();
        assert_eq!(shown, vec!["parks", "trees"]);
    }

    #[test]
    fn chinese_quotes_count_two_characters_to_a_word() {
        let units = [
            Unit::new("zh", "公交车总是迟到"),
            Unit::new("en", "the bus is always late"),
        ];
        let refs: Vec<&Unit> = units.iter().collect();
        let prepared = crate::pipeline::prepare::prepare(&refs, Lang::En, true, false, 1);
        assert_eq!(prepared[0].lang, Lang::Zh);
        assert_eq!(quote_words(&prepared[0]), 3);
        assert_eq!(quote_words(&prepared[1]), 5);
    }
}
