//! Fitting text into a width: wrapping at spaces, breaking words longer than a line, and
//! truncating with an ellipsis.

use crate::metrics::Font;
use crate::text::PdfText;

/// `text` as lines no wider than `max_width` points, broken at spaces; a word wider than a
/// whole line is broken between characters. Empty text gives no lines.
pub(crate) fn wrap(text: &PdfText, font: Font, max_width: f32) -> Vec<PdfText> {
    let mut lines = Vec::new();
    let mut current = PdfText::default();
    for word in text.words() {
        let candidate = current.joined(&word);
        if font.width(&candidate) <= max_width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        let mut rest = word;
        while font.width(&rest) > max_width {
            let fit = fitting_chars(&rest, font, max_width, |prefix| prefix).max(1);
            lines.push(rest.prefix(fit));
            rest = rest.suffix_after(fit);
        }
        current = rest;
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// As [`wrap`], but at most `max_lines` lines; when the text needs more, the last line
/// kept ends in an ellipsis.
pub(crate) fn wrap_at_most(
    text: &PdfText,
    font: Font,
    max_width: f32,
    max_lines: usize,
) -> Vec<PdfText> {
    let mut lines = wrap(text, font, max_width);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.pop() {
            lines.push(ellipsized(&last, font, max_width));
        }
    }
    lines
}

/// `text` on one line: as it is when it fits, otherwise cut to fit with an ellipsis.
pub(crate) fn truncate(text: &PdfText, font: Font, max_width: f32) -> PdfText {
    if font.width(text) <= max_width {
        text.clone()
    } else {
        ellipsized(text, font, max_width)
    }
}

/// The longest prefix of `text` that fits `max_width` with an ellipsis after it.
fn ellipsized(text: &PdfText, font: Font, max_width: f32) -> PdfText {
    let fit = fitting_chars(text, font, max_width, |prefix| prefix.with_ellipsis());
    text.prefix(fit).with_ellipsis()
}

/// How many leading characters of `text` fit `max_width` once `shape`d (0 when none does).
fn fitting_chars(
    text: &PdfText,
    font: Font,
    max_width: f32,
    shape: impl Fn(PdfText) -> PdfText,
) -> usize {
    let (mut low, mut high) = (0, text.char_count());
    // Widths grow with the prefix, so the answer is found by bisection.
    while low < high {
        let middle = (low + high).div_ceil(2);
        if font.width(&shape(text.prefix(middle))) <= max_width {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    low
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: Font = Font::regular(10.0);

    fn strings(lines: &[PdfText]) -> Vec<&str> {
        lines.iter().map(PdfText::as_str).collect()
    }

    #[test]
    fn text_that_fits_stays_on_one_line() {
        let lines = wrap(&PdfText::new("Pro plan"), BODY, 200.0);
        assert_eq!(strings(&lines), ["Pro plan"]);
    }

    #[test]
    fn long_text_wraps_at_spaces_within_the_width() {
        let text = PdfText::new(
            "Pro plan, monthly, for the whole team including every seat added mid-cycle",
        );
        let lines = wrap(&text, BODY, 120.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|line| BODY.width(line) <= 120.0));
        let rejoined = strings(&lines).join(" ");
        assert_eq!(rejoined, text.as_str());
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_between_characters() {
        let text = PdfText::new(&"x".repeat(200));
        let lines = wrap(&text, BODY, 100.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|line| BODY.width(line) <= 100.0));
        assert_eq!(strings(&lines).concat(), text.as_str());
    }

    #[test]
    fn wrapping_at_most_n_lines_marks_the_cut_with_an_ellipsis() {
        let text = PdfText::new(&"word ".repeat(100));
        let lines = wrap_at_most(&text, BODY, 100.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].as_str().ends_with('\u{2026}'));
        assert!(lines.iter().all(|line| BODY.width(line) <= 100.0));
    }

    #[test]
    fn truncation_keeps_fitting_text_and_cuts_the_rest() {
        let short = PdfText::new("12.00");
        assert_eq!(truncate(&short, BODY, 50.0), short);
        let long = truncate(&PdfText::new("1,234,567,890.00 EUR"), BODY, 40.0);
        assert!(long.as_str().ends_with('\u{2026}'));
        assert!(BODY.width(&long) <= 40.0);
    }

    #[test]
    fn empty_text_has_no_lines() {
        assert!(wrap(&PdfText::new("   "), BODY, 100.0).is_empty());
    }
}
