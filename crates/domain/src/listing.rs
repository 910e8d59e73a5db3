//! Pagination and sorting rules shared by every list endpoint.

/// A validated page request: `page` counts from 1 to [`PageRequest::MAX_PAGE`], `per_page` is
/// 1 to [`PageRequest::MAX_PER_PAGE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u32,
    pub per_page: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    #[error("must be between 1 and {max}")]
    PageOutOfRange { max: u32 },
    #[error("must be between 1 and {max}")]
    PerPageOutOfRange { max: u32 },
}

impl PageRequest {
    pub const DEFAULT_PER_PAGE: u32 = 50;
    pub const MAX_PER_PAGE: u32 = 200;
    /// The last page anyone may ask for. Far beyond any list a person pages through (200
    /// million rows at the largest page size), and it keeps `offset` well inside every
    /// integer type the backends use for `OFFSET`. The OpenAPI document declares it.
    pub const MAX_PAGE: u32 = 1_000_000;

    /// Returns the field name with the error so callers can report it.
    pub fn parse(
        page: Option<u32>,
        per_page: Option<u32>,
    ) -> Result<Self, (&'static str, PageError)> {
        let page = page.unwrap_or(1);
        let per_page = per_page.unwrap_or(Self::DEFAULT_PER_PAGE);
        if page == 0 || page > Self::MAX_PAGE {
            return Err((
                "page",
                PageError::PageOutOfRange {
                    max: Self::MAX_PAGE,
                },
            ));
        }
        if per_page == 0 || per_page > Self::MAX_PER_PAGE {
            return Err((
                "per_page",
                PageError::PerPageOutOfRange {
                    max: Self::MAX_PER_PAGE,
                },
            ));
        }
        Ok(Self { page, per_page })
    }

    pub fn offset(self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }

    pub fn limit(self) -> i64 {
        i64::from(self.per_page)
    }
}

/// A sort order parsed from `field` (ascending) or `-field` (descending).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort<F> {
    pub field: F,
    pub descending: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("must be one of {allowed}, optionally prefixed with '-' for descending order")]
pub struct SortError {
    pub allowed: String,
}

impl<F: Copy> Sort<F> {
    /// Parses `input` against the `(name, field)` pairs a list supports.
    pub fn parse(input: &str, fields: &[(&str, F)]) -> Result<Self, SortError> {
        let (descending, name) = match input.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, input),
        };
        fields
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, field)| Sort {
                field: *field,
                descending,
            })
            .ok_or_else(|| SortError {
                allowed: fields
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

/// Escapes `%`, `_` and the escape character itself so user input matches literally in a
/// `LIKE ... ESCAPE '\'` pattern.
pub fn escape_like(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_default_and_bound() {
        assert_eq!(
            PageRequest::parse(None, None),
            Ok(PageRequest {
                page: 1,
                per_page: 50
            })
        );
        assert_eq!(
            PageRequest::parse(Some(3), Some(20)).map(PageRequest::offset),
            Ok(40)
        );
        assert_eq!(PageRequest::parse(Some(0), None).unwrap_err().0, "page");
        assert_eq!(
            PageRequest::parse(Some(PageRequest::MAX_PAGE + 1), None).unwrap_err(),
            (
                "page",
                PageError::PageOutOfRange {
                    max: PageRequest::MAX_PAGE
                }
            )
        );
        assert_eq!(
            PageRequest::parse(Some(PageRequest::MAX_PAGE), Some(PageRequest::MAX_PER_PAGE))
                .map(PageRequest::offset),
            Ok(i64::from(PageRequest::MAX_PAGE - 1) * 200)
        );
        assert_eq!(
            PageRequest::parse(None, Some(201)).unwrap_err().0,
            "per_page"
        );
    }

    #[test]
    fn sort_accepts_known_fields_in_both_directions() {
        let fields = [("name", 1), ("created_at", 2)];
        assert_eq!(
            Sort::parse("name", &fields),
            Ok(Sort {
                field: 1,
                descending: false
            })
        );
        assert_eq!(
            Sort::parse("-created_at", &fields),
            Ok(Sort {
                field: 2,
                descending: true
            })
        );
        assert_eq!(
            Sort::parse("bogus", &fields).unwrap_err().allowed,
            "name, created_at"
        );
    }

    #[test]
    fn like_metacharacters_are_escaped() {
        assert_eq!(escape_like(r"50%_off\"), r"50\%\_off\\");
    }
}
