//! Spreadsheet-safe CSV cells (OWASP's CSV-injection rule): a cell that a spreadsheet would
//! read as a formula gets a leading apostrophe; every other cell is written unchanged.

use std::borrow::Cow;

/// Characters that make spreadsheets evaluate a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(TRIGGERS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("\rx"), "'\rx");
        assert_eq!(neutralise("Acme = best"), "Acme = best");
        assert_eq!(neutralise(""), "");
    }

    proptest! {
        #[test]
        fn other_cells_are_untouched_and_defused_ones_keep_their_text(cell in "\\PC{0,40}") {
            let out = neutralise(&cell);
            if cell.starts_with(TRIGGERS) {
                prop_assert_eq!(out.strip_prefix('\'').unwrap(), cell.as_str());
            } else {
                prop_assert_eq!(out.as_ref(), cell.as_str());
            }
        }
    }
}
