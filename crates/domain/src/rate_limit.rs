//! Per-tenant request-rate limits (seed 003, "Limiting subtenant request rate"): a tenant's
//! requests are served at most `per_second` a second; a request above the rate waits in the
//! tenant's queue while fewer than `queue` wait before it, and is refused beyond that.
//!
//! The rule is the generic cell rate algorithm written as a queue: the tenant's state is one
//! instant, `next_free`, when its next request may be served. A request at `now` is served at
//! the later of `next_free` and `now`, and moves `next_free` one interval on; a wait longer
//! than `queue` intervals means `queue` requests already wait, so it is refused. One instant
//! per tenant is all a store must keep, so several server processes share a limit exactly by
//! keeping it in one locked row.

/// Microseconds since the Unix epoch, the instants the rule counts in.
pub type Micros = i64;

/// The largest rate a tenant may be given, requests per second.
pub const MAX_REQUESTS_PER_SECOND: i64 = 100_000;
/// The longest queue a tenant may be given.
pub const MAX_QUEUE: i64 = 100_000;
/// The value that switches a limit off (seed 003's `-1`).
pub const OFF: i64 = -1;
/// The longest a request waits in the queue, whatever the queue's length: beyond it a
/// client or proxy would give up and retry into the queue again.
pub const MAX_WAIT: Micros = 30_000_000;

/// A limit in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests served per second, at least 1.
    pub per_second: u32,
    /// Requests that may wait for their turn; more are refused.
    pub queue: u32,
}

/// A tenant's two stored fields or the system's defaults: `None` is "not set" (the tenant
/// falls back to the system default), `Some(-1)` is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LimitSettings {
    pub requests: Option<i64>,
    pub queue: Option<i64>,
}

impl LimitSettings {
    /// The first field given, for an error naming it.
    pub fn given_field(self) -> Option<&'static str> {
        if self.requests.is_some() {
            Some("limit_http_requests")
        } else if self.queue.is_some() {
            Some("limit_http_queue")
        } else {
            None
        }
    }

    /// The limit in force for a tenant with these settings under the system's `default`:
    /// each field unset on the tenant takes the system's; a rate of `-1` (or none at either
    /// level) means unlimited; a queue of `-1` or none means no request waits.
    pub fn effective(self, default: LimitSettings) -> Option<RateLimit> {
        let requests = self.requests.or(default.requests)?;
        let queue = self.queue.or(default.queue).unwrap_or(0);
        let per_second = u32::try_from(requests).ok().filter(|r| *r > 0)?;
        Some(RateLimit {
            per_second,
            queue: u32::try_from(queue).unwrap_or(0),
        })
    }
}

/// Whose limit a caller's requests count against: the tenant of the signed-in user or
/// service token (a support user's own tenant, not the one it acts in), with its settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitedTenant {
    pub tenant: crate::TenantId,
    pub settings: LimitSettings,
    /// The management tenant: the system default limits subtenants (seed 003), never the
    /// operator's own tenant, which only its own fields could limit.
    pub management: bool,
}

impl LimitedTenant {
    /// The limit in force for this tenant's callers under the system's `default`.
    pub fn limit(self, default: LimitSettings) -> Option<RateLimit> {
        if self.management {
            self.settings.effective(LimitSettings::default())
        } else {
            self.settings.effective(default)
        }
    }
}

/// Why a limit value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    #[error("must be -1 (off) or from 1 to 100000 requests per second")]
    Requests,
    #[error("must be -1 (off) or from 0 to 100000 waiting requests")]
    Queue,
}

impl LimitError {
    /// The field error's `code`.
    pub fn code(&self) -> &'static str {
        "out_of_range"
    }
}

/// A `limit_http_requests` value as sent.
pub fn parse_requests(value: i64) -> Result<i64, LimitError> {
    if value == OFF || (1..=MAX_REQUESTS_PER_SECOND).contains(&value) {
        Ok(value)
    } else {
        Err(LimitError::Requests)
    }
}

/// A `limit_http_queue` value as sent.
pub fn parse_queue(value: i64) -> Result<i64, LimitError> {
    if value == OFF || (0..=MAX_QUEUE).contains(&value) {
        Ok(value)
    } else {
        Err(LimitError::Queue)
    }
}

/// What becomes of one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Served after waiting `wait` microseconds (0: at once); the store keeps `next_free`.
    Served {
        wait: Micros,
        next_free: Micros,
        state: LimitState,
    },
    /// Refused; a request may be queued again after `retry_after` microseconds. The store
    /// keeps `next_free`: what it had, or that cut to the limit in force.
    Refused {
        retry_after: Micros,
        next_free: Micros,
        state: LimitState,
    },
}

/// What the `RateLimit` header reports after a decision: how many more requests would be
/// served (at once or after waiting) if sent now, and when the queue will have drained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitState {
    pub remaining: u32,
    /// Microseconds until the tenant's backlog is gone.
    pub reset: Micros,
}

impl RateLimit {
    /// Microseconds between two served requests (at least 1).
    pub fn interval(self) -> Micros {
        (1_000_000 / Micros::from(self.per_second)).max(1)
    }

    /// The longest a served request waits: its queue's places, at most [`MAX_WAIT`].
    pub fn longest_wait(self) -> Micros {
        (Micros::from(self.queue) * self.interval()).min(MAX_WAIT)
    }

    /// The header's view while refusing until `until`: no place left, and the backlog gone
    /// a full queue after that.
    pub fn refused_state(self, until: Micros, now: Micros) -> LimitState {
        LimitState {
            remaining: 0,
            reset: (until - now).max(0) + self.longest_wait(),
        }
    }

    /// Decides a request arriving at `now` given the tenant's `next_free` (none before its
    /// first request).
    pub fn admit(self, next_free: Option<Micros>, now: Micros) -> Admission {
        let interval = self.interval();
        let longest_wait = self.longest_wait();
        // Under a steady limit `next_free` never lies beyond a full queue; a backlog built
        // under an earlier, slower limit (or a clock stepped back) is cut to that, so
        // neither keeps refusing longer than the limit in force allows.
        let start = next_free
            .unwrap_or(now)
            .clamp(now, now + longest_wait + interval);
        let wait = start - now;
        if wait > longest_wait {
            return Admission::Refused {
                retry_after: wait - longest_wait,
                next_free: start,
                state: self.state(start - now),
            };
        }
        let next_free = start + interval;
        Admission::Served {
            wait,
            next_free,
            state: self.state(next_free - now),
        }
    }

    /// The header's view of a backlog of `backlog` microseconds: each whole or partial
    /// interval of it is one of the `queue + 1` places taken.
    fn state(self, backlog: Micros) -> LimitState {
        let interval = self.interval();
        let taken = (backlog.max(0) + interval - 1) / interval;
        let places = Micros::from(self.queue) + 1;
        LimitState {
            remaining: u32::try_from((places - taken).max(0)).unwrap_or(0),
            reset: backlog.max(0),
        }
    }
}

#[cfg(test)]
mod tests;
