//! Latest-wins loading for lists that refetch while the user types.

use crate::api::{ApiError, ApiResult};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use web_sys::{AbortController, AbortSignal};

/// What a [`latest`] loader currently knows.
pub struct Latest<T: Send + Sync + 'static> {
    /// The answer to the newest finished request; `None` until the first one finishes.
    pub data: RwSignal<Option<ApiResult<T>>>,
    /// Whether a request is in flight.
    pub loading: RwSignal<bool>,
}

impl<T: Send + Sync + 'static> Clone for Latest<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Latest<T> {}

/// Fetches whenever `key` changes. A new request aborts the one in flight, and an answer
/// that arrives after a newer request was started is dropped, so results never show up out
/// of order. Earlier results stay visible while the next one loads.
pub fn latest<K, T, F, Fut>(key: Memo<K>, fetch: F) -> Latest<T>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: Send + Sync + 'static,
    F: Fn(K, Option<AbortSignal>) -> Fut + 'static,
    Fut: Future<Output = ApiResult<T>> + 'static,
{
    let data = RwSignal::new(None);
    let loading = RwSignal::new(true);
    let generation = StoredValue::new(0_u64);
    let in_flight: StoredValue<Option<AbortController>, LocalStorage> =
        StoredValue::new_local(None);

    Effect::new(move |_| {
        let key = key.get();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        if let Some(previous) = in_flight.get_value() {
            previous.abort();
        }
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        in_flight.set_value(controller);
        loading.set(true);
        let request = fetch(key, signal);
        spawn_local(async move {
            let result = request.await;
            // A newer request has started since: its answer is the one to show.
            if generation.try_get_value() != Some(mine) || matches!(result, Err(ApiError::Aborted))
            {
                return;
            }
            data.set(Some(result));
            loading.set(false);
        });
    });

    Latest { data, loading }
}
