//! Query strings: parsed with the offending parameter named, then checked with `validator`.
//! Lists take their own parameters and the shared [`Paging`] through [`ListQuery`].

use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use landlord_domain::listing::PageRequest;
use landlord_domain::wire::FieldError;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::future::{Ready, ready};
use utoipa::IntoParams;
use validator::{Validate, ValidationErrors};

/// Query parameters of type `T`. Unknown parameters, bad enum values and out-of-range
/// numbers are `422` problems that name the parameter.
pub struct QueryParams<T>(pub T);

impl<T: DeserializeOwned + Validate> FromRequest for QueryParams<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(parse(req.query_string()).map(QueryParams))
    }
}

/// The paging parameters of every list, documented and bounded here once. A handler lists
/// it in its `params(...)` beside its own query type.
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// Page number, 1 to 1,000,000 (default 1).
    #[param(minimum = 1, maximum = 1_000_000)]
    #[validate(range(min = 1, max = PageRequest::MAX_PAGE))]
    pub page: Option<u32>,
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    #[validate(range(min = 1, max = PageRequest::MAX_PER_PAGE))]
    pub per_page: Option<u32>,
}

/// The parameters of a list that has no filters of its own: any other than the paging is
/// refused.
#[derive(Debug, Default, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct NoFilters {}

impl Paging {
    const NAMES: [&str; 2] = ["page", "per_page"];
}

/// A list's query string: its own parameters `T` (filters, sort) and the page asked for.
///
/// The two are parsed apart rather than `T` holding a `#[serde(flatten)]` `Paging`:
/// serde hands a flattened struct its values as text, and serde_urlencoded's numbers then
/// fail (`invalid type: string "2", expected u32`) without naming the parameter. Unknown
/// parameters are still refused by `T`, and every invalid one of either part is listed.
pub struct ListQuery<T> {
    pub params: T,
    pub page: PageRequest,
}

impl<T: DeserializeOwned + Validate> FromRequest for ListQuery<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(parse_list(req.query_string()))
    }
}

pub fn parse_list<T: DeserializeOwned + Validate>(query: &str) -> Result<ListQuery<T>, ApiError> {
    let (paging, rest): (Vec<_>, Vec<_>) = form_urlencoded::parse(query.as_bytes())
        .partition(|(name, _)| Paging::NAMES.contains(&name.as_ref()));
    let encode = |pairs: Vec<_>| {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    };
    let params = parse::<T>(&encode(rest));
    let paging = parse::<Paging>(&encode(paging)).and_then(|paging| {
        PageRequest::parse(paging.page, paging.per_page)
            .map_err(|(field, e)| ApiError::field(field, "out_of_range", e))
    });
    match (params, paging) {
        (Ok(params), Ok(page)) => Ok(ListQuery { params, page }),
        (Err(ApiError::Validation(mut errors)), Err(ApiError::Validation(more))) => {
            errors.extend(more);
            errors.sort_by(|a, b| a.field.cmp(&b.field));
            Err(ApiError::Validation(errors))
        }
        (Err(error), _) | (_, Err(error)) => Err(error),
    }
}

pub fn parse<T: DeserializeOwned + Validate>(query: &str) -> Result<T, ApiError> {
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    let value: T = serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let message = err.inner().to_string();
        let field = match message.find('`') {
            Some(start)
                if ["unknown field", "missing field", "duplicate field"]
                    .iter()
                    .any(|kind| message.starts_with(kind)) =>
            {
                message[start + 1..]
                    .split('`')
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            }
            _ => path,
        };
        ApiError::field(&field, "invalid_parameter", message)
    })?;
    value.validate().map_err(validation_problem)?;
    Ok(value)
}

/// Turns `validator`'s errors into field errors.
pub fn validation_problem(errors: ValidationErrors) -> ApiError {
    let mut fields: Vec<FieldError> = errors
        .field_errors()
        .into_iter()
        .flat_map(|(field, errs)| {
            errs.iter().map(move |e| {
                let message = e
                    .message
                    .as_ref()
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| describe(e));
                FieldError::new(field.to_string(), e.code.to_string(), message)
            })
        })
        .collect();
    fields.sort_by(|a, b| a.field.cmp(&b.field));
    ApiError::Validation(fields)
}

fn describe(e: &validator::ValidationError) -> String {
    let param = |k: &str| e.params.get(k).map(|v| v.to_string());
    match (e.code.as_ref(), param("min"), param("max")) {
        ("range", Some(min), Some(max)) => format!("must be between {min} and {max}"),
        ("range", Some(min), None) => format!("must be at least {min}"),
        ("range", None, Some(max)) => format!("must be at most {max}"),
        ("length", Some(min), Some(max)) => {
            format!("must be {min} to {max} characters long")
        }
        ("length", Some(min), None) => format!("must be at least {min} characters long"),
        ("length", None, Some(max)) => format!("must be at most {max} characters long"),
        (code, _, _) => format!("is invalid ({code})"),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[derive(Debug, Deserialize, Validate)]
    #[serde(deny_unknown_fields)]
    struct Filters {
        status: Option<String>,
        #[validate(range(max = 9))]
        limit: Option<u32>,
    }

    fn fields(query: &str) -> Vec<String> {
        match parse_list::<Filters>(query) {
            Err(ApiError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            Err(other) => panic!("{other:?}"),
            Ok(_) => Vec::new(),
        }
    }

    #[test]
    fn a_list_query_reads_its_own_parameters_and_the_page() {
        let q = parse_list::<Filters>("status=open&page=3&per_page=20&limit=4").unwrap();
        assert_eq!(q.params.status.as_deref(), Some("open"));
        assert_eq!(q.params.limit, Some(4));
        assert_eq!(
            q.page,
            PageRequest {
                page: 3,
                per_page: 20
            }
        );
        let q = parse_list::<Filters>("").unwrap();
        assert_eq!(q.page, PageRequest::parse(None, None).unwrap());
        assert_eq!(q.params.status, None);
    }

    #[test]
    fn a_list_query_names_every_bad_parameter() {
        assert_eq!(fields("page=0"), ["page"]);
        assert_eq!(fields("per_page=201"), ["per_page"]);
        assert_eq!(fields("page=two"), ["page"]);
        assert_eq!(fields("bogus=1"), ["bogus"]);
        assert_eq!(fields("limit=10&page=0"), ["limit", "page"]);
        assert_eq!(fields("page=1&page=2"), ["page"]);
    }
}
