//! Text the built-in PDF fonts can show.
//!
//! The 14 built-in fonts are written with `/WinAnsiEncoding` (Windows-1252): one byte per
//! character, Latin-1 plus typographic punctuation (`€`, `–`, `—`, `„`, `“`, `…`, `Š`, `Ž`,
//! `Œ`). printpdf encodes such text correctly and replaces anything else with `?`. [`PdfText`]
//! makes that fallback deliberate: characters WinAnsi lacks become their closest readable
//! form first (`ł` -> `l`, `Č` -> `C`, `−` -> `-`, `≥` -> `>=`, a thin space -> a space,
//! `u` + combining diaeresis -> `ü`), invisible ones (zero-width space, soft hyphen) are
//! dropped, control characters become spaces, and only what is left over (Greek,
//! Cyrillic, CJK, emoji) becomes `?`.

use std::fmt;

/// A string whose every character has a WinAnsi code, so the built-in fonts show it as
/// written and [`crate::metrics`] can measure it. Built only by [`PdfText::new`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct PdfText(String);

impl PdfText {
    /// The closest WinAnsi rendering of `text` (see the module documentation).
    pub(crate) fn new(text: &str) -> Self {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if is_combining_mark(c) {
                if let Some(composed) = out.chars().next_back().and_then(|base| compose(base, c)) {
                    out.pop();
                    out.push(composed);
                }
                continue;
            }
            if win_ansi_byte(c).is_some() && c != '\u{AD}' {
                out.push(c);
            } else {
                out.push_str(fallback(c));
            }
        }
        Self(out)
    }

    /// Text already known to be WinAnsi (a piece of a `PdfText`, or a literal).
    fn from_safe(text: String) -> Self {
        debug_assert!(text.chars().all(|c| win_ansi_byte(c).is_some()));
        Self(text)
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }

    /// Its WinAnsi bytes, for the font metrics.
    pub(crate) fn bytes(&self) -> impl Iterator<Item = u8> + '_ {
        self.0.chars().filter_map(win_ansi_byte)
    }

    /// Splits on whitespace, keeping the words as `PdfText`.
    pub(crate) fn words(&self) -> impl Iterator<Item = PdfText> + '_ {
        self.0
            .split_whitespace()
            .map(|w| Self::from_safe(w.to_owned()))
    }

    /// The first `n` characters.
    pub(crate) fn prefix(&self, n: usize) -> PdfText {
        Self::from_safe(self.0.chars().take(n).collect())
    }

    /// The characters after the first `n`.
    pub(crate) fn suffix_after(&self, n: usize) -> PdfText {
        Self::from_safe(self.0.chars().skip(n).collect())
    }

    pub(crate) fn char_count(&self) -> usize {
        self.0.chars().count()
    }

    /// This text followed by `other`, joined with one space when both are non-empty.
    pub(crate) fn joined(&self, other: &PdfText) -> PdfText {
        if self.0.is_empty() {
            return other.clone();
        }
        Self::from_safe(format!("{} {}", self.0, other.0))
    }

    /// This text with a trailing ellipsis (WinAnsi has `…`).
    pub(crate) fn with_ellipsis(&self) -> PdfText {
        Self::from_safe(format!("{}\u{2026}", self.0.trim_end()))
    }
}

impl fmt::Display for PdfText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The WinAnsi (Windows-1252) byte of `c`, or `None` when the encoding has no such character.
pub(crate) fn win_ansi_byte(c: char) -> Option<u8> {
    let code = c as u32;
    if (0x20..=0x7E).contains(&code) || (0xA0..=0xFF).contains(&code) {
        return u8::try_from(code).ok();
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201C}' => 0x93,
        '\u{201D}' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Base letters of Latin Extended-A (U+0100..=U+017F), one per code point, in order. The
/// few in WinAnsi (`Œ œ Š š Ÿ Ž ž`) never get here; `Ĳ ĳ ŉ` are handled before.
const LATIN_EXTENDED_A: &str = concat!(
    "AaAaAaCcCcCcCcDd", // U+0100
    "DdEeEeEeEeEeGgGg", // U+0110
    "GgGgHhHhIiIiIiIi", // U+0120
    "IiIiJjKkkLlLlLlL", // U+0130
    "lLlNnNnNnnNnOoOo", // U+0140
    "OoOoRrRrRrSsSsSs", // U+0150
    "SsTtTtTtUuUuUuUu", // U+0160
    "UuUuWwYyYZzZzZzs", // U+0170
);

/// What to write for a character WinAnsi lacks (see the module documentation).
fn fallback(c: char) -> &'static str {
    match c {
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
        '\t' | '\n' | '\r' | '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => " ",
        '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => " ",
        '\u{2010}' | '\u{2011}' | '\u{2043}' | '\u{2212}' => "-",
        '\u{2012}' => "–",
        '\u{2015}' => "—",
        '\u{201B}' | '\u{2032}' => "'",
        '\u{201F}' | '\u{2033}' => "\"",
        '\u{2264}' => "<=",
        '\u{2265}' => ">=",
        '\u{2260}' => "!=",
        '\u{2248}' => "~",
        '\u{2192}' => "->",
        '\u{2190}' => "<-",
        '\u{2215}' | '\u{2044}' => "/",
        '\u{2116}' => "No.",
        '\u{20B9}' => "INR ",
        '\u{20BD}' => "RUB ",
        '\u{20BA}' => "TRY ",
        '\u{20A9}' => "KRW ",
        '\u{20AA}' => "ILS ",
        '\u{20B4}' => "UAH ",
        '\u{0132}' => "IJ",
        '\u{0133}' => "ij",
        '\u{0149}' => "'n",
        '\u{0218}' => "S",
        '\u{0219}' => "s",
        '\u{021A}' => "T",
        '\u{021B}' => "t",
        '\u{0100}'..='\u{017F}' => {
            let index = c as usize - 0x100;
            LATIN_EXTENDED_A.get(index..index + 1).unwrap_or("?")
        }
        _ => "?",
    }
}

fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// A base letter and a combining mark as one WinAnsi letter, where WinAnsi has it.
fn compose(base: char, mark: char) -> Option<char> {
    let (bases, composed) = match mark {
        '\u{0300}' => ("AEIOUaeiou", "ÀÈÌÒÙàèìòù"),
        '\u{0301}' => ("AEIOUYaeiouy", "ÁÉÍÓÚÝáéíóúý"),
        '\u{0302}' => ("AEIOUaeiou", "ÂÊÎÔÛâêîôû"),
        '\u{0303}' => ("ANOano", "ÃÑÕãñõ"),
        '\u{0308}' => ("AEIOUYaeiouy", "ÄËÏÖÜŸäëïöüÿ"),
        '\u{030A}' => ("Aa", "Åå"),
        '\u{030C}' => ("SsZz", "ŠšŽž"),
        '\u{0327}' => ("Cc", "Çç"),
        _ => return None,
    };
    let position = bases.chars().position(|b| b == base)?;
    composed.chars().nth(position)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn safe(text: &str) -> String {
        PdfText::new(text).as_str().to_owned()
    }

    #[test]
    fn latin_1_and_windows_1252_punctuation_are_kept_as_written() {
        assert_eq!(
            safe("Müller GmbH – Straße 5, 1.234,56 € „ok“ …"),
            "Müller GmbH – Straße 5, 1.234,56 € „ok“ …"
        );
        assert_eq!(safe("Šťastný"), "Štastný");
    }

    #[test]
    fn central_european_letters_lose_only_their_accent() {
        assert_eq!(
            safe("Łódź Wrocław Čeština Őrség Ĳssel"),
            "Lódz Wroclaw Ceština Orség IJssel"
        );
        assert_eq!(safe("Ștefan Țară"), "Stefan Tara");
    }

    #[test]
    fn decomposed_accents_are_composed_or_dropped() {
        assert_eq!(safe("Mu\u{308}ller"), "Müller");
        assert_eq!(safe("Ne\u{301}e"), "Née");
        assert_eq!(safe("q\u{308}"), "q");
    }

    #[test]
    fn typographic_symbols_become_ascii_and_invisible_ones_vanish() {
        assert_eq!(safe("10\u{202F}000 \u{2212}5 \u{2265} 3"), "10 000 -5 >= 3");
        assert_eq!(safe("in\u{AD}voice\u{200B}"), "invoice");
        assert_eq!(safe("a\tb\nc"), "a b c");
    }

    #[test]
    fn scripts_without_a_latin_form_become_question_marks() {
        assert_eq!(safe("Ωμέγα 東京 🙂"), "????? ?? ?");
    }

    #[test]
    fn every_output_character_is_win_ansi() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        assert!(
            PdfText::new(&all)
                .as_str()
                .chars()
                .all(|c| win_ansi_byte(c).is_some())
        );
    }
}
