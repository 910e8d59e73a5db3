//! Drawing on A4 pages with printpdf's operations: positioned text in the built-in fonts,
//! rules, filled bands and a rotated stamp. Coordinates are PDF points from the page's
//! lower-left corner; `y` of text is its baseline.

use printpdf::{
    Color, CurTransMat, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfFontHandle, PdfPage,
    Point, Pt, Rect, Rgb, TextItem, WindingOrder,
};

use crate::metrics::Font;
use crate::text::PdfText;

/// A4 portrait, in millimetres (what printpdf's pages take) and points (what we lay out in).
const PAGE_WIDTH_MM: f32 = 210.0;
const PAGE_HEIGHT_MM: f32 = 297.0;
pub(crate) const PAGE_WIDTH: f32 = PAGE_WIDTH_MM * 72.0 / 25.4;
pub(crate) const PAGE_HEIGHT: f32 = PAGE_HEIGHT_MM * 72.0 / 25.4;

/// Where a piece of text is anchored on its `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
    Centre,
}

/// The few colours the documents use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ink {
    /// Body text: near black.
    Text,
    /// Labels and secondary lines.
    Muted,
    /// Thin separators.
    Rule,
    /// The table header's background.
    Band,
    /// Paid stamp.
    Green,
    /// Void stamp and the draft marker.
    Red,
    /// Draft stamp.
    Grey,
}

impl Ink {
    fn color(self) -> Color {
        let grey = |level: f32| {
            Color::Greyscale(Greyscale {
                percent: level,
                icc_profile: None,
            })
        };
        let rgb = |r: f32, g: f32, b: f32| {
            Color::Rgb(Rgb {
                r,
                g,
                b,
                icc_profile: None,
            })
        };
        match self {
            Ink::Text => grey(0.1),
            Ink::Muted => grey(0.4),
            Ink::Rule => grey(0.8),
            Ink::Band => grey(0.93),
            Ink::Green => rgb(0.1, 0.5, 0.25),
            Ink::Red => rgb(0.75, 0.12, 0.12),
            Ink::Grey => grey(0.55),
        }
    }
}

/// The pages being drawn; drawing goes to the selected page (the newest by default).
pub(crate) struct Canvas {
    pages: Vec<Vec<Op>>,
    current: usize,
}

impl Canvas {
    /// A canvas with one empty page.
    pub(crate) fn new() -> Self {
        Self {
            pages: vec![Vec::new()],
            current: 0,
        }
    }

    /// Starts a new page and draws on it.
    pub(crate) fn add_page(&mut self) {
        self.pages.push(Vec::new());
        self.current = self.pages.len() - 1;
    }

    pub(crate) fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Draws on page `index` (0-based) from now on; out-of-range indexes are ignored.
    pub(crate) fn select_page(&mut self, index: usize) {
        if index < self.pages.len() {
            self.current = index;
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        &mut self.pages[self.current]
    }

    /// Sets `text` in `font` with its baseline at `y`, anchored at `x` as `align` says.
    pub(crate) fn text(
        &mut self,
        x: f32,
        y: f32,
        align: Align,
        font: Font,
        ink: Ink,
        text: &PdfText,
    ) {
        if text.is_empty() {
            return;
        }
        let left = match align {
            Align::Left => x,
            Align::Right => x - font.width(text),
            Align::Centre => x - font.width(text) / 2.0,
        };
        self.ops().extend([
            Op::SetFillColor { col: ink.color() },
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::Builtin(font.face.builtin()),
                size: Pt(font.size),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(left),
                    y: Pt(y),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.as_str().to_owned())],
            },
            Op::EndTextSection,
        ]);
    }

    /// A horizontal line from `x1` to `x2` at height `y`.
    pub(crate) fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32, ink: Ink) {
        let point = |x: f32| LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier: false,
        };
        self.ops().extend([
            Op::SetOutlineColor { col: ink.color() },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: Line {
                    points: vec![point(x1), point(x2)],
                    is_closed: false,
                },
            },
        ]);
    }

    /// A filled rectangle with its lower-left corner at (`x`, `y`).
    pub(crate) fn band(&mut self, x: f32, y: f32, width: f32, height: f32, ink: Ink) {
        self.ops().extend([
            Op::SetFillColor { col: ink.color() },
            Op::DrawRectangle {
                rectangle: rectangle(x, y, width, height, PaintMode::Fill),
            },
        ]);
    }

    /// `label` in a frame, centred on (`x`, `y`) and turned `degrees` anticlockwise, like a
    /// rubber stamp. The text stays real text, so it is selectable and extractable.
    pub(crate) fn stamp(
        &mut self,
        x: f32,
        y: f32,
        degrees: f32,
        font: Font,
        ink: Ink,
        label: &PdfText,
    ) {
        let (sin, cos) = degrees.to_radians().sin_cos();
        let width = font.width(label) + font.size * 0.8;
        let height = font.size * 1.35;
        self.ops().extend([
            Op::SaveGraphicsState,
            Op::SetTransformationMatrix {
                matrix: CurTransMat::Raw([cos, sin, -sin, cos, x, y]),
            },
            Op::SetOutlineColor { col: ink.color() },
            Op::SetOutlineThickness {
                pt: Pt(font.size / 10.0),
            },
            Op::DrawRectangle {
                rectangle: rectangle(
                    -width / 2.0,
                    -height / 2.0,
                    width,
                    height,
                    PaintMode::Stroke,
                ),
            },
        ]);
        // Cap height is about 0.72 em, so this centres capitals on the frame.
        self.text(0.0, -font.size * 0.36, Align::Centre, font, ink, label);
        self.ops().push(Op::RestoreGraphicsState);
    }

    pub(crate) fn into_pages(self) -> Vec<PdfPage> {
        self.pages
            .into_iter()
            .map(|ops| PdfPage::new(Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM), ops))
            .collect()
    }
}

fn rectangle(x: f32, y: f32, width: f32, height: f32, mode: PaintMode) -> Rect {
    Rect {
        x: Pt(x),
        y: Pt(y),
        width: Pt(width),
        height: Pt(height),
        mode: Some(mode),
        winding_order: Some(WindingOrder::NonZero),
    }
}
