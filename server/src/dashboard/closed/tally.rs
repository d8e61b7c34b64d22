//! The counting behind the closed-question panel: one question's distribution, the chosen
//! question against the themes, and against a second question. Every table goes through the
//! run's small-cell suppression ([`analysis::weighting::suppress`], primary and complementary,
//! with the run's minimum count) before a number leaves this module. Pure: no I/O.

use std::collections::{BTreeMap, BTreeSet};

use analysis::weighting::{CellTable, SuppressionSettings, TotalsShown, WeightingError, suppress};
use app::models::closed::{
    ClosedQuestion, CrossCell, CrossColumn, CrossRow, CrossTab, Distribution, NO_ANSWER,
    OptionShare, ThemeCrossTab,
};
use app::models::survey::Choice;

/// One response as the tallies see it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Person {
    /// Closed answers: question key → the values chosen.
    pub answers: BTreeMap<String, Vec<String>>,
    /// The raking weight, when the run weighted this resident.
    pub weight: Option<f64>,
    /// Wrote at least one answer the run analysed.
    pub analysed: bool,
    /// Themes (ids) those answers fell in.
    pub themes: BTreeSet<String>,
}

impl Person {
    fn chose(&self, key: &str) -> Option<&[String]> {
        self.answers
            .get(key)
            .map(Vec::as_slice)
            .filter(|v| !v.is_empty())
    }
}

/// The question's options in their order, then any other value someone gave (an option of an
/// earlier version of the survey), labelled by the value.
pub fn columns(q: &ClosedQuestion, people: &[Person]) -> Vec<Choice> {
    let mut out = q.options.clone();
    let extra: BTreeSet<&str> = people
        .iter()
        .filter_map(|p| p.chose(&q.key))
        .flatten()
        .map(String::as_str)
        .filter(|v| !q.options.iter().any(|o| o.value == *v))
        .collect();
    out.extend(extra.into_iter().map(|v| Choice {
        value: v.to_owned(),
        label: v.to_owned(),
    }));
    out
}

/// Column indices of the values a respondent chose (each once).
fn chosen(options: &[Choice], values: &[String]) -> BTreeSet<usize> {
    values
        .iter()
        .filter_map(|v| options.iter().position(|o| o.value == *v))
        .collect()
}

fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// How `people` answered `q` (of survey `slug`, titled `survey`); `None` when nobody did.
///
/// The option counts are one row whose total (the respondents who answered) is shown, so for a
/// single choice a hidden option cannot be worked out from the others; a multiple choice's
/// counts do not add up to anything. Weighted shares use the raking weights of the residents
/// the run weighted, and are shown when at least the minimum count of them answered.
pub fn distribution(
    slug: &str,
    survey: &str,
    q: &ClosedQuestion,
    people: &[Person],
    settings: &SuppressionSettings,
) -> Result<Option<Distribution>, WeightingError> {
    let options = columns(q, people);
    let mut counts = vec![0u64; options.len()];
    let mut weights = vec![0.0f64; options.len()];
    let (mut answered, mut skipped, mut not_asked) = (0u64, 0u64, 0u64);
    let (mut weighted, mut weight_total) = (0u64, 0.0f64);
    for p in people {
        match p.chose(&q.key) {
            Some(values) => {
                answered += 1;
                if let Some(w) = p.weight {
                    weighted += 1;
                    weight_total += w;
                }
                for j in chosen(&options, values) {
                    counts[j] += 1;
                    weights[j] += p.weight.unwrap_or(0.0);
                }
            }
            None if q.asked(|k| p.chose(k)) => skipped += 1,
            None => not_asked += 1,
        }
    }
    if answered == 0 || options.is_empty() {
        return Ok(None);
    }
    let table = CellTable {
        rows: vec![q.key.clone()],
        columns: options.iter().map(|o| o.value.clone()).collect(),
        counts: vec![counts.clone()],
        effective_n: None,
        relative_se: None,
        totals: TotalsShown {
            rows: !q.multiple,
            columns: false,
            grand: false,
        },
    };
    let statuses = suppress(&table, settings)?;
    let total_shown = if q.multiple {
        answered >= settings.min_count
    } else {
        statuses.row_totals[0].is_published()
    };
    let weighted_shown = total_shown && weighted >= settings.min_count && weight_total > 0.0;
    Ok(Some(Distribution {
        id: app::models::closed::question_id(slug, &q.key),
        survey: survey.to_owned(),
        key: q.key.clone(),
        prompt: q.prompt.clone(),
        multiple: q.multiple,
        demographic: q.demographic,
        answered: total_shown.then_some(answered),
        skipped: total_shown.then_some(skipped),
        not_asked: (total_shown && q.show_if.is_some()).then_some(not_asked),
        weighted_respondents: weighted_shown.then_some(weighted),
        options: options
            .into_iter()
            .enumerate()
            .map(|(j, o)| {
                let shown = statuses.cells[0][j].is_published();
                OptionShare {
                    value: o.value,
                    label: o.label,
                    count: shown.then_some(counts[j]),
                    share: (shown && total_shown).then(|| ratio(counts[j], answered)),
                    weighted_share: (shown && weighted_shown).then(|| weights[j] / weight_total),
                }
            })
            .collect(),
    }))
}

/// `q` (id `id`) against the themes (`(id, label)`, rows in this order): for each option, the
/// share of its respondents who wrote an analysed answer whose answers fall in each theme. A
/// column with fewer such respondents than the minimum count is suppressed whole.
pub fn by_theme(
    id: &str,
    q: &ClosedQuestion,
    people: &[Person],
    themes: &[(String, String)],
    settings: &SuppressionSettings,
) -> ThemeCrossTab {
    let options = columns(q, people);
    let groups: Vec<Vec<&Person>> = options
        .iter()
        .enumerate()
        .map(|(j, _)| {
            people
                .iter()
                .filter(|p| p.analysed)
                .filter(|p| {
                    p.chose(&q.key)
                        .is_some_and(|v| chosen(&options, v).contains(&j))
                })
                .collect()
        })
        .collect();
    let shown = |g: &[&Person]| g.len() as u64 >= settings.min_count;
    ThemeCrossTab {
        question: id.to_owned(),
        prompt: q.prompt.clone(),
        columns: options
            .iter()
            .zip(&groups)
            .map(|(o, g)| CrossColumn {
                label: o.label.clone(),
                respondents: shown(g).then_some(g.len() as u64),
            })
            .collect(),
        rows: themes
            .iter()
            .map(|(theme, label)| {
                let cells = groups
                    .iter()
                    .map(|g| {
                        shown(g).then(|| {
                            let n = g.iter().filter(|p| p.themes.contains(theme)).count();
                            ratio(n as u64, g.len() as u64)
                        })
                    })
                    .collect();
                (label.clone(), cells)
            })
            .collect(),
    }
}

/// `q` (id `id`, columns) against `against` (rows, plus [`NO_ANSWER`] for those who answered
/// `q` only): counts and row shares among the respondents who answered `q`, suppressed as a
/// table whose row totals are shown when `q` is a single choice and whose column totals (the
/// distribution of `q`) are shown when `against` is one.
pub fn by_against(
    id: &str,
    q: &ClosedQuestion,
    against: &ClosedQuestion,
    people: &[Person],
    settings: &SuppressionSettings,
) -> Result<CrossTab, WeightingError> {
    let options = columns(q, people);
    let answering: Vec<(&Person, &[String])> = people
        .iter()
        .filter_map(|p| Some((p, p.chose(&q.key)?)))
        .collect();
    let mut categories = columns(against, people);
    if answering
        .iter()
        .any(|(p, _)| p.chose(&against.key).is_none())
    {
        categories.push(Choice {
            value: String::new(),
            label: NO_ANSWER.to_owned(),
        });
    }
    let missing = categories.len() - 1;
    let mut counts = vec![vec![0u64; options.len()]; categories.len()];
    let mut totals = vec![0u64; categories.len()];
    for (p, values) in &answering {
        let rows = match p.chose(&against.key) {
            Some(v) => chosen(&categories, v),
            None => BTreeSet::from([missing]),
        };
        let cols = chosen(&options, values);
        for r in rows {
            totals[r] += 1;
            for &j in &cols {
                counts[r][j] += 1;
            }
        }
    }
    let totals_shown = TotalsShown {
        rows: !q.multiple,
        columns: !against.multiple,
        grand: !q.multiple && !against.multiple,
    };
    let statuses = suppress(
        &CellTable {
            rows: categories.iter().map(|c| c.label.clone()).collect(),
            columns: options.iter().map(|o| o.value.clone()).collect(),
            counts: counts.clone(),
            effective_n: None,
            relative_se: None,
            totals: totals_shown,
        },
        settings,
    )?;
    let rows = categories
        .into_iter()
        .enumerate()
        .map(|(r, c)| {
            let total_shown = if totals_shown.rows {
                statuses.row_totals[r].is_published()
            } else {
                totals[r] >= settings.min_count
            };
            CrossRow {
                label: c.label,
                respondents: total_shown.then_some(totals[r]),
                cells: (0..options.len())
                    .map(|j| {
                        let shown = statuses.cells[r][j].is_published();
                        CrossCell {
                            count: shown.then_some(counts[r][j]),
                            share: (shown && total_shown).then(|| ratio(counts[r][j], totals[r])),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(CrossTab {
        question: id.to_owned(),
        prompt: q.prompt.clone(),
        against: against.key.clone(),
        against_prompt: against.prompt.clone(),
        columns: options.into_iter().map(|o| o.label).collect(),
        rows,
    })
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use app::models::survey::ShowIf;

    use super::*;

    fn question(key: &str, values: &[&str], multiple: bool) -> ClosedQuestion {
        ClosedQuestion {
            key: key.into(),
            prompt: format!("{key}?"),
            multiple,
            demographic: false,
            options: values
                .iter()
                .map(|v| Choice {
                    value: (*v).into(),
                    label: v.to_uppercase(),
                })
                .collect(),
            show_if: None,
        }
    }

    fn person(answers: &[(&str, &[&str])]) -> Person {
        Person {
            answers: answers
                .iter()
                .map(|(k, vs)| ((*k).into(), vs.iter().map(|v| (*v).into()).collect()))
                .collect(),
            ..Person::default()
        }
    }

    fn settings(min: u64) -> SuppressionSettings {
        SuppressionSettings {
            min_count: min,
            ..SuppressionSettings::default()
        }
    }

    fn repeat(n: usize, p: &Person) -> Vec<Person> {
        vec![p.clone(); n]
    }

    #[test]
    fn a_distribution_counts_answers_skips_and_branches() {
        let used = question("used", &["yes", "no"], false);
        let ease = ClosedQuestion {
            show_if: Some(ShowIf {
                question: "used".into(),
                any_of: vec!["yes".into()],
            }),
            ..question("ease", &["1", "2"], false)
        };
        let mut people = repeat(12, &person(&[("used", &["yes"]), ("ease", &["2"])]));
        people.extend(repeat(11, &person(&[("used", &["no"])])));
        people.extend(repeat(10, &person(&[("used", &["yes"]), ("ease", &["1"])])));
        people.extend(repeat(2, &person(&[("used", &["yes"])])));
        people.push(person(&[]));
        let d = distribution("s", "Survey", &used, &people, &settings(10))
            .expect("table")
            .expect("answered");
        assert_eq!(d.id, "s:used");
        assert_eq!(d.answered, Some(35));
        assert_eq!(d.skipped, Some(1));
        assert_eq!(d.not_asked, None, "no branching");
        assert_eq!(d.options[0].count, Some(24));
        assert_eq!(d.options[1].count, Some(11));
        assert_eq!(d.options[0].label, "YES");
        assert!((d.options[1].share.expect("share") - 11.0 / 35.0).abs() < 1e-12);
        assert_eq!(d.weighted_respondents, None, "nobody weighted");

        let e = distribution("s", "Survey", &ease, &people, &settings(10))
            .expect("table")
            .expect("answered");
        assert_eq!(e.answered, Some(22));
        assert_eq!(e.skipped, Some(2), "asked, left empty");
        assert_eq!(e.not_asked, Some(12), "answered no, or nothing");
    }

    #[test]
    fn small_options_are_hidden_with_one_more_for_single_choice() {
        let q = question("q", &["a", "b", "c"], false);
        let mut people = repeat(20, &person(&[("q", &["a"])]));
        people.extend(repeat(15, &person(&[("q", &["b"])])));
        people.extend(repeat(3, &person(&[("q", &["c"])])));
        let d = distribution("s", "S", &q, &people, &settings(10))
            .expect("table")
            .expect("answered");
        let counts: Vec<Option<u64>> = d.options.iter().map(|o| o.count).collect();
        // c is too small; b goes too, or 38 − 20 − 15 would give c away.
        assert_eq!(counts, [Some(20), None, None]);
        assert_eq!(d.answered, Some(38));

        // Several choices add up to nothing: only the small option is hidden.
        let m = question("q", &["a", "b", "c"], true);
        let d = distribution("s", "S", &m, &people, &settings(10))
            .expect("table")
            .expect("answered");
        let counts: Vec<Option<u64>> = d.options.iter().map(|o| o.count).collect();
        assert_eq!(counts, [Some(20), Some(15), None]);

        let few = repeat(4, &person(&[("q", &["a"])]));
        let d = distribution("s", "S", &q, &few, &settings(10))
            .expect("table")
            .expect("answered");
        assert_eq!(d.answered, None);
        assert!(d.options.iter().all(|o| o.count.is_none()));
        assert_eq!(
            distribution("s", "S", &q, &[person(&[])], &settings(10)).expect("table"),
            None,
            "nobody answered"
        );
    }

    #[test]
    fn multiple_choice_shares_add_up_past_one_and_weights_count() {
        let q = question("m", &["a", "b"], true);
        let mut both = person(&[("m", &["a", "b"])]);
        both.weight = Some(3.0);
        let mut only_a = person(&[("m", &["a", "a"])]);
        only_a.weight = Some(1.0);
        let mut people = repeat(10, &both);
        people.extend(repeat(10, &only_a));
        let d = distribution("s", "S", &q, &people, &settings(10))
            .expect("table")
            .expect("answered");
        assert_eq!(d.options[0].count, Some(20), "a chosen twice counts once");
        let shares: f64 = d.options.iter().filter_map(|o| o.share).sum();
        assert!((shares - 1.5).abs() < 1e-12, "{shares}");
        assert_eq!(d.weighted_respondents, Some(20));
        // b: weight 30 of 40.
        assert!((d.options[1].weighted_share.expect("weighted") - 0.75).abs() < 1e-12);
    }

    #[test]
    fn values_outside_the_definition_get_their_own_column() {
        let q = question("q", &["a"], false);
        let people = [person(&[("q", &["old"])]), person(&[("q", &["a"])])];
        let cols: Vec<String> = columns(&q, &people).into_iter().map(|c| c.value).collect();
        assert_eq!(cols, ["a", "old"]);
    }

    #[test]
    fn theme_shares_per_option_hide_small_columns() {
        let q = question("q", &["a", "b"], false);
        let mut in_t1 = person(&[("q", &["a"])]);
        in_t1.analysed = true;
        in_t1.themes = BTreeSet::from(["t1".to_owned()]);
        let mut in_none = person(&[("q", &["a"])]);
        in_none.analysed = true;
        let mut b_in_t1 = person(&[("q", &["b"])]);
        b_in_t1.analysed = true;
        b_in_t1.themes = BTreeSet::from(["t1".to_owned()]);
        let mut people = repeat(4, &in_t1);
        people.extend(repeat(6, &in_none));
        people.extend(repeat(9, &b_in_t1));
        // Did not write: not counted in any column.
        people.extend(repeat(5, &person(&[("q", &["a"])])));
        let themes = [
            ("t1".to_owned(), "Transit".to_owned()),
            ("t2".to_owned(), "Housing".to_owned()),
        ];
        let x = by_theme("s:q", &q, &people, &themes, &settings(10));
        assert_eq!(x.columns[0].respondents, Some(10));
        assert_eq!(x.columns[1].respondents, None, "9 is below 10");
        assert_eq!(x.rows[0].0, "Transit");
        assert_eq!(x.rows[0].1, [Some(0.4), None]);
        assert_eq!(x.rows[1].1, [Some(0.0), None]);
    }

    #[test]
    fn a_cross_tab_against_a_demographic_counts_rows_and_hides_small_cells() {
        let q = question("q", &["yes", "no"], false);
        let tenure = question("tenure", &["own", "rent"], false);
        let mut people = repeat(30, &person(&[("q", &["yes"]), ("tenure", &["own"])]));
        people.extend(repeat(20, &person(&[("q", &["no"]), ("tenure", &["own"])])));
        people.extend(repeat(
            25,
            &person(&[("q", &["yes"]), ("tenure", &["rent"])]),
        ));
        people.extend(repeat(2, &person(&[("q", &["no"]), ("tenure", &["rent"])])));
        people.extend(repeat(12, &person(&[("q", &["yes"])])));
        people.extend(repeat(12, &person(&[("q", &["no"])])));
        // Answered tenure only: not in the table.
        people.extend(repeat(7, &person(&[("tenure", &["rent"])])));
        let x = by_against("s:q", &q, &tenure, &people, &settings(10)).expect("table");
        let labels: Vec<&str> = x.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["OWN", "RENT", NO_ANSWER]);
        assert_eq!(x.columns, ["YES", "NO"]);
        let own = &x.rows[0];
        assert_eq!(own.respondents, Some(50));
        assert_eq!(own.cells[0].count, Some(30));
        assert!((own.cells[0].share.expect("share") - 0.6).abs() < 1e-12);
        let rent = &x.rows[1];
        assert_eq!(rent.cells[1].count, None, "2 renters said no");
        assert_eq!(
            rent.cells[0].count, None,
            "and 25 goes too, or 27 − 25 gives it away"
        );
        let shown: usize = x
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .filter(|c| c.count.is_some())
            .count();
        assert!(shown >= 2, "{x:?}");
    }
}
