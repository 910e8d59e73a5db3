use crate::format;
use leptos::prelude::*;

/// "Page x of y" with Previous/Next buttons. `testid` prefixes the test ids:
/// `<testid>`, `<testid>-info`, `<testid>-total`, `<testid>-prev`, `<testid>-next`.
#[component]
pub fn Pagination(
    page: u32,
    per_page: u32,
    total: i64,
    /// `false` when more than `total` match (a search counts up to a cap): the total reads
    /// "1,000+" and Next stays available.
    #[prop(default = true)]
    total_exact: bool,
    /// What is counted, singular and plural, e.g. ("customer", "customers").
    noun: (&'static str, &'static str),
    testid: &'static str,
    #[prop(into)] on_page: Callback<u32>,
) -> impl IntoView {
    let per_page = i64::from(per_page.max(1));
    let pages = u32::try_from(((total + per_page - 1) / per_page).max(1)).unwrap_or(u32::MAX);
    let page = page.max(1);
    view! {
        <nav class="pagination" aria-label="Pagination" data-testid=testid data-page=page data-pages=pages>
            <span class="pagination-total" data-testid=format!("{testid}-total")>{if total_exact {
                format::count(total, noun.0, noun.1)
            } else {
                format!("{}+ {}", format::number(total), noun.1)
            }}</span>
            <div class="pagination-controls">
                <button
                    type="button"
                    class="button button-secondary button-small"
                    data-testid=format!("{testid}-prev")
                    disabled={page <= 1}
                    on:click=move |_| on_page.run(page.saturating_sub(1).max(1))
                >
                    "Previous"
                </button>
                <span class="pagination-info" data-testid=format!("{testid}-info") aria-live="polite">
                    {if total_exact {
                        format!("Page {page} of {pages}")
                    } else {
                        format!("Page {page} of {pages}+")
                    }}
                </span>
                <button
                    type="button"
                    class="button button-secondary button-small"
                    data-testid=format!("{testid}-next")
                    disabled={total_exact && page >= pages}
                    on:click=move |_| on_page.run(page + 1)
                >
                    "Next"
                </button>
            </div>
        </nav>
    }
}
