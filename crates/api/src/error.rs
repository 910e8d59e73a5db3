//! The one place where every failure becomes an RFC 9457 problem+json response.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use landlord_domain::ErrorCode;
use landlord_domain::wire::{CapRefusal, FieldError, FieldErrors, Problem, QuotaRefusal};
use landlord_operations::OpError;
use landlord_persistence::StoreError;

pub const PROBLEM_JSON: &str = "application/problem+json";

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body was not JSON at all.
    #[error("{0}")]
    MalformedBody(String),
    /// The request was well-formed but fields are wrong; every one is listed.
    #[error("the request has invalid fields")]
    Validation(Vec<FieldError>),
    /// Well-formed but refused for a reason with its own code.
    #[error("{detail}")]
    Unprocessable {
        code: ErrorCode,
        detail: String,
        errors: Vec<FieldError>,
    },
    #[error("{detail}")]
    Unauthorized { code: ErrorCode, detail: String },
    #[error("{detail}")]
    Forbidden {
        code: ErrorCode,
        detail: String,
        errors: Vec<FieldError>,
    },
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The path exists, but not with this method; holds the `Allow` header's value.
    #[error("this resource answers only {0}")]
    MethodNotAllowed(String),
    #[error("{detail}")]
    Conflict {
        code: ErrorCode,
        detail: String,
        errors: Vec<FieldError>,
    },
    /// A hard quota refused a consumption (409 `quota_exceeded`).
    #[error("quota {} is exhausted: {} of {} used, {} more refused", .0.quota, .0.used, .0.limit, .0.requested)]
    QuotaExceeded(QuotaRefusal),
    /// A licence or parent's cap refused a change of limits (409 `licence_cap_exceeded`,
    /// `parent_quota_exceeded`).
    #[error("{detail}")]
    CapExceeded {
        code: ErrorCode,
        detail: String,
        refusal: CapRefusal,
    },
    /// Too many attempts: answered with `Retry-After`.
    #[error("{detail}")]
    TooManyRequests {
        retry_after_secs: i64,
        detail: String,
    },
    /// Beyond the tenant's request rate and queue: answered with `Retry-After` and the
    /// rate-limit fields.
    #[error("the tenant's request rate limit is reached; retry after {retry_after_secs} s")]
    RateLimited {
        retry_after_secs: i64,
        report: crate::request_rate::RateLimitReport,
    },
    #[error("the request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    #[error("send the body as application/json")]
    UnsupportedMediaType,
    #[error("{0}")]
    NotAcceptable(&'static str),
    #[error("the database is unavailable")]
    Unavailable(String),
    /// Details go to the log, never to the client.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    pub fn field(field: &str, code: &str, message: impl ToString) -> Self {
        Self::Validation(vec![FieldError::new(field, code, message)])
    }

    pub fn forbidden(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self::Forbidden {
            code,
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Self::Unauthorized {
            code: ErrorCode::Unauthorized,
            detail: detail.into(),
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::MalformedBody(_) => ErrorCode::MalformedBody,
            Self::Validation(_) => ErrorCode::ValidationFailed,
            Self::Unauthorized { code, .. }
            | Self::Unprocessable { code, .. }
            | Self::Forbidden { code, .. }
            | Self::Conflict { code, .. }
            | Self::CapExceeded { code, .. } => *code,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::QuotaExceeded(_) => ErrorCode::QuotaExceeded,
            Self::MethodNotAllowed(_) => ErrorCode::MethodNotAllowed,
            Self::TooManyRequests { .. } => ErrorCode::TooManyAttempts,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::PayloadTooLarge(_) => ErrorCode::PayloadTooLarge,
            Self::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            Self::NotAcceptable(_) => ErrorCode::NotAcceptable,
            Self::Unavailable(_) => ErrorCode::Unavailable,
            Self::Internal(_) => ErrorCode::InternalError,
        }
    }

    fn title(&self) -> &'static str {
        match self {
            Self::MalformedBody(_) => "Malformed request body",
            Self::Validation(_) => "Validation failed",
            Self::Unauthorized { .. } => "Authentication required",
            Self::Unprocessable { .. } => "Unprocessable request",
            Self::Forbidden { .. } => "Forbidden",
            Self::NotFound(_) => "Not found",
            Self::MethodNotAllowed(_) => "Method not allowed",
            Self::Conflict { .. } => "Conflict",
            Self::QuotaExceeded(_) => "Quota exceeded",
            Self::CapExceeded { .. } => "Cap exceeded",
            Self::TooManyRequests { .. } | Self::RateLimited { .. } => "Too many requests",
            Self::PayloadTooLarge(_) => "Payload too large",
            Self::UnsupportedMediaType => "Unsupported media type",
            Self::NotAcceptable(_) => "Not acceptable",
            Self::Unavailable(_) => "Service unavailable",
            Self::Internal(_) => "Internal server error",
        }
    }

    pub fn to_problem(&self) -> Problem {
        let errors = match self {
            Self::Validation(errors)
            | Self::Unprocessable { errors, .. }
            | Self::Forbidden { errors, .. }
            | Self::Conflict { errors, .. } => errors.clone(),
            _ => Vec::new(),
        };
        let detail = match self {
            Self::Validation(errors) if errors.len() == 1 && errors[0].field.is_empty() => {
                errors[0].message.clone()
            }
            Self::Validation(errors) if errors.len() == 1 => {
                format!("{}: {}", errors[0].field, errors[0].message)
            }
            Self::Validation(errors) => {
                format!(
                    "{} fields are invalid: {}",
                    errors.len(),
                    errors
                        .iter()
                        .map(|e| e.field.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
            other => other.to_string(),
        };
        Problem {
            problem_type: format!("urn:landlord:problem:{}", self.code().as_str()),
            title: self.title().to_owned(),
            status: self.status_code().as_u16(),
            detail,
            code: self.code().as_str().to_owned(),
            instance: None,
            request_id: None,
            errors,
            quota: match self {
                Self::QuotaExceeded(refusal) => Some(Box::new(refusal.clone())),
                _ => None,
            },
            cap: match self {
                Self::CapExceeded { refusal, .. } => Some(Box::new(refusal.clone())),
                _ => None,
            },
        }
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        Self::Validation(errors.0)
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => Self::NotFound("resource"),
            StoreError::Conflict(constraint) => Self::Conflict {
                code: ErrorCode::Conflict,
                detail: format!("conflicts with an existing record ({constraint})"),
                errors: Vec::new(),
            },
            StoreError::Unavailable(msg) => Self::Unavailable(msg),
            other => Self::Internal(other.to_string()),
        }
    }
}

/// The one mapping from what an operation answers to what HTTP says.
impl From<OpError> for ApiError {
    fn from(err: OpError) -> Self {
        match err {
            OpError::Validation(errors) => Self::Validation(errors),
            OpError::Unprocessable {
                code,
                detail,
                errors,
            } => Self::Unprocessable {
                code,
                detail,
                errors,
            },
            OpError::Unauthorized { code, detail } => Self::Unauthorized { code, detail },
            OpError::Forbidden {
                code,
                detail,
                errors,
            } => Self::Forbidden {
                code,
                detail,
                errors,
            },
            OpError::NotFound(what) => Self::NotFound(what),
            OpError::Conflict {
                code,
                detail,
                errors,
            } => Self::Conflict {
                code,
                detail,
                errors,
            },
            OpError::TooManyAttempts {
                retry_after_secs,
                detail,
            } => Self::TooManyRequests {
                retry_after_secs,
                detail,
            },
            OpError::QuotaExceeded(refusal) => Self::QuotaExceeded(refusal),
            OpError::CapExceeded {
                code,
                detail,
                refusal,
            } => Self::CapExceeded {
                code,
                detail,
                refusal,
            },
            OpError::Store(err) => err.into(),
            OpError::Internal(msg) => Self::Internal(msg),
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(err: diesel::result::Error) -> Self {
        StoreError::from(err).into()
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        Self::Internal(err.to_string())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::MalformedBody(_) => StatusCode::BAD_REQUEST,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Self::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Forbidden { .. } => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict { .. } | Self::QuotaExceeded(_) | Self::CapExceeded { .. } => {
                StatusCode::CONFLICT
            }
            Self::TooManyRequests { .. } | Self::RateLimited { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::NotAcceptable(_) => StatusCode::NOT_ACCEPTABLE,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            Self::Internal(msg) | Self::Unavailable(msg) => {
                tracing::error!(error = %msg, "request failed")
            }
            _ => {}
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON)));
        if matches!(self, Self::Unauthorized { .. }) {
            response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
        }
        if let Self::TooManyRequests {
            retry_after_secs, ..
        } = self
        {
            response.insert_header((header::RETRY_AFTER, retry_after_secs.max(&1).to_string()));
        }
        if let Self::RateLimited {
            retry_after_secs,
            report,
        } = self
        {
            response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            let mut fields = header::HeaderMap::new();
            report.write_headers(&mut fields);
            for (name, value) in fields {
                response.insert_header((name, value));
            }
        }
        if let Self::MethodNotAllowed(allow) = self
            && let Ok(value) = HeaderValue::from_str(allow)
        {
            response.insert_header((header::ALLOW, value));
        }
        response.body(serde_json::to_string(&self.to_problem()).unwrap_or_default())
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
