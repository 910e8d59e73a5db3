//! `/usage`: the usage statistics of every customer (seed 003's table): a date range, a
//! filter in the server's grammar (`api_requests>=1000,name~acme`), a sort on any column,
//! pages, a trend sparkline per row, and a CSV export with a column chooser.

use crate::api::ApiError;
use crate::api::usage::{self, UsageTableQuery};
use crate::components::alert::ErrorAlert;
use crate::components::download::save_file;
use crate::components::property_input::shown as shown_value;
use crate::components::usage_tab::compact;
use crate::format;
use landlord_domain::custom_property::PropertyType;
use landlord_domain::usage::MeterKind;
use landlord_domain::usage::table::PROPERTY_PREFIX;
use landlord_domain::wire::{UsageTable, UsageTableRow};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

const PAGE: usize = 25;
const SPARK_WIDTH: f64 = 80.0;
const SPARK_HEIGHT: f64 = 20.0;

/// The points of a sparkline through `values`, scaled to the highest, in its box.
pub fn sparkline(values: &[f64]) -> String {
    let max = values.iter().fold(0.0_f64, |m, v| m.max(*v));
    let step = SPARK_WIDTH / (values.len().max(2) - 1) as f64;
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let y = if max > 0.0 {
                SPARK_HEIGHT - v / max * SPARK_HEIGHT
            } else {
                SPARK_HEIGHT
            };
            format!("{:.1},{:.1}", i as f64 * step, y)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The next sort after clicking `key`: the other direction if it is the current one, else
/// descending for figures (the busiest first) and ascending for text.
pub fn next_sort(current: &str, key: &str, figure: bool) -> String {
    match current.strip_prefix('-') {
        Some(k) if k == key => key.to_owned(),
        None if current == key => format!("-{key}"),
        _ if figure => format!("-{key}"),
        _ => key.to_owned(),
    }
}

/// A column of the table as shown: its key, its header and whether it is a figure.
#[derive(Clone)]
struct Shown {
    key: String,
    label: String,
    unit: String,
    /// The meter a gauge's peak column reads, else `None`.
    peak_of: Option<String>,
}

fn figure_columns(table: &UsageTable) -> Vec<Shown> {
    let mut shown = Vec::new();
    for meter in &table.meters {
        shown.push(Shown {
            key: meter.key.clone(),
            label: meter.name.clone(),
            unit: meter.unit.clone(),
            peak_of: None,
        });
        if meter.kind == MeterKind::Gauge {
            shown.push(Shown {
                key: format!("peak_{}", meter.key),
                label: format!("Peak {}", meter.name.to_lowercase()),
                unit: meter.unit.clone(),
                peak_of: Some(meter.key.clone()),
            });
        }
    }
    shown
}

fn cell(row: &UsageTableRow, column: &Shown) -> Option<f64> {
    match &column.peak_of {
        Some(meter) => row.peaks.get(meter).copied(),
        None => row.values.get(&column.key).copied(),
    }
}

#[component]
pub fn UsagePage() -> impl IntoView {
    let query = RwSignal::new(UsageTableQuery::default());
    let offset = RwSignal::new(0_usize);
    let (from, to, filter) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let table = LocalResource::new(move || {
        let (q, at) = (query.get(), offset.get());
        async move { usage::usage_table(&q, PAGE, at).await }
    });
    // The inputs show the range the server answered (its default on first load).
    Effect::new(move |_| {
        if let Some(Ok(t)) = table.get() {
            from.set(t.from.to_string());
            to.set(t.to.to_string());
        }
    });
    let filter_input = NodeRef::<leptos::html::Input>::new();
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The field as it stands: cleared or autofilled without an input event too.
        if let Some(input) = filter_input.get_untracked() {
            filter.set(input.value());
        }
        offset.set(0);
        query.update(|q| {
            q.from = from.get_untracked();
            q.to = to.get_untracked();
            q.filter = filter.get_untracked().trim().to_owned();
        });
    };
    let sort_by = Callback::new(move |(key, figure): (String, bool)| {
        offset.set(0);
        query.update(|q| q.sort = next_sort(&q.sort, &key, figure));
    });
    view! {
        <section class="page usage-page" aria-labelledby="usage-title">
            <header class="page-header">
                <div>
                    <h1 id="usage-title">"Usage statistics"</h1>
                    <p class="page-subtitle">"Every customer's metered usage over a range of days, each in its own time zone."</p>
                </div>
                {move || table.get().and_then(Result::ok).map(|t| view! { <ExportChooser columns=t.columns query=query.get_untracked() /> })}
            </header>
            <form class="toolbar usage-range" on:submit=apply>
                <label>"From " <input type="date" data-testid="usage-table-from" prop:value=from
                    on:input=move |ev| from.set(event_target_value(&ev)) /></label>
                <label>"To " <input type="date" data-testid="usage-table-to" prop:value=to
                    on:input=move |ev| to.set(event_target_value(&ev)) /></label>
                <label class="usage-filter">"Filter "
                    <input type="search" node_ref=filter_input data-testid="usage-table-filter" placeholder="api_requests>=1000, name~acme"
                        prop:value=filter on:input=move |ev| filter.set(event_target_value(&ev)) />
                </label>
                <button type="submit" class="button button-secondary button-small" data-testid="usage-table-apply">"Show"</button>
            </form>
            {move || match table.get() {
                None => view! { <p class="muted">"Loading…"</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error testid="usage-table-error" /> }.into_any(),
                Some(Ok(t)) => view! { <Table table=t sort=query.with(|q| q.sort.clone()) sort_by offset /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Table(
    table: UsageTable,
    sort: String,
    sort_by: Callback<(String, bool)>,
    offset: RwSignal<usize>,
) -> impl IntoView {
    let figures = figure_columns(&table);
    let header = |key: &str, label: String, figure: bool, sort: &str| {
        let direction = match sort.strip_prefix('-') {
            Some(k) if k == key => "descending",
            None if sort == key => "ascending",
            _ => "none",
        };
        let key = key.to_owned();
        view! {
            <th scope="col" aria-sort=direction class:col-figure=figure>
                <button type="button" class="sort-button" data-testid=format!("usage-sort-{key}") data-direction=direction
                    on:click=move |_| sort_by.run((key.clone(), figure))>
                    {label}
                    <span class="sort-indicator" aria-hidden="true">
                        {match direction { "ascending" => "↑", "descending" => "↓", _ => "↕" }}
                    </span>
                </button>
            </th>
        }
    };
    let heads = figures
        .iter()
        .map(|c| header(&c.key, c.label.clone(), true, &sort))
        .collect::<Vec<_>>();
    // The custom properties, after the customer: text sorts ascending first, numbers like
    // the figures.
    let properties = StoredValue::new(table.custom_properties.clone());
    let property_heads = table
        .custom_properties
        .iter()
        .map(|p| {
            let numeric = p.property_type == PropertyType::Number;
            header(
                &format!("{PROPERTY_PREFIX}{}", p.key),
                p.name.clone(),
                numeric,
                &sort,
            )
        })
        .collect::<Vec<_>>();
    let trend_name = table
        .meters
        .iter()
        .find(|m| m.key == table.trend_meter)
        .map_or(table.trend_meter.clone(), |m| m.name.clone());
    let total = table.total;
    let first = table.offset;
    let shown = table.rows.len();
    let rows = table.rows.into_iter().map(|row| {
        let cells = figures.iter().map(|c| {
            let text = cell(&row, c).map_or_else(|| "—".to_owned(), |v| compact(v, &c.unit));
            view! { <td class="col-figure" data-column=c.key.clone()>{text}</td> }
        }).collect::<Vec<_>>();
        let property_cells = properties.with_value(|all| all.iter().map(|p| {
            let text = shown_value(row.custom_properties.get(&p.key));
            view! { <td data-column=format!("{PROPERTY_PREFIX}{}", p.key)>{text}</td> }
        }).collect::<Vec<_>>());
        view! {
            <tr data-testid="usage-table-row" data-domain=row.domain.clone()>
                <td class="col-name">
                    <A href=format!("/customers/{}", row.id)><span class="strong">{row.name.clone()}</span></A>
                    <span class="row-sub">{row.domain.clone()}</span>
                </td>
                {property_cells}
                {cells}
                <td class="col-trend">
                    <svg class="sparkline" viewBox=format!("0 0 {SPARK_WIDTH} {SPARK_HEIGHT}") width="80" height="20"
                        preserveAspectRatio="none" role="img" aria-label=format!("{trend_name} per day")>
                        <polyline points=sparkline(&row.trend) fill="none" />
                    </svg>
                </td>
                <td class="col-created"><time datetime=row.created_at.to_rfc3339()>{format::date(&row.created_at)}</time></td>
            </tr>
        }
    }).collect::<Vec<_>>();
    let empty = shown == 0;
    view! {
        <div class="card table-card">
            <table class="data-table" data-testid="usage-table">
                <thead><tr>
                    {header("name", "Customer".to_owned(), false, &sort)}
                    {property_heads}
                    {heads}
                    <th scope="col">{format!("{trend_name} trend")}</th>
                    {header("created_at", "Created".to_owned(), false, &sort)}
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {empty.then(|| view! { <p class="muted empty-state" data-testid="usage-table-empty">"No customers match."</p> })}
        </div>
        <nav class="pagination" aria-label="Pages" data-testid="usage-table-pagination">
            <span class="page-info">{if empty { "0 customers".to_owned() } else { format!("{}–{} of {total}", first + 1, first + shown) }}</span>
            <button type="button" class="button button-secondary button-small" disabled={first == 0}
                on:click=move |_| offset.update(|o| *o = o.saturating_sub(PAGE))>"Previous"</button>
            <button type="button" class="button button-secondary button-small" data-testid="usage-table-next" disabled={first + shown >= total}
                on:click=move |_| offset.update(|o| *o += PAGE)>"Next"</button>
        </nav>
    }
}

/// "Export": the columns to include (all at first, in the table's order) and the download.
#[component]
fn ExportChooser(columns: Vec<String>, query: UsageTableQuery) -> impl IntoView {
    let chosen = RwSignal::new(columns.clone());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let download = move |_| {
        let (q, picked) = (query.clone(), chosen.get_untracked());
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            let result = usage::export_usage_table(&q, &picked).await;
            busy.set(false);
            match result {
                Ok(file) => {
                    let name = file.file_name.as_deref().unwrap_or("usage-statistics.csv");
                    if save_file(&file.bytes, name, "text/csv").is_err() {
                        failure.set(Some(ApiError::Decode(
                            "the browser refused to save the file".into(),
                        )));
                    }
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let all = StoredValue::new(columns.clone());
    let boxes = columns.iter().map(|key| {
        let (label, k, toggled) = (key.clone(), key.clone(), key.clone());
        view! {
            <label class="checkbox">
                <input type="checkbox" data-testid=format!("usage-export-column-{key}")
                    prop:checked=move || chosen.with(|c| c.contains(&k))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        // Kept in the table's order whatever order they are ticked in.
                        let before = chosen.get_untracked();
                        let now = all.with_value(|all| {
                            all.iter()
                                .filter(|c| if **c == toggled { on } else { before.contains(c) })
                                .cloned()
                                .collect()
                        });
                        chosen.set(now);
                    } />
                {label}
            </label>
        }
    }).collect::<Vec<_>>();
    view! {
        <details class="export usage-export">
            <summary class="button button-secondary" data-testid="usage-export">"Export"</summary>
            <div class="card usage-export-columns">
                <p class="muted">"Columns to include:"</p>
                <div class="usage-export-grid">{boxes}</div>
                <button type="button" class="button button-primary button-small" data-testid="usage-export-download"
                    disabled=move || busy.get() || chosen.with(Vec::is_empty) on:click=download>
                    {move || if busy.get() { "Exporting…" } else { "Download CSV" }}
                </button>
                {move || failure.get().map(|error| view! { <ErrorAlert error testid="usage-export-error" /> })}
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorting_flips_the_current_column_and_starts_figures_descending() {
        assert_eq!(next_sort("", "api_requests", true), "-api_requests");
        assert_eq!(
            next_sort("-api_requests", "api_requests", true),
            "api_requests"
        );
        assert_eq!(
            next_sort("api_requests", "api_requests", true),
            "-api_requests"
        );
        assert_eq!(next_sort("-api_requests", "name", false), "name");
        assert_eq!(next_sort("name", "name", false), "-name");
    }

    #[test]
    fn sparklines_scale_to_the_highest_day() {
        assert_eq!(sparkline(&[0.0, 10.0, 5.0]), "0.0,20.0 40.0,0.0 80.0,10.0");
        assert_eq!(sparkline(&[0.0]), "0.0,20.0");
        assert_eq!(sparkline(&[]), "");
    }
}
