//! Query strings: parsed with the offending parameter named, then checked with `validator`.

use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use landlord_domain::wire::FieldError;
use serde::de::DeserializeOwned;
use std::future::{Ready, ready};
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

pub fn parse<T: DeserializeOwned + Validate>(query: &str) -> Result<T, ApiError> {
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    let value: T = serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let message = err.inner().to_string();
        let field = match message.find('`') {
            Some(start)
                if message.starts_with("unknown field") || message.starts_with("missing field") =>
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
