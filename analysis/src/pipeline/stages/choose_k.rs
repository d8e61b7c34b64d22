//! Stage 3, choose k: the number of clusters, as fixed in the parameters or found by the search
//! of `cluster::choose_k` under the run's k rule (the distortion knee on the classical path, the
//! stable-silhouette rule on the semantic path and in runs logged before the rule was recorded),
//! judged on the vectors before smoothing when there are any.

use ndarray::{Array2, Axis};

use super::reduce::Reduced;
use crate::cluster::ClusterError;
use crate::cluster::choose_k::{KChoice, choose_k as search_k};
use crate::error::FitError;
use crate::pipeline::fit::FitContext;
use crate::pipeline::model::Stage;
use crate::pipeline::params::ThemeValidParams;

/// The number of clusters and, when it was searched, the search's scores.
pub(crate) struct KDecision {
    /// Number of clusters.
    pub k: usize,
    /// The search, if k was not fixed.
    pub choice: Option<KChoice>,
}

/// `p.k` if fixed, else the k search over `reduced.content_z` (`content` are its rows in the
/// corpus).
pub(crate) fn choose_k(
    p: &ThemeValidParams,
    reduced: &Reduced,
    content: &[usize],
    ctx: &FitContext<'_>,
) -> Result<KDecision, FitError> {
    let decision = match p.k {
        Some(k) => KDecision { k, choice: None },
        None => {
            let progress = |d: usize, t: usize| ctx.report(Stage::ChooseK, d, t);
            let unsmoothed = reduced
                .represented
                .unsmoothed
                .as_ref()
                .map(|u| u.select(Axis(0), content));
            let judged = unsmoothed.as_ref().map(Array2::view);
            let choice = search_k(
                reduced.content_z.view(),
                judged,
                &p.k_search,
                &progress,
                ctx.cancel,
            )
            .map_err(|e| match e {
                ClusterError::Cancelled => FitError::Cancelled,
                e => FitError::Cluster(e),
            })?;
            KDecision {
                k: choice.k,
                choice: Some(choice),
            }
        }
    };
    ctx.check()?;
    Ok(decision)
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::pipeline::stages::prepare::prepare_corpus;
    use crate::pipeline::stages::reduce::reduce;
    use linfa::ParamGuard;

    use crate::pipeline::stages::test_support::{params, units};

    /// The k stage on the test corpus, with the number of k-search progress reports.
    fn decide(k: Option<usize>) -> (KDecision, usize) {
        let units = units();
        let p = params().k(k).k_range(2, 4).check_unwrap();
        let reports = Mutex::new(0usize);
        let count = |stage: Stage, _: usize, _: usize| {
            if stage == Stage::ChooseK {
                *reports.lock().unwrap() += 1;
            }
        };
        let mut ctx = FitContext::new().progress(&count);
        let corpus = prepare_corpus(&p, &units, &ctx).expect("corpus");
        let reduced = reduce(&p, &corpus, &mut ctx).expect("reduced");
        let decision = choose_k(&p, &reduced, &corpus.content, &ctx).expect("k");
        let reports = *reports.lock().unwrap();
        (decision, reports)
    }

    #[test]
    fn a_fixed_k_is_taken_without_a_search() {
        let (decision, reports) = decide(Some(3));
        assert_eq!(decision.k, 3);
        assert!(decision.choice.is_none());
        assert_eq!(reports, 0);
    }

    #[test]
    fn an_open_k_is_searched_within_the_range() {
        let (decision, reports) = decide(None);
        let choice = decision.choice.expect("search");
        assert_eq!(choice.k, decision.k);
        assert!((2..=4).contains(&decision.k), "{}", decision.k);
        assert!(!choice.scores.is_empty());
        assert!(reports > 0);
    }
}
