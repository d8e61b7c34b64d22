//! Markdown notes: the text of paragraphs, headings, list items, quotes, table cells and code,
//! without the markup (pulldown-cmark). Raw HTML is dropped.

use pulldown_cmark::{Event, Options, Parser, TagEnd};

pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for event in Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) => {
                let block = current.trim();
                if !block.is_empty() {
                    out.push(block.to_owned());
                }
                current.clear();
            }
            _ => {}
        }
    }
    let rest = current.trim();
    if !rest.is_empty() {
        out.push(rest.to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_dropped_and_blocks_kept() {
        let md = "# Interview 3\n\nShe **needs** a [ride](http://x) to\nthe clinic.\n\n- food\n- rent <b>help</b>\n";
        assert_eq!(
            paragraphs(md),
            [
                "Interview 3",
                "She needs a ride to the clinic.",
                "food",
                "rent help"
            ]
        );
    }
}
