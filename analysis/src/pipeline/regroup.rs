//! Staff curation applied to a fitted model: themes shown inside others (merges) and answers
//! moved into themes of their own (splits). The logged model is never changed; the regrouped copy
//! is what dashboards, exports and the re-fitted weighting read, so a merged theme gets its own
//! shares and intervals by the same method as any other.

use std::collections::{BTreeMap, BTreeSet};

use super::model::{Lineage, Theme, ThemeModel};
use crate::labels::keywords::Keyword;
use crate::unit::Stream;

/// How to regroup a model's themes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Regrouping {
    /// Theme id → the theme it is shown inside (chains are followed; a cycle is ignored).
    pub merges: BTreeMap<String, String>,
    /// New theme id → the theme it was split off (in the run it was split in).
    pub splits: BTreeMap<String, String>,
    /// Unit id → the split theme it was moved into.
    pub moves: BTreeMap<String, String>,
}

impl Regrouping {
    /// Whether applying it changes nothing.
    pub fn is_empty(&self) -> bool {
        self.merges.is_empty() && self.moves.is_empty()
    }

    /// Where theme `id` ends up after merges (itself when not merged, or when merges loop).
    pub fn target<'a>(&'a self, id: &'a str) -> &'a str {
        let mut at = id;
        let mut seen = BTreeSet::new();
        while let Some(next) = self.merges.get(at) {
            if !seen.insert(at) {
                return id;
            }
            at = next;
        }
        at
    }
}

/// Who a unit counts for: its respondent (or source document) and stream.
pub type RespondentOf<'a> = &'a dyn Fn(&str) -> Option<(String, Stream)>;

impl ThemeModel {
    /// A copy with `plan` applied. Moves apply to units that are members of a theme in this run;
    /// a merge applies when both themes are in it. Member, respondent, stream and language counts
    /// are recounted (`respondent_of` says who a unit counts for); keywords and quotes of merged
    /// themes are pooled; a split theme keeps the quotes that moved with it and has no keywords
    /// of its own.
    pub fn regroup(&self, plan: &Regrouping, respondent_of: RespondentOf<'_>) -> ThemeModel {
        let present: BTreeSet<&str> = self.themes.iter().map(|t| t.id.as_str()).collect();
        let target = |id: &str| -> String {
            let t = plan.target(id);
            if present.contains(t) { t } else { id }.to_owned()
        };
        let mut out = self.clone();
        let mut moved: BTreeMap<String, String> = BTreeMap::new();
        for a in &mut out.assignments {
            let Some(theme) = &a.theme else { continue };
            let new = match plan.moves.get(&a.unit_id) {
                Some(split) => split.clone(),
                None => target(theme),
            };
            if &new != theme {
                moved.insert(a.unit_id.clone(), new.clone());
                a.theme = Some(new);
            }
        }
        let langs: BTreeMap<&str, _> = self
            .assignments
            .iter()
            .map(|a| (a.unit_id.as_str(), a.lang))
            .collect();
        let mut themes: BTreeMap<String, Theme> = BTreeMap::new();
        for t in &self.themes {
            let home = target(&t.id);
            let entry = themes.entry(home.clone()).or_insert_with(|| {
                let base = self.themes.iter().find(|x| x.id == home).unwrap_or(t);
                Theme {
                    members: Vec::new(),
                    quotes: Vec::new(),
                    keywords: Vec::new(),
                    ..base.clone()
                }
            });
            pool_keywords(&mut entry.keywords, &t.keywords);
            entry.quotes.extend(
                t.quotes
                    .iter()
                    .filter(|q| !plan.moves.contains_key(&q.unit_id))
                    .cloned(),
            );
            for q in t
                .quotes
                .iter()
                .filter(|q| plan.moves.contains_key(&q.unit_id))
            {
                if let Some(split) = moved.get(&q.unit_id) {
                    let parent = self.themes.iter().find(|x| x.id == t.id).unwrap_or(t);
                    themes
                        .entry(split.clone())
                        .or_insert_with(|| split_theme(split, parent))
                        .quotes
                        .push(q.clone());
                }
            }
        }
        for a in &out.assignments {
            if let Some(theme) = &a.theme {
                let parent = plan
                    .splits
                    .get(theme)
                    .and_then(|p| self.themes.iter().find(|x| &x.id == p))
                    .or_else(|| self.themes.first());
                if let Some(parent) = parent {
                    themes
                        .entry(theme.clone())
                        .or_insert_with(|| split_theme(theme, parent))
                        .members
                        .push(a.unit_id.clone());
                }
            }
        }
        let mut themes: Vec<Theme> = themes
            .into_values()
            .filter(|t| !t.members.is_empty())
            .map(|mut t| {
                t.members.sort();
                recount(&mut t, respondent_of, &langs);
                t
            })
            .collect();
        themes.sort_by(|a, b| b.members.len().cmp(&a.members.len()).then(a.id.cmp(&b.id)));
        out.themes = themes;
        out
    }
}

/// A theme for answers split off `parent`: no keywords or quotes yet, the parent's fit figures.
fn split_theme(id: &str, parent: &Theme) -> Theme {
    Theme {
        id: id.to_owned(),
        label: String::new(),
        keywords: Vec::new(),
        quotes: Vec::new(),
        members: Vec::new(),
        lineage: Lineage::New,
        previous_overlap: None,
        ..parent.clone()
    }
}

/// Adds `more` to `pooled`, keeping each term once at its highest weight, heaviest first, and
/// the longer list's length.
fn pool_keywords(pooled: &mut Vec<Keyword>, more: &[Keyword]) {
    let keep = pooled.len().max(more.len());
    for k in more {
        match pooled.iter_mut().find(|p| p.term == k.term) {
            Some(p) => p.weight = p.weight.max(k.weight),
            None => pooled.push(k.clone()),
        }
    }
    pooled.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.term.cmp(&b.term)));
    pooled.truncate(keep);
}

fn recount(
    t: &mut Theme,
    respondent_of: RespondentOf<'_>,
    langs: &BTreeMap<&str, crate::text::language::Lang>,
) {
    let mut people: BTreeSet<String> = BTreeSet::new();
    let mut by_stream: BTreeMap<Stream, BTreeSet<String>> = BTreeMap::new();
    t.languages.clear();
    for unit in &t.members {
        let (who, stream) =
            respondent_of(unit).unwrap_or_else(|| (unit.clone(), Stream::default()));
        by_stream.entry(stream).or_default().insert(who.clone());
        people.insert(who);
        if let Some(lang) = langs.get(unit.as_str()) {
            *t.languages.entry(*lang).or_insert(0) += 1;
        }
    }
    t.respondents = people.len();
    t.respondents_by_stream = by_stream.into_iter().map(|(s, r)| (s, r.len())).collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::fit::FitContext;
    use crate::pipeline::stages::test_support::{params, units};
    use linfa::ParamGuard;

    fn fitted() -> ThemeModel {
        let p = params().check().expect("params");
        p.fit(&units(), FitContext::new()).expect("fit")
    }

    fn respondent(unit: &str) -> Option<(String, Stream)> {
        Some((unit.split(':').next()?.to_owned(), Stream::Resident))
    }

    #[test]
    fn merging_pools_members_and_recounts() {
        let model = fitted();
        let themes = model.themes();
        assert!(themes.len() >= 2, "the test corpus has several themes");
        let (a, b) = (themes[0].clone(), themes[1].clone());
        let plan = Regrouping {
            merges: BTreeMap::from([(b.id.clone(), a.id.clone())]),
            ..Regrouping::default()
        };
        let merged = model.regroup(&plan, &respondent);
        assert_eq!(merged.themes().len(), themes.len() - 1);
        let into = merged.themes().iter().find(|t| t.id == a.id).expect("kept");
        assert_eq!(into.members.len(), a.members.len() + b.members.len());
        assert!(merged.themes().iter().all(|t| t.id != b.id));
        for unit in &b.members {
            assert_eq!(merged.theme_of(unit), Some(a.id.as_str()));
        }
        // The logged model is untouched.
        assert_eq!(model.theme_of(&b.members[0]), Some(b.id.as_str()));
        // A loop is ignored rather than followed forever.
        let looping = Regrouping {
            merges: BTreeMap::from([(a.id.clone(), b.id.clone()), (b.id.clone(), a.id.clone())]),
            ..Regrouping::default()
        };
        assert_eq!(
            model.regroup(&looping, &respondent).themes().len(),
            themes.len()
        );
    }

    #[test]
    fn splitting_moves_members_and_their_quotes() {
        let model = fitted();
        let parent = model.themes()[0].clone();
        let moved: Vec<String> = parent.members.iter().take(2).cloned().collect();
        let plan = Regrouping {
            splits: BTreeMap::from([("S-001".to_owned(), parent.id.clone())]),
            moves: moved
                .iter()
                .map(|u| (u.clone(), "S-001".to_owned()))
                .collect(),
            ..Regrouping::default()
        };
        let split = model.regroup(&plan, &respondent);
        let new = split
            .themes()
            .iter()
            .find(|t| t.id == "S-001")
            .expect("split theme");
        assert_eq!(new.members, {
            let mut m = moved.clone();
            m.sort();
            m
        });
        assert!(new.keywords.is_empty());
        let rest = split
            .themes()
            .iter()
            .find(|t| t.id == parent.id)
            .expect("parent");
        assert_eq!(rest.members.len(), parent.members.len() - 2);
        assert!(rest.quotes.iter().all(|q| !moved.contains(&q.unit_id)));
        assert!(new.quotes.iter().all(|q| moved.contains(&q.unit_id)));
    }
}
