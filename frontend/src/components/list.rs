//! What every list page shares: the table frame with its loading, error and empty states,
//! sortable headers from a column list, the status filter and the pagination.

use crate::api::{ApiError, ApiResult};
use crate::components::alert::ErrorAlert;
use crate::components::pagination::Pagination;
use crate::components::sort_header::SortHeader;
use crate::loader::Latest;
use crate::query::{KeySort, ListParams, ListQuery, use_list_query};
use landlord_domain::wire::Page;
use leptos::prelude::*;

/// One column of a list: its header, and the key it sorts by, if any.
pub struct Column {
    pub label: &'static str,
    pub sort: Option<&'static str>,
    pub class: &'static str,
}

impl Column {
    pub const fn plain(label: &'static str, class: &'static str) -> Self {
        Self {
            label,
            sort: None,
            class,
        }
    }

    pub const fn sorted(label: &'static str, key: &'static str, class: &'static str) -> Self {
        Self {
            label,
            sort: Some(key),
            class,
        }
    }
}

/// What the body of a list table shows while loading, after an error, when empty, or rows.
pub struct BodyParts<'a, T> {
    pub data: Option<&'a ApiResult<Page<T>>>,
    pub columns: usize,
    /// Names the states: `<testid>-loading`, `-error`, `-retry`.
    pub testid: &'static str,
    pub on_retry: Callback<()>,
}

impl<T> BodyParts<'_, T> {
    /// Skeleton rows until the first answer; then the error, the empty state or the rows.
    pub fn render(self, empty: impl FnOnce() -> AnyView, row: impl Fn(&T) -> AnyView) -> AnyView {
        let (columns, testid, on_retry) = (self.columns, self.testid, self.on_retry);
        match self.data {
            None => skeleton_rows(columns, testid),
            Some(Err(error)) => error_row(error.clone(), columns, testid, on_retry),
            Some(Ok(page)) if page.items.is_empty() => message_row(columns, empty()),
            Some(Ok(page)) => page.items.iter().map(row).collect::<Vec<_>>().into_any(),
        }
    }
}

fn skeleton_rows(columns: usize, testid: &'static str) -> AnyView {
    (0..6)
        .map(|_| {
            view! {
                <tr class="skeleton-row" data-testid=format!("{testid}-loading")>
                    <td colspan=columns>
                        <span class="skeleton"></span>
                    </td>
                </tr>
            }
        })
        .collect::<Vec<_>>()
        .into_any()
}

fn message_row(columns: usize, content: AnyView) -> AnyView {
    view! {
        <tr>
            <td colspan=columns class="table-message">
                {content}
            </td>
        </tr>
    }
    .into_any()
}

fn error_row(
    error: ApiError,
    columns: usize,
    testid: &'static str,
    on_retry: Callback<()>,
) -> AnyView {
    view! {
        <tr>
            <td colspan=columns class="table-message">
                <ErrorAlert error testid=format!("{testid}-error") />
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid=format!("{testid}-retry")
                    on:click=move |_| on_retry.run(())
                >
                    "Try again"
                </button>
            </td>
        </tr>
    }
    .into_any()
}

/// The empty state: "No orders match" with a way out of the filters, or "No orders yet".
pub fn empty_state(
    testid: &'static str,
    plural: &'static str,
    filtered: bool,
    on_clear: Callback<()>,
) -> AnyView {
    view! {
        <div class="empty-state" data-testid=format!("{testid}-empty")>
            <p class="empty-title">
                {if filtered { format!("No {plural} match") } else { format!("No {plural} yet") }}
            </p>
            {filtered
                .then(|| {
                    view! {
                        <p class="muted">"Try another status or remove the customer filter."</p>
                        <button
                            type="button"
                            class="button button-secondary"
                            data-testid="clear-filters"
                            on:click=move |_| on_clear.run(())
                        >
                            "Clear filters"
                        </button>
                    }
                })}
        </div>
    }
    .into_any()
}

/// The header row of a list in the URL-driven pages: sortable columns navigate.
#[component]
pub fn ListHead(columns: &'static [Column], spec: ListParams) -> impl IntoView {
    let (query, set_query) = use_list_query(spec);
    let current = Memo::new(move |_| query.with(|q| q.sort_or(spec)));
    columns
        .iter()
        .map(|column| match column.sort {
            None => view! { <th scope="col" class=column.class>{column.label}</th> }.into_any(),
            Some(key) => {
                let set_query = set_query.clone();
                let active = Signal::derive(move || {
                    current.get().filter(|s| s.key == key).map(|s| s.descending)
                });
                let on_sort = Callback::new(move |()| {
                    let mut next = query.get_untracked();
                    let descending = match current.get_untracked() {
                        Some(s) if s.key == key => !s.descending,
                        // Dates start newest first, everything else A to Z / smallest first.
                        _ => spec.default_sort.is_some_and(|d| d.key == key),
                    };
                    let sort = KeySort { key, descending };
                    next.sort = Some(sort).filter(|s| Some(*s) != spec.default_sort);
                    next.page = 1;
                    set_query(next);
                });
                view! { <SortHeader label=column.label key active on_sort class=column.class /> }
                    .into_any()
            }
        })
        .collect::<Vec<_>>()
}

/// A select filtering the list by one of `spec.statuses` (labelled by `labels`).
#[component]
pub fn StatusFilter(
    spec: ListParams,
    labels: &'static [&'static str],
    #[prop(into)] testid: String,
) -> impl IntoView {
    let (query, set_query) = use_list_query(spec);
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        let mut next = query.get_untracked();
        next.status = spec.statuses.iter().find(|s| **s == value).copied();
        next.page = 1;
        set_query(next);
    };
    let id = format!("{testid}-input");
    view! {
        <div class="field field-inline">
            <label for=id.clone()>"Status"</label>
            <select
                id=id
                data-testid=testid.clone()
                prop:value=move || query.with(|q| q.status.unwrap_or_default())
                on:change=on_change
            >
                <option value="">"All"</option>
                {spec
                    .statuses
                    .iter()
                    .zip(labels)
                    .map(|(value, label)| view! { <option value=*value>{*label}</option> })
                    .collect::<Vec<_>>()}
            </select>
        </div>
    }
}

/// Where a loaded list stands: page, rows per page and total, for its pagination.
pub fn page_info<T: Send + Sync + 'static>(
    list: Latest<Page<T>>,
) -> Signal<Option<(u32, u32, i64)>> {
    Signal::derive(move || {
        list.data.with(|d| {
            d.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|p| (p.page, p.per_page, p.total))
        })
    })
}

/// The pagination under a URL-driven list, once its first page has loaded.
#[component]
pub fn ListPagination(
    info: Signal<Option<(u32, u32, i64)>>,
    spec: ListParams,
    noun: (&'static str, &'static str),
    testid: &'static str,
) -> impl IntoView {
    let (query, set_query) = use_list_query(spec);
    let on_page = Callback::new(move |page| {
        set_query(ListQuery {
            page,
            ..query.get_untracked()
        })
    });
    move || {
        info.get()
            .filter(|(_, _, total)| *total > 0)
            .map(|(page, per_page, total)| {
                view! { <Pagination page per_page total noun testid on_page /> }
            })
    }
}
