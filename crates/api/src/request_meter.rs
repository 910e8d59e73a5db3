//! Counts signed-in API requests per caller's tenant in memory, for the built-in
//! `api_requests` meter; the server flushes the counts to the daily rollups every few
//! seconds and at shutdown (`landlord_operations::usage::requests`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Default)]
pub struct RequestMeter(Arc<Mutex<HashMap<i64, u64>>>);

impl RequestMeter {
    /// One more request by `tenant`'s caller.
    pub fn count(&self, tenant: i64) {
        let mut counts = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *counts.entry(tenant).or_default() += 1;
    }

    /// The counts since the last take, leaving zero behind.
    pub fn take(&self) -> HashMap<i64, u64> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|p| p.into_inner()))
    }
}
