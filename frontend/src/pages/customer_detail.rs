//! `/customers/:id`: the detail panel beside the list.

use crate::components::detail_panel::DetailPanel;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CustomerDetailRoute() -> impl IntoView {
    let params = use_params_map();
    let id =
        Memo::new(move |_| params.with(|p| p.get_str("id").and_then(|id| id.parse::<i64>().ok())));
    // A new panel for each customer, so edits and dialogs never carry over.
    move || match id.get() {
        Some(id) => view! { <DetailPanel id /> }.into_any(),
        None => view! {
            <aside class="detail-panel" data-testid="detail-panel">
                <div class="alert alert-error" role="alert" data-testid="detail-error">
                    "There is no such customer."
                </div>
            </aside>
        }
        .into_any(),
    }
}
