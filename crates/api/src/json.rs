//! Request bodies: content type, size limit and JSON parsing that names the offending field.

use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use landlord_domain::wire::FieldError;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;

/// Bodies larger than this are refused with 413 before parsing.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The limit of a batch of usage events (1,000 events with their properties).
pub const MAX_BATCH_BODY_BYTES: usize = 4 * 1024 * 1024;

/// A JSON request body. Unlike actix's `Json`, failures are problem+json documents that name
/// the field: `400` for text that is not JSON, `422` for JSON of the wrong shape. Bodies
/// above `LIMIT` bytes are refused with 413.
pub struct JsonBody<T, const LIMIT: usize = MAX_BODY_BYTES>(pub T);

impl<T: DeserializeOwned + 'static, const LIMIT: usize> FromRequest for JsonBody<T, LIMIT> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|mime| {
                let mime = mime.trim().to_ascii_lowercase();
                mime == "application/json" || mime.ends_with("+json")
            })
            .unwrap_or(false);
        let declared_too_large = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok())
            .is_some_and(|len| len > LIMIT);
        let mut payload = payload.take();
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::UnsupportedMediaType);
            }
            if declared_too_large {
                return Err(ApiError::PayloadTooLarge(LIMIT));
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|e| {
                    ApiError::MalformedBody(format!("could not read the body: {e}"))
                })?;
                if body.len() + chunk.len() > LIMIT {
                    return Err(ApiError::PayloadTooLarge(LIMIT));
                }
                body.extend_from_slice(&chunk);
            }
            parse(&body).map(JsonBody)
        })
    }
}

/// Parses JSON, turning serde's error into a problem naming the field.
///
/// Every body of this API is a JSON object. serde would also fill a struct from an array
/// (`[null, null]` as the first two fields), which no client means: anything but an object
/// is refused as the wrong shape.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let first = body
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    if first != Some(&b'{') {
        serde_json::from_slice::<serde::de::IgnoredAny>(body).map_err(|e| malformed(&e))?;
        return Err(ApiError::field(
            "",
            "invalid_type",
            "the body must be a JSON object",
        ));
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                let message = strip_position(&inner.to_string());
                // serde reports unknown and missing fields against the enclosing object;
                // name the field itself.
                let (field, code) = match quoted_name(&message) {
                    Some(name) if message.starts_with("unknown field") => {
                        (join(&path, &name), "unknown_field")
                    }
                    Some(name) if message.starts_with("missing field") => {
                        (join(&path, &name), "required")
                    }
                    _ if message.starts_with("unknown variant") => (path.clone(), "invalid_value"),
                    _ if message.starts_with("invalid type") => (path.clone(), "invalid_type"),
                    _ => (path.clone(), "invalid_value"),
                };
                ApiError::Validation(vec![FieldError::new(
                    if field == "." { String::new() } else { field },
                    code,
                    message,
                )])
            }
            _ => malformed(&inner),
        }
    })?;
    de.end().map_err(|e| malformed(&e))?;
    Ok(value)
}

fn malformed(err: &serde_json::Error) -> ApiError {
    ApiError::MalformedBody(format!(
        "the body is not valid JSON: {}",
        strip_position(&err.to_string())
    ))
}

/// The field's full path. serde_path_to_error already ends the path with an unknown
/// field's name, but not with a missing one's.
fn join(path: &str, name: &str) -> String {
    if path.is_empty() || path == "." {
        name.to_owned()
    } else if path == name || path.ends_with(&format!(".{name}")) {
        path.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

fn quoted_name(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(message[start..end].to_owned())
}

fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use landlord_domain::wire::{CreateTenantRequest, UpdateTenantRequest};

    fn fields(err: ApiError) -> Vec<(String, String)> {
        match err {
            ApiError::Validation(errors) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn unknown_fields_are_named() {
        let err = parse::<UpdateTenantRequest>(br#"{"name":"x","colour":"red"}"#)
            .err()
            .unwrap();
        assert_eq!(
            fields(err),
            [("colour".to_owned(), "unknown_field".to_owned())]
        );
    }

    #[test]
    fn missing_fields_are_named() {
        let err = parse::<CreateTenantRequest>(br#"{"domain":"acme"}"#)
            .err()
            .unwrap();
        assert_eq!(fields(err)[0], ("name".to_owned(), "required".to_owned()));
    }

    #[test]
    fn bad_enum_values_name_their_field() {
        let err = parse::<UpdateTenantRequest>(br#"{"type":"alien"}"#)
            .err()
            .unwrap();
        assert_eq!(
            fields(err),
            [("type".to_owned(), "invalid_value".to_owned())]
        );
    }

    #[test]
    fn malformed_json_is_a_bad_request() {
        assert!(matches!(
            parse::<UpdateTenantRequest>(b"{not json"),
            Err(ApiError::MalformedBody(_))
        ));
        assert!(matches!(
            parse::<UpdateTenantRequest>(b"{} trailing"),
            Err(ApiError::MalformedBody(_))
        ));
        assert!(matches!(
            parse::<UpdateTenantRequest>(b"[nul"),
            Err(ApiError::MalformedBody(_))
        ));
    }

    #[test]
    fn bodies_other_than_objects_are_the_wrong_shape() {
        for body in [&b"[null, null]"[..], b" []", b"null", b"\"x\"", b"7"] {
            let err = parse::<UpdateTenantRequest>(body).err().unwrap();
            assert_eq!(
                fields(err),
                [(String::new(), "invalid_type".to_owned())],
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        assert!(parse::<UpdateTenantRequest>(b" \n{}").is_ok());
    }
}
