//! Paragraph-sized passages: the units interview notes are analysed in. A short line (a heading,
//! a question) is joined to what follows it, so it keeps its context; a long paragraph is cut
//! at sentence ends so one passage stays about one point.

/// Longest passage, in characters (a long sentence without an end is cut at a space).
pub const MAX_PASSAGE_CHARS: usize = 1_000;
/// Paragraphs shorter than this are joined to the next one.
const SHORT: usize = 40;

/// Paragraphs of plain text: blocks separated by blank lines, lines joined by spaces.
pub fn blocks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            push_block(&mut out, &mut current);
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
        }
    }
    push_block(&mut out, &mut current);
    out
}

fn push_block(out: &mut Vec<String>, current: &mut String) {
    if !current.is_empty() {
        out.push(std::mem::take(current));
    }
}

/// Whitespace collapsed to single spaces, ends trimmed.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Passages from paragraphs, in order.
pub fn passages(paragraphs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = String::new();
    for paragraph in paragraphs {
        let paragraph = squeeze(paragraph);
        if paragraph.is_empty() {
            continue;
        }
        if !pending.is_empty() {
            pending.push(' ');
        }
        pending.push_str(&paragraph);
        if pending.chars().count() >= SHORT {
            out.extend(cut(&std::mem::take(&mut pending)));
        }
    }
    if !pending.is_empty() {
        match out.last_mut() {
            // A short last line (a sign-off) stays with the passage before it, if it fits.
            Some(last) if last.chars().count() + pending.chars().count() < MAX_PASSAGE_CHARS => {
                last.push(' ');
                last.push_str(&pending);
            }
            _ => out.extend(cut(&pending)),
        }
    }
    out
}

/// `text` cut at sentence ends into pieces of at most [`MAX_PASSAGE_CHARS`].
fn cut(text: &str) -> Vec<String> {
    if text.chars().count() <= MAX_PASSAGE_CHARS {
        return vec![text.to_owned()];
    }
    let mut out = Vec::new();
    let mut current = String::new();
    for sentence in sentences(text) {
        if !current.is_empty()
            && current.chars().count() + 1 + sentence.chars().count() > MAX_PASSAGE_CHARS
        {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(sentence);
        while current.chars().count() > MAX_PASSAGE_CHARS {
            let (head, tail) = split_at_space(&current);
            out.push(head);
            current = tail;
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Sentences: split after `.`, `?`, `!` or `…` followed by a space, and after `。`, `？`, `！`.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let next_is_space = chars.peek().is_some_and(|(_, n)| n.is_whitespace());
        let ends = matches!(c, '。' | '？' | '！')
            || (matches!(c, '.' | '?' | '!' | '…') && next_is_space);
        if ends {
            let sentence = text[start..end].trim();
            if !sentence.is_empty() {
                out.push(sentence);
            }
            start = end;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// The first [`MAX_PASSAGE_CHARS`] characters (back to the last space, if there is one) and the
/// rest.
fn split_at_space(text: &str) -> (String, String) {
    let limit = text
        .char_indices()
        .nth(MAX_PASSAGE_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let at = text[..limit].rfind(' ').filter(|&i| i > 0).unwrap_or(limit);
    (
        text[..at].trim_end().to_owned(),
        text[at..].trim_start().to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn blocks_split_at_blank_lines() {
        assert_eq!(
            blocks("one\ntwo\n\n\n  three  \n"),
            owned(&["one two", "three"])
        );
    }

    #[test]
    fn short_lines_join_what_follows() {
        let long = "The clinic on Story Road closes at five, so parents who work cannot bring their children after school.";
        let got = passages(&owned(&["Q: health care?", long, "Thanks."]));
        assert_eq!(got, [format!("Q: health care? {long} Thanks.")]);
    }

    #[test]
    fn long_paragraphs_are_cut_at_sentence_ends() {
        let sentence =
            "Rent went up again this year and families are doubling up in small apartments. ";
        let paragraph = sentence.repeat(30);
        let got = passages(&[paragraph]);
        assert!(got.len() >= 3, "{}", got.len());
        for p in &got {
            assert!(p.chars().count() <= MAX_PASSAGE_CHARS);
            assert!(p.ends_with('.'), "{p}");
        }
        let words: usize = got.iter().map(|p| p.split(' ').count()).sum();
        assert_eq!(words, sentence.trim().split(' ').count() * 30);
    }

    #[test]
    fn text_without_sentence_ends_is_cut_at_spaces() {
        let got = passages(&["word ".repeat(600)]);
        assert!(got.iter().all(|p| p.chars().count() <= MAX_PASSAGE_CHARS));
        assert_eq!(got.concat().matches("word").count(), 600);
        let cjk = passages(&["住房太贵".repeat(400)]);
        assert!(cjk.iter().all(|p| p.chars().count() <= MAX_PASSAGE_CHARS));
        assert_eq!(cjk.concat().chars().count(), 1600);
    }
}
