//! Staff-uploaded configuration files, parsed from CSV text the caller passes in.
//!
//! Three files, each with a documented header (matched case-insensitively; blank lines and
//! lines starting with `#` are ignored but still counted in line numbers):
//!
//! | file | header | meaning |
//! |---|---|---|
//! | margins | `variable,category,share` | population share of each category; shares of one variable sum to 1 (± 0.01, then rescaled) |
//! | margins | `variable,category,population` | population counts; turned into shares per variable |
//! | equity index | `area,score` | equity score of a district / tract / ZIP (scale set in the parameters) |
//! | ZIP crosswalk | `zip,area` | each ZIP in exactly one area of the equity index |
//! | ZIP crosswalk | `zip,area,ratio` | HUD-USPS `RES_RATIO`: share of the ZIP's residential addresses in each area |
//!
//! A bad file is rejected as a whole with a [`ConfigError`] naming the 1-based line and the
//! column, so the caller can keep the previous configuration in force. Category order in the
//! margins file matters: it is the neighbour order used to merge small categories (list age
//! and income bands in ascending order).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::error::{ConfigError, ConfigFile, ConfigProblem};

/// Shares of one variable may be off 1 by this much (rounding in published tables).
pub const SHARE_TOLERANCE: f64 = 0.01;

/// One category of a raking variable with its population share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarginCategory {
    /// Category label as respondents' answers spell it.
    pub name: String,
    /// Population share (shares of a variable sum to 1).
    pub share: f64,
}

/// One raking variable (district, age band, …) and its categories in file order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarginVariable {
    /// Variable name as respondents' answers key it.
    pub name: String,
    /// Categories in file order (the neighbour order for collapsing).
    pub categories: Vec<MarginCategory>,
}

/// Population margins for raking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Margins {
    /// Variables in file order.
    pub variables: Vec<MarginVariable>,
}

/// Categories the city actually has, per variable (e.g. `district` → `1`..`10`), used to reject
/// a margins file naming a district that does not exist. Variables not listed are unchecked.
pub type KnownCategories = BTreeMap<String, BTreeSet<String>>;

/// Area (district / tract / ZIP) → equity score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EquityTable {
    /// Scores by area ID.
    pub scores: BTreeMap<String, f64>,
}

/// One area a ZIP code maps to, with the share of the ZIP's residences in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrosswalkEntry {
    /// Area ID in the equity table.
    pub area: String,
    /// Residential ratio (1 when the file has no `ratio` column).
    pub ratio: f64,
}

/// ZIP → area(s) of the equity table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ZipCrosswalk {
    /// Areas by ZIP code.
    pub zips: BTreeMap<String, Vec<CrosswalkEntry>>,
}

struct Table {
    header: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
}

/// Where each documented column stands in its file (1-based): the header must be one of the
/// documented ones, so a column's name gives its position.
fn position(file: ConfigFile, column: &str) -> Option<usize> {
    let columns: &[&str] = match file {
        ConfigFile::Margins => &["variable", "category", "share|population"],
        ConfigFile::EquityIndex => &["area", "score"],
        ConfigFile::ZipCrosswalk => &["zip", "area", "ratio"],
    };
    columns
        .iter()
        .position(|c| c.split('|').any(|name| name == column))
        .map(|i| i + 1)
}

fn err(file: ConfigFile, line: u64, column: Option<&str>, problem: ConfigProblem) -> ConfigError {
    ConfigError {
        file,
        line,
        column: column.map(str::to_owned),
        position: column.and_then(|c| position(file, c)),
        problem,
    }
}

/// Reads the CSV text into a header and rows with their line numbers.
fn read_table(file: ConfigFile, text: &str, headers: &[&[&str]]) -> Result<Table, ConfigError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut header: Option<(u64, Vec<String>)> = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            err(file, line, None, ConfigProblem::Csv(e.to_string()))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let fields: Vec<String> = record.iter().map(str::to_owned).collect();
        if fields.iter().all(String::is_empty) {
            continue;
        }
        if header.is_none() {
            header = Some((line, fields.iter().map(|f| f.to_lowercase()).collect()));
        } else {
            rows.push((line, fields));
        }
    }
    let Some((header_line, header)) = header else {
        return Err(err(file, 1, None, ConfigProblem::Empty));
    };
    if !headers
        .iter()
        .any(|h| h.len() == header.len() && h.iter().zip(&header).all(|(a, b)| *a == b))
    {
        let expected = headers
            .iter()
            .map(|h| h.join(","))
            .collect::<Vec<_>>()
            .join(" or ");
        // The first column that is none of the documented names at its place.
        let wrong = (0..header
            .len()
            .max(headers.iter().map(|h| h.len()).max().unwrap_or(0)))
            .find(|&i| {
                !headers.iter().any(|h| {
                    h.get(i)
                        .is_some_and(|name| header.get(i) == Some(&(*name).to_owned()))
                })
            })
            .map(|i| i + 1);
        return Err(ConfigError {
            position: wrong,
            ..err(file, header_line, None, ConfigProblem::Header { expected })
        });
    }
    for (line, fields) in &rows {
        if fields.len() != header.len() {
            // The first extra field, or the first missing one.
            let first = fields.len().min(header.len()) + 1;
            return Err(ConfigError {
                position: Some(first),
                ..err(
                    file,
                    *line,
                    None,
                    ConfigProblem::FieldCount {
                        expected: header.len(),
                        found: fields.len(),
                    },
                )
            });
        }
    }
    Ok(Table { header, rows })
}

fn text_field<'a>(
    file: ConfigFile,
    line: u64,
    column: &str,
    value: &'a str,
) -> Result<&'a str, ConfigError> {
    if value.is_empty() {
        Err(err(file, line, Some(column), ConfigProblem::Missing))
    } else {
        Ok(value)
    }
}

fn number_field(
    file: ConfigFile,
    line: u64,
    column: &str,
    value: &str,
) -> Result<f64, ConfigError> {
    let value = text_field(file, line, column, value)?;
    let x: f64 = value.parse().map_err(|_| {
        err(
            file,
            line,
            Some(column),
            ConfigProblem::NotANumber {
                value: value.to_owned(),
            },
        )
    })?;
    if !x.is_finite() || x < 0.0 {
        return Err(err(
            file,
            line,
            Some(column),
            ConfigProblem::Negative { value: x },
        ));
    }
    Ok(x)
}

impl Margins {
    /// Parses a margins CSV (`variable,category,share` or `variable,category,population`).
    ///
    /// Rejects missing, negative, zero or non-numeric values, duplicate `(variable, category)`
    /// rows, categories not in `known` (for variables `known` lists), shares that do not sum to
    /// 1 within [`SHARE_TOLERANCE`] and counts summing to zero. Shares are rescaled to sum to 1.
    pub fn parse_csv(text: &str, known: &KnownCategories) -> Result<Margins, ConfigError> {
        const F: ConfigFile = ConfigFile::Margins;
        let table = read_table(
            F,
            text,
            &[
                &["variable", "category", "share"],
                &["variable", "category", "population"],
            ],
        )?;
        let is_share = table.header[2] == "share";
        let value_col = table.header[2].clone();
        let mut variables: Vec<MarginVariable> = Vec::new();
        let mut first_line: BTreeMap<(String, String), u64> = BTreeMap::new();
        let mut variable_line: BTreeMap<String, u64> = BTreeMap::new();
        for (line, f) in &table.rows {
            let line = *line;
            let variable = text_field(F, line, "variable", &f[0])?.to_owned();
            let category = text_field(F, line, "category", &f[1])?.to_owned();
            let value = number_field(F, line, &value_col, &f[2])?;
            if value == 0.0 {
                return Err(err(F, line, Some(&value_col), ConfigProblem::Zero));
            }
            if is_share && value > 1.0 {
                return Err(err(
                    F,
                    line,
                    Some(&value_col),
                    ConfigProblem::AboveOne { value },
                ));
            }
            if let Some(allowed) = known.get(&variable)
                && !allowed.contains(&category)
            {
                return Err(err(
                    F,
                    line,
                    Some("category"),
                    ConfigProblem::UnknownCategory {
                        variable,
                        value: category,
                    },
                ));
            }
            if let Some(&first) = first_line.get(&(variable.clone(), category.clone())) {
                return Err(err(
                    F,
                    line,
                    Some("category"),
                    ConfigProblem::Duplicate { first_line: first },
                ));
            }
            first_line.insert((variable.clone(), category.clone()), line);
            variable_line.entry(variable.clone()).or_insert(line);
            let cat = MarginCategory {
                name: category,
                share: value,
            };
            match variables.iter_mut().find(|v| v.name == variable) {
                Some(v) => v.categories.push(cat),
                None => variables.push(MarginVariable {
                    name: variable,
                    categories: vec![cat],
                }),
            }
        }
        if variables.is_empty() {
            return Err(err(F, 1, None, ConfigProblem::Empty));
        }
        for v in &mut variables {
            let line = variable_line.get(&v.name).copied().unwrap_or(1);
            let sum: f64 = v.categories.iter().map(|c| c.share).sum();
            if is_share && (sum - 1.0).abs() > SHARE_TOLERANCE {
                return Err(err(
                    F,
                    line,
                    Some(&value_col),
                    ConfigProblem::SharesDoNotSum {
                        variable: v.name.clone(),
                        sum,
                        tolerance: SHARE_TOLERANCE,
                    },
                ));
            }
            if sum <= 0.0 {
                return Err(err(
                    F,
                    line,
                    Some(&value_col),
                    ConfigProblem::ZeroTotal {
                        variable: v.name.clone(),
                    },
                ));
            }
            for c in &mut v.categories {
                c.share /= sum;
            }
        }
        Ok(Margins { variables })
    }

    /// The variable with this name.
    pub fn variable(&self, name: &str) -> Option<&MarginVariable> {
        self.variables.iter().find(|v| v.name == name)
    }

    /// Checks invariants a stored (deserialised) configuration must still satisfy.
    pub fn validate(&self) -> Result<(), String> {
        let mut names = BTreeSet::new();
        for v in &self.variables {
            if !names.insert(&v.name) {
                return Err(format!("margins variable {:?} appears twice", v.name));
            }
            let mut cats = BTreeSet::new();
            let mut sum = 0.0;
            for c in &v.categories {
                if !cats.insert(&c.name) {
                    return Err(format!(
                        "category {:?} of {:?} appears twice",
                        c.name, v.name
                    ));
                }
                if !(c.share.is_finite() && c.share > 0.0) {
                    return Err(format!(
                        "share of {:?}/{:?} must be positive",
                        v.name, c.name
                    ));
                }
                sum += c.share;
            }
            if (sum - 1.0).abs() > SHARE_TOLERANCE {
                return Err(format!("shares of {:?} sum to {sum}", v.name));
            }
        }
        Ok(())
    }
}

impl EquityTable {
    /// Parses an equity index CSV (`area,score`). Rejects missing, negative or non-numeric
    /// scores, duplicate areas and, when `known_areas` is given, areas the city does not have.
    /// The score scale is checked when the run starts (it is a parameter, not part of the file).
    pub fn parse_csv(
        text: &str,
        known_areas: Option<&BTreeSet<String>>,
    ) -> Result<EquityTable, ConfigError> {
        const F: ConfigFile = ConfigFile::EquityIndex;
        let table = read_table(F, text, &[&["area", "score"]])?;
        let mut scores = BTreeMap::new();
        let mut lines: BTreeMap<String, u64> = BTreeMap::new();
        for (line, f) in &table.rows {
            let line = *line;
            let area = text_field(F, line, "area", &f[0])?.to_owned();
            let score = number_field(F, line, "score", &f[1])?;
            if let Some(known) = known_areas
                && !known.contains(&area)
            {
                return Err(err(
                    F,
                    line,
                    Some("area"),
                    ConfigProblem::UnknownArea { area },
                ));
            }
            if let Some(&first_line) = lines.get(&area) {
                return Err(err(
                    F,
                    line,
                    Some("area"),
                    ConfigProblem::Duplicate { first_line },
                ));
            }
            lines.insert(area.clone(), line);
            scores.insert(area, score);
        }
        if scores.is_empty() {
            return Err(err(F, 1, None, ConfigProblem::Empty));
        }
        Ok(EquityTable { scores })
    }
}

fn is_zip(s: &str) -> bool {
    s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit())
}

impl ZipCrosswalk {
    /// Parses a ZIP crosswalk CSV (`zip,area` or `zip,area,ratio`) against the equity table it
    /// feeds: every area must be in `equity`. Without `ratio` a ZIP may appear once; with it,
    /// each `(zip, area)` pair once, ratios in [0, 1] and not all zero for a ZIP.
    pub fn parse_csv(text: &str, equity: &EquityTable) -> Result<ZipCrosswalk, ConfigError> {
        const F: ConfigFile = ConfigFile::ZipCrosswalk;
        let table = read_table(F, text, &[&["zip", "area"], &["zip", "area", "ratio"]])?;
        let has_ratio = table.header.len() == 3;
        let mut zips: BTreeMap<String, Vec<CrosswalkEntry>> = BTreeMap::new();
        let mut lines: BTreeMap<(String, String), u64> = BTreeMap::new();
        let mut zip_lines: BTreeMap<String, u64> = BTreeMap::new();
        for (line, f) in &table.rows {
            let line = *line;
            let zip = text_field(F, line, "zip", &f[0])?.to_owned();
            if !is_zip(&zip) {
                return Err(err(
                    F,
                    line,
                    Some("zip"),
                    ConfigProblem::BadZip { value: zip },
                ));
            }
            let area = text_field(F, line, "area", &f[1])?.to_owned();
            let ratio = if has_ratio {
                let r = number_field(F, line, "ratio", &f[2])?;
                if r > 1.0 {
                    return Err(err(
                        F,
                        line,
                        Some("ratio"),
                        ConfigProblem::AboveOne { value: r },
                    ));
                }
                r
            } else {
                1.0
            };
            if !equity.scores.contains_key(&area) {
                return Err(err(
                    F,
                    line,
                    Some("area"),
                    ConfigProblem::UnknownArea { area },
                ));
            }
            let duplicate = if has_ratio {
                lines.get(&(zip.clone(), area.clone())).copied()
            } else {
                zip_lines.get(&zip).copied()
            };
            if let Some(first_line) = duplicate {
                let column = if has_ratio { "area" } else { "zip" };
                return Err(err(
                    F,
                    line,
                    Some(column),
                    ConfigProblem::Duplicate { first_line },
                ));
            }
            lines.insert((zip.clone(), area.clone()), line);
            zip_lines.entry(zip.clone()).or_insert(line);
            zips.entry(zip)
                .or_default()
                .push(CrosswalkEntry { area, ratio });
        }
        if zips.is_empty() {
            return Err(err(F, 1, None, ConfigProblem::Empty));
        }
        for (zip, entries) in &zips {
            if entries.iter().map(|e| e.ratio).sum::<f64>() <= 0.0 {
                let line = zip_lines.get(zip).copied().unwrap_or(1);
                return Err(err(
                    F,
                    line,
                    Some("ratio"),
                    ConfigProblem::ZeroTotal {
                        variable: format!("zip {zip}"),
                    },
                ));
            }
        }
        Ok(ZipCrosswalk { zips })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn margins_err(text: &str) -> ConfigError {
        match Margins::parse_csv(text, &KnownCategories::new()) {
            Err(e) => e,
            Ok(m) => panic!("accepted {m:?}"),
        }
    }

    #[test]
    fn parses_shares_and_counts() -> Result<(), ConfigError> {
        let m = Margins::parse_csv(
            "variable,category,share\nage,18-44,0.6\nage,45+,0.4\n",
            &KnownCategories::new(),
        )?;
        assert_eq!(m.variables[0].categories[1].share, 0.4);
        let m = Margins::parse_csv(
            "Variable,Category,Population\n# ACS B25003\ntenure,own,300\ntenure,rent,100\n",
            &KnownCategories::new(),
        )?;
        assert_eq!(m.variables[0].categories[0].share, 0.75);
        Ok(())
    }

    #[test]
    fn comment_lines_count_in_line_numbers() {
        let e = margins_err("variable,category,share\n# note\n\nage,a,0.5\nage,b,x\n");
        assert_eq!(e.line, 5);
        assert_eq!(e.column.as_deref(), Some("share"));
        assert!(matches!(e.problem, ConfigProblem::NotANumber { .. }));
    }

    #[test]
    fn field_count_and_header() {
        let e = margins_err("variable,category\nage,a\n");
        assert_eq!(
            (e.line, &e.problem),
            (
                1,
                &ConfigProblem::Header {
                    expected: "variable,category,share or variable,category,population".into()
                }
            )
        );
        let e = margins_err("variable,category,share\nage,a,0.5,9\n");
        assert_eq!(e.line, 2);
        assert!(matches!(
            e.problem,
            ConfigProblem::FieldCount {
                expected: 3,
                found: 4
            }
        ));
        assert_eq!(margins_err("").problem, ConfigProblem::Empty);
    }

    #[test]
    fn messages_give_the_line_and_the_column_by_position_and_name() {
        let e = margins_err("variable,category,share\nage,a,0.5\nage,b,x\n");
        assert_eq!(e.position, Some(3));
        assert_eq!(
            e.to_string(),
            "margins file, line 3, column 3 (\"share\"): \"x\" is not a number"
        );
        let e = margins_err("variable,category,share\nage,a,0.5,9\n");
        assert_eq!(e.position, Some(4), "the first extra field");
        assert!(
            e.to_string()
                .starts_with("margins file, line 2, column 4: "),
            "{e}"
        );
        let e = margins_err("variable,categry,share\nage,a,1\n");
        assert_eq!(
            (e.line, e.position),
            (1, Some(2)),
            "the misspelt header column"
        );
        let e = ZipCrosswalk::parse_csv("zip,area\n9511,A\n", &EquityTable::default())
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some(
                "ZIP crosswalk file, line 2, column 1 (\"zip\"): \"9511\" is not a five-digit ZIP code"
            )
        );
    }

    #[test]
    fn crosswalk_ratio_sums() {
        let eq = EquityTable::parse_csv("area,score\nA,2\nB,10\n", None).map_err(|e| e.to_string());
        let eq = eq.unwrap_or_default();
        let e = ZipCrosswalk::parse_csv("zip,area,ratio\n95110,A,0\n95110,B,0\n", &eq);
        let e = e.err().map(|e| (e.line, e.column));
        assert_eq!(e, Some((2, Some("ratio".to_owned()))));
    }
}
