//! `LOW..=HIGH` values of range options (`--k-range`, `--scale`, `--trim`).

/// Parses `LOW..=HIGH` (or `LOW..HIGH`, `LOW-HIGH`) for range options.
pub fn parse_range<T: std::str::FromStr>(s: &str) -> Result<(T, T), String>
where
    T::Err: std::fmt::Display,
{
    let (a, b) = s
        .split_once("..=")
        .or_else(|| s.split_once(".."))
        .or_else(|| s.split_once('-'))
        .ok_or("expected LOW..=HIGH, e.g. 4..=20")?;
    let num = |v: &str| v.trim().parse::<T>().map_err(|e| format!("{v:?}: {e}"));
    Ok((num(a)?, num(b)?))
}

#[cfg(test)]
mod tests {
    use super::parse_range;

    #[test]
    fn reads_every_spelling_of_a_range() {
        assert_eq!(parse_range::<usize>("4..=20"), Ok((4, 20)));
        assert_eq!(parse_range::<usize>("4..20"), Ok((4, 20)));
        assert_eq!(parse_range::<f64>("0.2-5"), Ok((0.2, 5.0)));
        assert_eq!(parse_range::<f64>(" 2 ..= 10 "), Ok((2.0, 10.0)));
    }

    #[test]
    fn names_what_is_wrong() {
        assert_eq!(
            parse_range::<usize>("4"),
            Err("expected LOW..=HIGH, e.g. 4..=20".to_owned())
        );
        assert!(parse_range::<usize>("a..=3").is_err_and(|e| e.starts_with("\"a\"")));
    }
}
