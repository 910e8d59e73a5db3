//! What an operation can answer besides success. The API maps each to one HTTP status in
//! one place; the code is the stable [`ErrorCode`] the problem carries.

use landlord_domain::ErrorCode;
use landlord_domain::wire::{FieldError, FieldErrors};
use landlord_persistence::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum OpError {
    /// Fields are wrong; every one is listed.
    #[error("the request has invalid fields")]
    Validation(Vec<FieldError>),
    /// Well-formed but refused for a reason with its own code (422).
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
    /// The thing does not exist, or the caller may not know that it does.
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{detail}")]
    Conflict {
        code: ErrorCode,
        detail: String,
        errors: Vec<FieldError>,
    },
    /// A hard quota refused a consumption; nothing was taken.
    #[error("quota {} is exhausted", .0.quota)]
    QuotaExceeded(landlord_domain::wire::QuotaRefusal),
    /// A licence or parent's cap refused a change of limits (409); nothing changed.
    #[error("{detail}")]
    CapExceeded {
        code: ErrorCode,
        detail: String,
        refusal: landlord_domain::wire::CapRefusal,
    },
    /// Too many attempts; try again after this many seconds.
    #[error("{detail}")]
    TooManyAttempts {
        retry_after_secs: i64,
        detail: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A bug or a broken invariant; the detail goes to the log only.
    #[error("{0}")]
    Internal(String),
}

impl OpError {
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

    /// Forbidden because of one field's value.
    pub fn forbidden_field(code: ErrorCode, field: &str, detail: impl Into<String>) -> Self {
        let detail = detail.into();
        Self::Forbidden {
            code,
            errors: vec![FieldError::new(field, code.as_str(), &detail)],
            detail,
        }
    }

    pub fn conflict(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    /// A conflict caused by one field's value (a taken domain, username or number).
    pub fn conflict_field(
        code: ErrorCode,
        field: &str,
        detail: impl Into<String>,
        message: &str,
    ) -> Self {
        Self::Conflict {
            code,
            detail: detail.into(),
            errors: vec![FieldError::new(field, code.as_str(), message)],
        }
    }
}

impl From<FieldErrors> for OpError {
    fn from(errors: FieldErrors) -> Self {
        Self::Validation(errors.0)
    }
}

impl From<diesel::result::Error> for OpError {
    fn from(err: diesel::result::Error) -> Self {
        Self::Store(err.into())
    }
}

pub type OpResult<T> = Result<T, OpError>;
