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

impl<T> Page<T> {
    /// The page `page` of a list whose matches were all counted (`total_exact: true`).
    pub fn exact(items: Vec<T>, total: i64, page: crate::listing::PageRequest) -> Self {
        Self {
            items,
            total,
            total_exact: true,
            page: page.page,
            per_page: page.per_page,
        }
    }
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
    /// For `quota_exceeded`: the quota, its limit and usage, and the amount refused.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub quota: Option<Box<super::QuotaRefusal>>,
    /// For `licence_cap_exceeded` and `parent_quota_exceeded`: the quota, the bound, what is
    /// handed out and what is left.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cap: Option<Box<super::CapRefusal>>,
}

impl Problem {
    /// The problem's code as the shared enum, so clients match on variants rather than
    /// strings; `None` for a code this build does not know (a newer server).
    pub fn error_code(&self) -> Option<crate::ErrorCode> {
        crate::ErrorCode::parse(&self.code)
    }
}

/// Free text of at most `max` characters and no control characters, as sent; stored trimmed,
/// and blank is absent. The rules read the input as sent so that the OpenAPI document can
/// state them exactly (`patterns::TEXT` with `maxLength`).
pub fn optional_text(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<&str>,
    max: usize,
) -> Option<String> {
    let value = value?;
    if value.chars().count() > max {
        errors.push(
            field,
            "too_long",
            format!("must be at most {max} characters long"),
        );
        return None;
    }
    if value.chars().any(char::is_control) {
        errors.push(
            field,
            "control_character",
            "must not contain control characters",
        );
        return None;
    }
    Some(value.trim())
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// A short label (a plan's, feature's or token's name, a quota's unit) as the document's
/// `NAME` pattern and bounds state it: 1 to `max` characters as sent, not blank, no control
/// character. Errors go under `field` (`code` when the length is wrong); the label is kept
/// trimmed.
pub fn check_label(
    errors: &mut FieldErrors,
    field: &str,
    code: &str,
    value: &str,
    max: usize,
) -> String {
    if value.chars().count() > max || value.trim().is_empty() {
        errors.push(field, code, format!("must be 1 to {max} characters"));
    } else if value.chars().any(char::is_control) {
        errors.push(
            field,
            "control_character",
            "must not contain control characters",
        );
    }
    value.trim().to_owned()
}

/// Distinguishes an absent field (`None`) from an explicit `null` (`Some(None)`) in PATCH bodies.
pub fn double_option<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Integers in request bodies. The OpenAPI document declares ids as JSON Schema `integer`,
/// which counts a number written with a zero fraction (`71.0`, as some JSON encoders write
/// every number) as that integer; serde's `i64` would refuse it. Use with
/// `#[serde(deserialize_with = "integer::required")]` or `"integer::optional"`.
pub mod integer {
    use serde::de::{self, Deserialize, Deserializer, Unexpected, Visitor};
    use std::fmt;

    /// Beyond 2^53 an `f64` no longer holds every integer, so `9007199254740993.0` may not
    /// mean what was written: such numbers are refused rather than rounded.
    const EXACT_IN_F64: f64 = 9_007_199_254_740_992.0;

    struct Integer(i64);

    impl<'de> Deserialize<'de> for Integer {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(IntegerVisitor).map(Integer)
        }
    }

    struct IntegerVisitor;

    impl Visitor<'_> for IntegerVisitor {
        type Value = i64;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("i64")
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
            Ok(v)
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
            i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
            if v.fract() == 0.0 && v.abs() <= EXACT_IN_F64 {
                Ok(v as i64)
            } else {
                Err(E::invalid_type(Unexpected::Float(v), &self))
            }
        }
    }

    pub fn required<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
        Integer::deserialize(deserializer).map(|i| i.0)
    }

    pub fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
        Option::<Integer>::deserialize(deserializer).map(|o| o.map(|i| i.0))
    }

    /// An optional field that may be sent as `null` to clear it: absent is `None`, `null`
    /// is `Some(None)` (with `#[serde(default)]`).
    pub fn nullable<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<i64>>, D::Error> {
        optional(deserializer).map(Some)
    }

    /// A map of integers by name (a plan's quota limits), each read as [`required`] reads one.
    pub fn map<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<std::collections::BTreeMap<String, i64>, D::Error> {
        let read = std::collections::BTreeMap::<String, Integer>::deserialize(deserializer)?;
        Ok(read.into_iter().map(|(k, v)| (k, v.0)).collect())
    }

    /// A list of integers (a quota's thresholds), each read as [`required`] reads one, for
    /// an optional field: absent is `None`, `null` is refused.
    pub fn given_list<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<i64>>, D::Error> {
        let read = Vec::<Integer>::deserialize(deserializer)?;
        Ok(Some(read.into_iter().map(|i| i.0).collect()))
    }

    /// Like [`given_list`], where `null` is absent.
    pub fn optional_list<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<i64>>, D::Error> {
        let read = Option::<Vec<Integer>>::deserialize(deserializer)?;
        Ok(read.map(|l| l.into_iter().map(|i| i.0).collect()))
    }

    /// Like [`map`], for an optional field (`null` is absent).
    pub fn optional_map<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<std::collections::BTreeMap<String, i64>>, D::Error> {
        let read =
            Option::<std::collections::BTreeMap<String, Integer>>::deserialize(deserializer)?;
        Ok(read.map(|m| m.into_iter().map(|(k, v)| (k, v.0)).collect()))
    }

    fn narrow<T: TryFrom<i64>, E: de::Error>(value: i64) -> Result<T, E> {
        T::try_from(value)
            .map_err(|_| E::invalid_value(Unexpected::Signed(value), &"a smaller number"))
    }

    /// Like [`required`], for a field of a narrower integer type (`u32`, `i32`).
    pub fn narrow_required<'de, T: TryFrom<i64>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        narrow(required(deserializer)?)
    }

    /// Like [`optional`], for a field of a narrower integer type.
    pub fn narrow_optional<'de, T: TryFrom<i64>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        optional(deserializer)?.map(narrow).transpose()
    }

    /// An optional narrower integer that may also be `null` (`Some(None)`), for PATCH bodies.
    pub fn narrow_nullable<'de, T: TryFrom<i64>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        narrow_optional(deserializer).map(Some)
    }

    #[cfg(test)]
    mod tests {
        #[derive(Debug, serde::Deserialize)]
        struct Body {
            #[serde(deserialize_with = "super::required")]
            id: i64,
            #[serde(default, deserialize_with = "super::optional")]
            parent: Option<i64>,
        }

        fn id(json: &str) -> Result<i64, String> {
            serde_json::from_str::<Body>(json)
                .map(|b| b.id)
                .map_err(|e| e.to_string())
        }

        #[test]
        fn integral_numbers_are_integers_however_written() {
            assert_eq!(id(r#"{"id": 71}"#), Ok(71));
            assert_eq!(id(r#"{"id": 71.0}"#), Ok(71));
            assert_eq!(id(r#"{"id": -4e3}"#), Ok(-4000));
            assert!(
                id(r#"{"id": 1.5}"#)
                    .unwrap_err()
                    .starts_with("invalid type")
            );
            assert!(
                id(r#"{"id": "7"}"#)
                    .unwrap_err()
                    .starts_with("invalid type")
            );
            assert!(id(r#"{"id": 1e300}"#).is_err());
            assert!(id(r#"{"id": 9223372036854775808}"#).is_err());
            let body: Body = serde_json::from_str(r#"{"id": 1, "parent": 2.0}"#).unwrap();
            assert_eq!(body.parent, Some(2));
            let body: Body = serde_json::from_str(r#"{"id": 1, "parent": null}"#).unwrap();
            assert_eq!(body.parent, None);
        }
    }
}
