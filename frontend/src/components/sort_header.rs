//! A sortable column header: a button announcing the order through `aria-sort`.

use leptos::prelude::*;

/// A column header sorting by `key` (`data-testid="sort-<key>"`). `active` is the current
/// direction when the list is sorted by this column (`Some(descending)`), else `None`.
#[component]
pub fn SortHeader(
    label: &'static str,
    key: &'static str,
    #[prop(into)] active: Signal<Option<bool>>,
    on_sort: Callback<()>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let direction = move || match active.get() {
        None => "none",
        Some(true) => "descending",
        Some(false) => "ascending",
    };
    view! {
        <th scope="col" class=class aria-sort=direction>
            <button
                type="button"
                class="sort-button"
                data-testid=format!("sort-{key}")
                data-direction=direction
                on:click=move |_| on_sort.run(())
            >
                {label}
                <span class="sort-indicator" aria-hidden="true">
                    {move || match direction() {
                        "ascending" => "↑",
                        "descending" => "↓",
                        _ => "↕",
                    }}
                </span>
            </button>
        </th>
    }
}
