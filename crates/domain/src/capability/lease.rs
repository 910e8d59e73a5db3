//! Leases on concurrent quotas: how long one holds its amount.

/// A lease's time to live when the request names none, in seconds.
pub const DEFAULT_LEASE_TTL: i64 = 60;

/// The longest a lease may be acquired or renewed for, in seconds.
pub const MAX_LEASE_TTL: i64 = 3600;
