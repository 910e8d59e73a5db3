use serde::{Deserialize, Deserializer, Serialize};

/// One page of a list, with the total number of matching items.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many items match the filters, across all pages.
    pub total: i64,
    /// `false` when more than `total` items match: a tenant search (`q`) counts its
    /// matches up to 1,000 and reports `total: 1000, total_exact: false` beyond that.
    #[serde(default = "exact")]
    pub total_exact: bool,
    pub page: u32,
    pub per_page: u32,
}

fn exact() -> bool {
    true
}

/// One offending field of a request.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's JSON name (or query parameter), e.g. `domain` or `contact.email`.
    pub field: String,
    /// A stable machine-readable code, e.g. `invalid_character`.
    pub code: String,
    /// What is wrong, for people.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: impl Into<String>, message: impl ToString) -> Self {
        Self {
            field: field.into(),
            code: code.into(),
            message: message.to_string(),
        }
    }
}

/// Collects every field error of a request before answering.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, field: &str, code: &str, message: impl ToString) {
        self.0.push(FieldError::new(field, code, message));
    }

    /// Runs `parse` on `value`, recording a failure under `field`, and returns the result.
    pub fn check<T, E: ToString>(
        &mut self,
        field: &str,
        code: impl Fn(&E) -> &'static str,
        result: Result<T, E>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(err) => {
                self.push(field, code(&err), err);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

/// An RFC 9457 problem details document, the body of every error response.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI naming the kind of problem: `urn:landlord:problem:<code>`.
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// The stable machine-readable code, e.g. `validation_failed`, `not_found`.
    pub code: String,
    /// The request path.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub instance: Option<String>,
    /// Quote this when reporting a problem; the server log carries the same id.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub request_id: Option<String>,
    /// Every offending field, for validation problems.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub errors: Vec<FieldError>,
}

impl Problem {
    /// The problem's code as the shared enum, so clients match on variants rather than
    /// strings; `None` for a code this build does not know (a newer server).
    pub fn error_code(&self) -> Option<crate::ErrorCode> {
        crate::ErrorCode::parse(&self.code)
    }
}

/// Distinguishes an absent field (`None`) from an explicit `null` (`Some(None)`) in PATCH bodies.
pub fn double_option<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}
