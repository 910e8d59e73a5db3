//! What orders and invoices share on the wire: their document numbers.

use super::common::FieldErrors;

/// A document number such as `ORD-1042`: 1 to 40 letters, digits, `-`, `_`, `/`, `.`, as
/// sent (`patterns::NUMBER`).
pub fn check_number(errors: &mut FieldErrors, number: Option<&str>) -> Option<String> {
    let number = number?;
    let ok = !number.is_empty()
        && number.len() <= 40
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_/.".contains(c));
    if ok {
        Some(number.to_owned())
    } else {
        errors.push(
            "number",
            "invalid_number",
            "must be 1 to 40 letters, digits, or - _ / .",
        );
        None
    }
}
