//! Theme priority (method.md §3.4) for one weight vector:
//!
//! ```text
//! S_t = Σ w m_t / Σ w                                 share of respondents mentioning t
//! ū_t = Σ w m_t u / Σ w m_t   (answered urgency only)   U_t = 0.5 + (ū_t − 1)/4, or 1
//! B_t = (Π_g p̃_gt)^(1/G) / S_t,  p̃_gt = (Σ_g w m_t + 1)/(Σ_g w + 2)     breadth
//! P_t = S_t · U_t^β · B_t^γ
//! R_t = p_t(areas at or beyond the high-need threshold) / p_t(other located areas)
//! ```
//!
//! The same code runs on the full sample and on every bootstrap replicate.

use serde::{Deserialize, Serialize};

use super::params::PrioritySettings;

/// Respondents' theme mentions, urgency and groupings in index form.
pub(crate) struct ThemeData {
    pub themes: Vec<String>,
    /// CSR: respondent i's themes are `mentions[offsets[i]..offsets[i + 1]]`.
    pub offsets: Vec<usize>,
    pub mentions: Vec<u32>,
    /// Urgency (NaN when not answered).
    pub urgency: Vec<f64>,
    pub has_urgency: bool,
    /// Breadth group codes (`u32::MAX` for missing) and group count.
    pub groups: Option<(Vec<u32>, usize)>,
    /// Per respondent: Some(true) high-need area, Some(false) other located area, None unknown.
    pub high_need: Vec<Option<bool>>,
}

/// Estimates of every theme under one weight vector.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Estimates {
    pub share: Vec<f64>,
    pub mean_urgency: Vec<Option<f64>>,
    pub breadth: Vec<Option<f64>>,
    pub priority: Vec<f64>,
}

impl ThemeData {
    fn theme_sums(&self, w: &[f64]) -> Vec<f64> {
        let mut sums = vec![0.0; self.themes.len()];
        for (i, &wi) in w.iter().enumerate() {
            if wi == 0.0 {
                continue;
            }
            for &t in &self.mentions[self.offsets[i]..self.offsets[i + 1]] {
                sums[t as usize] += wi;
            }
        }
        sums
    }

    /// Shares, urgency, breadth and priority of every theme.
    pub fn estimate(&self, w: &[f64], settings: &PrioritySettings) -> Estimates {
        let k = self.themes.len();
        let total: f64 = w.iter().sum();
        let mention = self.theme_sums(w);
        let share: Vec<f64> = mention
            .iter()
            .map(|m| if total > 0.0 { m / total } else { 0.0 })
            .collect();
        let mut u_num = vec![0.0; k];
        let mut u_den = vec![0.0; k];
        if self.has_urgency {
            for (i, &wi) in w.iter().enumerate() {
                let u = self.urgency[i];
                if wi == 0.0 || u.is_nan() {
                    continue;
                }
                for &t in &self.mentions[self.offsets[i]..self.offsets[i + 1]] {
                    u_num[t as usize] += wi * u;
                    u_den[t as usize] += wi;
                }
            }
        }
        let mean_urgency: Vec<Option<f64>> = (0..k)
            .map(|t| (u_den[t] > 0.0).then(|| u_num[t] / u_den[t]))
            .collect();
        let breadth = self.breadth(w, &share);
        let priority = (0..k)
            .map(|t| {
                let u = mean_urgency[t].map_or(1.0, |u| 0.5 + (u - 1.0) / 4.0);
                let mut p = share[t] * u.powf(settings.beta);
                if settings.gamma > 0.0
                    && let Some(b) = breadth[t]
                {
                    p *= b.powf(settings.gamma);
                }
                p
            })
            .collect();
        Estimates {
            share,
            mean_urgency,
            breadth,
            priority,
        }
    }

    fn breadth(&self, w: &[f64], share: &[f64]) -> Vec<Option<f64>> {
        let k = self.themes.len();
        let Some((codes, g)) = &self.groups else {
            return vec![None; k];
        };
        let mut group_w = vec![0.0; *g];
        let mut group_m = vec![0.0; g * k];
        for (i, &wi) in w.iter().enumerate() {
            let c = codes[i];
            if wi == 0.0 || c == u32::MAX {
                continue;
            }
            let c = c as usize;
            group_w[c] += wi;
            for &t in &self.mentions[self.offsets[i]..self.offsets[i + 1]] {
                group_m[c * k + t as usize] += wi;
            }
        }
        let live: Vec<usize> = (0..*g).filter(|&c| group_w[c] > 0.0).collect();
        (0..k)
            .map(|t| {
                if live.len() < 2 || share[t] <= 0.0 {
                    return None;
                }
                let mean_log = live
                    .iter()
                    .map(|&c| ((group_m[c * k + t] + 1.0) / (group_w[c] + 2.0)).ln())
                    .sum::<f64>()
                    / live.len() as f64;
                Some(mean_log.exp() / share[t])
            })
            .collect()
    }

    /// Equity gap `R_t` under weights `w` (`None` when a side is empty or the rest rate is 0).
    pub fn equity_gap(&self, w: &[f64]) -> Vec<Option<f64>> {
        let k = self.themes.len();
        let (mut w_hi, mut w_lo) = (0.0, 0.0);
        let (mut m_hi, mut m_lo) = (vec![0.0; k], vec![0.0; k]);
        for (i, &wi) in w.iter().enumerate() {
            let (wsum, msum) = match self.high_need[i] {
                Some(true) => (&mut w_hi, &mut m_hi),
                Some(false) => (&mut w_lo, &mut m_lo),
                None => continue,
            };
            *wsum += wi;
            for &t in &self.mentions[self.offsets[i]..self.offsets[i + 1]] {
                msum[t as usize] += wi;
            }
        }
        (0..k)
            .map(|t| {
                if w_hi <= 0.0 || w_lo <= 0.0 || m_lo[t] <= 0.0 {
                    return None;
                }
                Some((m_hi[t] / w_hi) / (m_lo[t] / w_lo))
            })
            .collect()
    }

    /// Unweighted respondents mentioning each theme.
    pub fn counts(&self) -> Vec<usize> {
        let mut c = vec![0; self.themes.len()];
        for &t in &self.mentions {
            c[t as usize] += 1;
        }
        c
    }
}

/// Ranks 1..=k by descending priority, ties broken by theme order (deterministic).
pub(crate) fn ranks(priority: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..priority.len()).collect();
    order.sort_by(|&a, &b| priority[b].total_cmp(&priority[a]).then(a.cmp(&b)));
    let mut rank = vec![0; priority.len()];
    for (r, &t) in order.iter().enumerate() {
        rank[t] = r + 1;
    }
    rank
}

/// Kendall's τ-b between two score vectors (`None` with fewer than two items or no variation).
pub fn kendall_tau_b(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    let (mut concordant, mut discordant, mut ties_x, mut ties_y) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for i in 0..n {
        for j in (i + 1)..n {
            let dx = x[i].total_cmp(&x[j]) as i32;
            let dy = y[i].total_cmp(&y[j]) as i32;
            match (dx, dy) {
                (0, 0) => {}
                (0, _) => ties_x += 1.0,
                (_, 0) => ties_y += 1.0,
                _ if dx == dy => concordant += 1.0,
                _ => discordant += 1.0,
            }
        }
    }
    let denom = ((concordant + discordant + ties_x) * (concordant + discordant + ties_y)).sqrt();
    (denom > 0.0).then(|| (concordant - discordant) / denom)
}

/// Which weights a column uses (method.md §3.8 sensitivity panel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// Every respondent counts once.
    Unweighted,
    /// Raked (representative) weights.
    Raked,
    /// Raked × area equity multiplier.
    RakedEquity,
}

/// A percentile bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// Lower bound.
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
}

/// One theme under one weighting scheme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchemeEstimate {
    /// Share of respondents mentioning the theme `S_t`.
    pub share: f64,
    /// 90% bootstrap interval of `S_t`.
    pub share_ci90: Option<Interval>,
    /// 95% bootstrap interval of `S_t`.
    pub share_ci95: Option<Interval>,
    /// Bootstrap standard error of `S_t` over `S_t`.
    pub share_relative_se: Option<f64>,
    /// Mean urgency `ū_t` (1–5) of those mentioning it, when asked.
    pub mean_urgency: Option<f64>,
    /// Breadth across districts `B_t`.
    pub breadth: Option<f64>,
    /// Priority `P_t`.
    pub priority: f64,
    /// 90% bootstrap interval of `P_t`.
    pub priority_ci90: Option<Interval>,
    /// 95% bootstrap interval of `P_t`.
    pub priority_ci95: Option<Interval>,
    /// Rank by `P_t` (1 = highest).
    pub rank: usize,
    /// 95% bootstrap interval of the rank.
    pub rank_ci95: Option<[usize; 2]>,
    /// Share of replicates in which the theme ranks within the top k.
    pub p_top_k: Option<f64>,
}
