//! The Usage tab of a customer: a date range (the last 30 days in the customer's time zone
//! by default), each meter's daily series as a small hand-drawn SVG bar chart, and the
//! range's summary (counters summed, gauges the last day's value with the peak).

use crate::api::{ApiError, usage};
use crate::components::alert::ErrorAlert;
use landlord_domain::usage::MeterKind;
use landlord_domain::wire::{MeterView, TenantUsage};
use leptos::prelude::*;

const WIDTH: f64 = 300.0;
const HEIGHT: f64 = 60.0;

#[derive(Clone)]
struct Loaded {
    usage: TenantUsage,
    meters: Vec<MeterView>,
}

async fn load(tenant: i64, from: String, to: String) -> Result<Loaded, ApiError> {
    Ok(Loaded {
        usage: usage::get_usage(tenant, from, to).await?,
        meters: usage::list_meters().await?.items,
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

/// Bars of `values` scaled to the highest, as `(x, y, width, height)` in the chart's box.
pub fn bars(values: &[Option<f64>]) -> Vec<(f64, f64, f64, f64)> {
    let max = values.iter().flatten().fold(0.0_f64, |m, v| m.max(*v));
    let n = values.len().max(1) as f64;
    let step = WIDTH / n;
    values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let v = (*v)?;
            let h = if max > 0.0 { v / max * HEIGHT } else { 0.0 };
            Some((i as f64 * step, HEIGHT - h, (step - 1.0).max(1.0), h))
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
            let rects = bars(&values)
                .into_iter()
                .map(|(x, y, w, h)| {
                    view! {
                        <rect data-testid="usage-bar" x=format!("{x:.1}") y=format!("{y:.1}")
                            width=format!("{w:.1}") height=format!("{h:.1}") />
                    }
                })
                .collect::<Vec<_>>();
            let unit = meter.unit.clone();
            view! {
                <figure class="usage-chart" data-testid="usage-chart" data-meter=meter.key.clone()>
                    <figcaption>
                        <span class="capability-name">{meter.name.clone()}</span>
                        <span class="row-sub" data-testid="usage-summary">
                            {format!("{label}: {}", compact(summary, &unit))}
                            {peak.map(|p| format!(" · peak {}", compact(p, &unit)))}
                        </span>
                    </figcaption>
                    <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") width="100%" height="60"
                        preserveAspectRatio="none" role="img"
                        aria-label=format!("{} per day", meter.name)>
                        <g class="usage-bars">{rects}</g>
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
        let b = bars(&[Some(1.0), None, Some(2.0)]);
        assert_eq!(b.len(), 2);
        assert_eq!(b[1].3, HEIGHT);
        assert_eq!(b[0].3, HEIGHT / 2.0);
    }
}
