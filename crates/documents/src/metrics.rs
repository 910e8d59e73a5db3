//! Widths of the built-in Helvetica faces, to wrap, truncate and right-align text.
//!
//! The numbers are the standard Helvetica and Helvetica-Bold advance widths (1/1000 em) for
//! the WinAnsi codes 0x20..=0xFF, taken from the metric-compatible URW Nimbus Sans AFM
//! files (Debian's `fonts-urw-base35`); a viewer lays the built-in fonts out with exactly
//! these, since printpdf writes no `/Widths` for them. Codes WinAnsi leaves undefined are 0.

use printpdf::BuiltinFont;

use crate::text::PdfText;

/// The faces the documents use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    Regular,
    Bold,
}

impl Face {
    pub(crate) fn builtin(self) -> BuiltinFont {
        match self {
            Face::Regular => BuiltinFont::Helvetica,
            Face::Bold => BuiltinFont::HelveticaBold,
        }
    }

    /// The width of `text` set in this face at `size` points, in points.
    pub(crate) fn width(self, text: &PdfText, size: f32) -> f32 {
        let table = match self {
            Face::Regular => &HELVETICA,
            Face::Bold => &HELVETICA_BOLD,
        };
        let units: u32 = text
            .bytes()
            .map(|b| {
                usize::from(b)
                    .checked_sub(0x20)
                    .and_then(|i| table.get(i))
                    .copied()
                    .map_or(0, u32::from)
            })
            .sum();
        // Exact: a line's width in units is far below f32's 2^24 integer limit.
        units as f32 * size / 1000.0
    }
}

/// How a piece of text is set: its face and size in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Font {
    pub(crate) face: Face,
    pub(crate) size: f32,
}

impl Font {
    pub(crate) const fn regular(size: f32) -> Self {
        Self {
            face: Face::Regular,
            size,
        }
    }

    pub(crate) const fn bold(size: f32) -> Self {
        Self {
            face: Face::Bold,
            size,
        }
    }

    pub(crate) fn width(self, text: &PdfText) -> f32 {
        self.face.width(text, self.size)
    }
}

#[rustfmt::skip]
const HELVETICA: [u16; 224] = [
     278,  278,  355,  556,  556,  889,  667,  191,  333,  333,  389,  584,  278,  333,  278,  278, // 0x20
     556,  556,  556,  556,  556,  556,  556,  556,  556,  556,  278,  278,  584,  584,  584,  556, // 0x30
    1015,  667,  667,  722,  722,  667,  611,  778,  722,  278,  500,  667,  556,  833,  722,  778, // 0x40
     667,  778,  722,  667,  611,  722,  667,  944,  667,  667,  611,  278,  278,  278,  469,  556, // 0x50
     333,  556,  556,  500,  556,  556,  278,  556,  556,  222,  222,  500,  222,  833,  556,  556, // 0x60
     556,  556,  333,  500,  278,  556,  500,  722,  500,  500,  500,  334,  260,  334,  584,    0, // 0x70
     556,    0,  222,  556,  333, 1000,  556,  556,  333, 1000,  667,  333, 1000,    0,  611,    0, // 0x80
       0,  222,  222,  333,  333,  350,  556, 1000,  333, 1000,  500,  333,  944,    0,  500,  667, // 0x90
     278,  333,  556,  556,  556,  556,  260,  556,  333,  737,  370,  556,  584,  333,  737,  333, // 0xA0
     400,  584,  333,  333,  333,  556,  537,  278,  333,  333,  365,  556,  834,  834,  834,  611, // 0xB0
     667,  667,  667,  667,  667,  667, 1000,  722,  667,  667,  667,  667,  278,  278,  278,  278, // 0xC0
     722,  722,  778,  778,  778,  778,  778,  584,  778,  722,  722,  722,  722,  667,  667,  611, // 0xD0
     556,  556,  556,  556,  556,  556,  889,  500,  556,  556,  556,  556,  278,  278,  278,  278, // 0xE0
     556,  556,  556,  556,  556,  556,  556,  584,  611,  556,  556,  556,  556,  500,  556,  500, // 0xF0
];
#[rustfmt::skip]
const HELVETICA_BOLD: [u16; 224] = [
     278,  333,  474,  556,  556,  889,  722,  238,  333,  333,  389,  584,  278,  333,  278,  278, // 0x20
     556,  556,  556,  556,  556,  556,  556,  556,  556,  556,  333,  333,  584,  584,  584,  611, // 0x30
     975,  722,  722,  722,  722,  667,  611,  778,  722,  278,  556,  722,  611,  833,  722,  778, // 0x40
     667,  778,  722,  667,  611,  722,  667,  944,  667,  667,  611,  333,  278,  333,  584,  556, // 0x50
     333,  556,  611,  556,  611,  556,  333,  611,  611,  278,  278,  556,  278,  889,  611,  611, // 0x60
     611,  611,  389,  556,  333,  611,  556,  778,  556,  556,  500,  389,  280,  389,  584,    0, // 0x70
     556,    0,  278,  556,  500, 1000,  556,  556,  333, 1000,  667,  333, 1000,    0,  611,    0, // 0x80
       0,  278,  278,  500,  500,  350,  556, 1000,  333, 1000,  556,  333,  944,    0,  500,  667, // 0x90
     278,  333,  556,  556,  556,  556,  280,  556,  333,  737,  370,  556,  584,  333,  737,  333, // 0xA0
     400,  584,  333,  333,  333,  611,  556,  278,  333,  333,  365,  556,  834,  834,  834,  611, // 0xB0
     722,  722,  722,  722,  722,  722, 1000,  722,  667,  667,  667,  667,  278,  278,  278,  278, // 0xC0
     722,  722,  778,  778,  778,  778,  778,  584,  778,  722,  722,  722,  722,  667,  667,  611, // 0xD0
     556,  556,  556,  556,  556,  556,  889,  556,  556,  556,  556,  556,  278,  278,  278,  278, // 0xE0
     611,  611,  611,  611,  611,  611,  611,  584,  611,  611,  611,  611,  611,  556,  611,  556, // 0xF0
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_helvetica_metrics() {
        let text = PdfText::new("Ab1 €");
        // A 667 + b 556 + 1 556 + space 278 + € 556 = 2613 units.
        assert!((Face::Regular.width(&text, 10.0) - 26.13).abs() < 1e-4);
        // Bold: A 722 + b 611 + 1 556 + space 278 + € 556 = 2723 units.
        assert!((Face::Bold.width(&text, 10.0) - 27.23).abs() < 1e-4);
    }

    #[test]
    fn accented_letters_are_as_wide_as_their_base_letter() {
        assert_eq!(
            Face::Regular.width(&PdfText::new("Müller"), 12.0),
            Face::Regular.width(&PdfText::new("Muller"), 12.0)
        );
    }
}
