//! Provisioning: the steps a new tenant goes through before it is active. Built-in steps
//! run inside the create transaction; the operator's external steps are HTTP calls signed
//! like webhooks, run by the server's runner in position order, retried with backoff.
//! Pure rules here: names, statuses, the retry schedule and the pipeline's overall status.

use chrono::Duration;
use serde::{Deserialize, Serialize};

string_enum!(/// Where one step of a tenant's pipeline stands.
    StepStatus {
        /// Not run yet, or waiting for its next attempt.
        Pending => "pending",
        /// Claimed by a server process, which is calling it.
        Running => "running",
        Succeeded => "succeeded",
        /// Failed for good (every attempt spent); the tenant is `inactive`.
        Failed => "failed",
        /// Nothing to do, or passed over by "mark as active".
        Skipped => "skipped",
    }
);

string_enum!(/// Who runs a step: Landlord itself, or the operator's endpoint.
    StepKind { Builtin => "builtin", External => "external" }
);

string_enum!(/// A tenant's pipeline as a whole.
    PipelineStatus {
        /// Steps remain to run.
        Running => "running",
        /// Every step succeeded or was skipped.
        Succeeded => "succeeded",
        /// A step failed for good.
        Failed => "failed",
    }
);

impl StepStatus {
    /// Whether nothing more will happen to the step.
    pub fn is_done(self) -> bool {
        matches!(self, Self::Succeeded | Self::Skipped)
    }
}

/// The pipeline's status from its steps' (no steps: nothing to do, so succeeded).
pub fn pipeline_status(steps: impl IntoIterator<Item = StepStatus>) -> PipelineStatus {
    let mut running = false;
    for step in steps {
        match step {
            StepStatus::Failed => return PipelineStatus::Failed,
            StepStatus::Pending | StepStatus::Running => running = true,
            StepStatus::Succeeded | StepStatus::Skipped => {}
        }
    }
    if running {
        PipelineStatus::Running
    } else {
        PipelineStatus::Succeeded
    }
}

/// The built-in steps, in the order they run (inside the create transaction).
pub const CREATE_ADMIN: &str = "create_admin";
pub const APPLY_POLICY: &str = "apply_policy";
pub const SUBSCRIBE_APPLICATIONS: &str = "subscribe_applications";
pub const START_SUBSCRIPTION: &str = "start_subscription";
pub const BUILTIN_STEPS: [&str; 4] = [
    CREATE_ADMIN,
    APPLY_POLICY,
    SUBSCRIBE_APPLICATIONS,
    START_SUBSCRIPTION,
];

/// How long an external step may take, in seconds, unless the operator says otherwise.
pub const DEFAULT_TIMEOUT_S: i32 = 30;
pub const MAX_TIMEOUT_S: i32 = 300;
/// How many attempts an external step gets, unless the operator says otherwise.
pub const DEFAULT_MAX_ATTEMPTS: i32 = 5;
pub const MAX_MAX_ATTEMPTS: i32 = 20;

/// The wait before attempt `attempts + 1` after `attempts` failed ones: 5 s, doubling each
/// time, at most 10 minutes. Deterministic, so the schedule can be read off the API.
pub fn retry_delay(attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 16)).unwrap_or(0);
    Duration::seconds((5_i64 << doublings).min(600))
}

/// A step's name: 1 to 64 lowercase letters, digits, `_` or `-`, starting with a letter,
/// and not one of the built-in steps'.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepName(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StepNameError {
    #[error("must be 1 to 64 characters")]
    Length,
    #[error(
        "must start with a lowercase letter and hold only lowercase letters, digits, `_` and `-`"
    )]
    Character,
    #[error("is the name of a built-in step")]
    Builtin,
}

impl StepNameError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Length => "length",
            Self::Character => "invalid_character",
            Self::Builtin => "reserved",
        }
    }
}

impl StepName {
    pub fn parse(name: &str) -> Result<Self, StepNameError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 64 {
            return Err(StepNameError::Length);
        }
        let mut chars = name.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let rest_ok =
            chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !first_ok || !rest_ok {
            return Err(StepNameError::Character);
        }
        if BUILTIN_STEPS.contains(&name) {
            return Err(StepNameError::Builtin);
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pipeline_fails_on_any_failed_step_and_succeeds_when_all_are_done() {
        use StepStatus as S;
        assert_eq!(pipeline_status([]), PipelineStatus::Succeeded);
        assert_eq!(
            pipeline_status([S::Succeeded, S::Skipped]),
            PipelineStatus::Succeeded
        );
        assert_eq!(
            pipeline_status([S::Succeeded, S::Pending]),
            PipelineStatus::Running
        );
        assert_eq!(
            pipeline_status([S::Running, S::Failed, S::Pending]),
            PipelineStatus::Failed
        );
    }

    #[test]
    fn retries_wait_five_seconds_doubling_up_to_ten_minutes() {
        let secs: Vec<i64> = (1..=9).map(|n| retry_delay(n).num_seconds()).collect();
        assert_eq!(secs, [5, 10, 20, 40, 80, 160, 320, 600, 600]);
        assert_eq!(retry_delay(0).num_seconds(), 5);
        assert_eq!(retry_delay(i32::MAX).num_seconds(), 600);
    }

    #[test]
    fn step_names_are_slugs_other_than_the_built_in_ones() {
        assert!(StepName::parse("create-database").is_ok());
        assert!(StepName::parse("seed_data2").is_ok());
        assert_eq!(StepName::parse(""), Err(StepNameError::Length));
        assert_eq!(StepName::parse("Seed"), Err(StepNameError::Character));
        assert_eq!(StepName::parse("1st"), Err(StepNameError::Character));
        assert_eq!(StepName::parse(&"a".repeat(65)), Err(StepNameError::Length));
        assert_eq!(StepName::parse("create_admin"), Err(StepNameError::Builtin));
    }
}
