//! The Usage tab of a customer: a date range (the last 30 days in the customer's time zone
//! by default), each meter's daily series as a small hand-drawn SVG bar chart, and the
//! range's summary (counters summed, gauges the last day's value with the peak). A gauge
//! compared with a quota (devices with the device limit) draws the customer's limit as a
//! line; a counter feeding a consumable quota says how much of this period's quota is used.

use crate::api::{ApiError, capabilities, usage};
use crate::components::alert::ErrorAlert;
use landlord_domain::capability::UNLIMITED;
use landlord_domain::usage::MeterKind;
use landlord_domain::wire::{Entitlements, MeterView, TenantUsage};
use leptos::prelude::*;

const WIDTH: f64 = 300.0;
const HEIGHT: f64 = 60.0;

#[derive(Clone)]
struct Loaded {
    usage: TenantUsage,
    meters: Vec<MeterView>,
    /// For the quota lines; `None` when the user may not read capabilities.
    entitlements: Option<Entitlements>,
}

async fn load(tenant: i64, from: String, to: String) -> Result<Loaded, ApiError> {
    Ok(Loaded {
        usage: usage::get_usage(tenant, from, to).await?,
        meters: usage::list_meters().await?.items,
        entitlements: capabilities::get_entitlements(tenant).await.ok(),
    })
}

/// A figure in a few significant digits with a unit suffix (`1.2k`, `3.4 GB`).
pub fn compact(value: f64, unit: &str) -> String {
    let (scale, suffixes): (f64, [&str; 5]) = if unit == "bytes" {
        (1024.0, ["B", "KB", "MB", "GB", "TB"])
    } else {
        (1000.0, ["", "k", "M", "G", "T"])
    };
    let mut v = value;
    let mut i = 0;
    while v.abs() >= scale && i < suffixes.len() - 1 {
        v /= scale;
        i += 1;
    }
    let number = if i == 0 || v >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    };
    if unit == "bytes" {
        format!("{number} {}", suffixes[i])
    } else {
        format!("{number}{}", suffixes[i])
    }
}

/// The top of a chart: its highest value, or the limit drawn on it if that is higher.
pub fn top(values: &[Option<f64>], limit: Option<f64>) -> f64 {
    values
        .iter()
        .flatten()
        .chain(limit.as_ref())
        .fold(0.0_f64, |m, v| m.max(*v))
}

/// How far down the chart's box `value` sits when `max` is its top.
pub fn y_of(value: f64, max: f64) -> f64 {
    if max > 0.0 {
        HEIGHT - value / max * HEIGHT
    } else {
        HEIGHT
    }
}

/// Bars of `values` scaled to `max`, as `(x, y, width, height)` in the chart's box.
pub fn bars(values: &[Option<f64>], max: f64) -> Vec<(f64, f64, f64, f64)> {
    let n = values.len().max(1) as f64;
    let step = WIDTH / n;
    values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let v = (*v)?;
            let y = y_of(v, max);
            Some((i as f64 * step, y, (step - 1.0).max(1.0), HEIGHT - y))
        })
        .collect()
}

#[component]
pub fn UsageTab(tenant: i64) -> impl IntoView {
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let asked = RwSignal::new((String::new(), String::new()));
    let loaded = LocalResource::new(move || {
        let (f, t) = asked.get();
        load(tenant, f, t)
    });
    // The inputs show the range the server answered (its default on first load).
    Effect::new(move |_| {
        if let Some(Ok(data)) = loaded.get() {
            from.set(data.usage.from.to_string());
            to.set(data.usage.to.to_string());
        }
    });
    view! {
        <section class="panel-section usage-tab" data-testid="usage-tab" aria-label="Usage">
            <form class="usage-range" on:submit=move |ev| {
                ev.prevent_default();
                asked.set((from.get_untracked(), to.get_untracked()));
            }>
                <label>"From " <input type="date" data-testid="usage-from" prop:value=from
                    on:input=move |ev| from.set(event_target_value(&ev)) /></label>
                <label>"To " <input type="date" data-testid="usage-to" prop:value=to
                    on:input=move |ev| to.set(event_target_value(&ev)) /></label>
                <button type="submit" class="button button-secondary button-small" data-testid="usage-apply">"Show"</button>
            </form>
            {move || match loaded.get() {
                None => view! { <p class="muted" data-testid="usage-loading">"Loading…"</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error testid="usage-error" /> }.into_any(),
                Some(Ok(data)) => view! { <Charts data /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Charts(data: Loaded) -> impl IntoView {
    let usage = data.usage;
    let entitlements = data.entitlements;
    let charts = data
        .meters
        .into_iter()
        .filter(|m| usage.summary.values.contains_key(&m.key))
        .map(|meter| {
            let values: Vec<Option<f64>> = usage
                .days
                .iter()
                .map(|d| d.values.get(&meter.key).copied())
                .collect();
            let summary = usage.summary.values.get(&meter.key).copied().unwrap_or(0.0);
            let peak = usage.summary.peaks.get(&meter.key).copied();
            let label = match meter.kind {
                MeterKind::Counter => "Total",
                MeterKind::Gauge => "Latest",
            };
            let quota = meter
                .quota
                .as_ref()
                .and_then(|key| entitlements.as_ref().and_then(|e| e.quotas.get(key)));
            let limited = quota.filter(|q| q.limit != UNLIMITED);
            // A gauge's days compare with an allocation limit; a counter's days do not with
            // a period's consumable quota, whose use is said instead.
            let line = limited
                .filter(|_| meter.kind == MeterKind::Gauge)
                .map(|q| q.limit as f64);
            let max = top(&values, line);
            let rects = bars(&values, max)
                .into_iter()
                .map(|(x, y, w, h)| {
                    view! {
                        <rect data-testid="usage-bar" x=format!("{x:.1}") y=format!("{y:.1}")
                            width=format!("{w:.1}") height=format!("{h:.1}") />
                    }
                })
                .collect::<Vec<_>>();
            let unit = meter.unit.clone();
            let quota_text = quota.map(|q| {
                let limit = if q.limit == UNLIMITED {
                    "unlimited".to_owned()
                } else {
                    compact(q.limit as f64, &unit)
                };
                match meter.kind {
                    MeterKind::Gauge => format!(" · limit {limit}"),
                    MeterKind::Counter => {
                        format!(
                            " · quota {} of {limit} this period",
                            compact(q.used as f64, &unit)
                        )
                    }
                }
            });
            let limit_line = line.map(|limit| {
                let y = format!("{:.1}", y_of(limit, max));
                view! {
                    <line class="usage-quota-line" data-testid="usage-quota-line"
                        data-limit=limit.to_string() x1="0" x2=WIDTH.to_string()
                        y1=y.clone() y2=y />
                }
            });
            view! {
                <figure class="usage-chart" data-testid="usage-chart" data-meter=meter.key.clone()>
                    <figcaption>
                        <span class="capability-name">{meter.name.clone()}</span>
                        <span class="row-sub" data-testid="usage-summary">
                            {format!("{label}: {}", compact(summary, &unit))}
                            {peak.map(|p| format!(" · peak {}", compact(p, &unit)))}
                            {quota_text.map(|text| view! { <span data-testid="usage-quota">{text}</span> })}
                        </span>
                    </figcaption>
                    <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") width="100%" height="60"
                        preserveAspectRatio="none" role="img"
                        aria-label=format!("{} per day", meter.name)>
                        <g class="usage-bars">{rects}</g>
                        {limit_line}
                    </svg>
                </figure>
            }
        })
        .collect::<Vec<_>>();
    let empty = charts.is_empty();
    view! {
        <div class="usage-charts">{charts}</div>
        {empty.then(|| view! { <p class="muted" data-testid="usage-empty">"No usage in this range."</p> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_compact_and_bars_scale_to_the_highest() {
        assert_eq!(compact(950.0, "requests"), "950");
        assert_eq!(compact(1520.0, "requests"), "1.5k");
        assert_eq!(compact(5.0 * 1024.0 * 1024.0 * 1024.0, "bytes"), "5.0 GB");
        let values = [Some(1.0), None, Some(2.0)];
        let b = bars(&values, top(&values, None));
        assert_eq!(b.len(), 2);
        assert_eq!(b[1].3, HEIGHT);
        assert_eq!(b[0].3, HEIGHT / 2.0);
        // A limit above the values becomes the top; the bars shrink under its line.
        assert_eq!(top(&values, Some(4.0)), 4.0);
        assert_eq!(bars(&values, 4.0)[1].3, HEIGHT / 2.0);
        assert_eq!(y_of(4.0, 4.0), 0.0);
    }
}
