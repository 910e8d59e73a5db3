//! One quota of a customer: its usage bar (coloured from 80 % and at 100 %, notched at the
//! quota's alert thresholds), its limit and where that comes from, its active top-ups, the
//! override editor (a number, unlimited, or back to the plan) and the top-up form.

use crate::api::{ApiError, capabilities};
use crate::components::alert::ErrorAlert;
use crate::components::capabilities_tab::source_label;
use crate::components::quota_top_up::{TopUpForm, TopUpList};
use crate::format;
use landlord_domain::capability::LimitSource;
use landlord_domain::wire::{LicenceHeadroom, QuotaDefinitionView, QuotaEntitlement};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `-1` on the wire.
const UNLIMITED: i64 = -1;

/// How full a quota is: what colours its bar.
fn level(used: i64, limit: i64) -> &'static str {
    if limit == UNLIMITED {
        "ok"
    } else if used >= limit {
        "full"
    } else if used * 5 >= limit * 4 {
        "high"
    } else {
        "ok"
    }
}

/// The quota's alert thresholds drawn as notches: those inside the bar (below 100 %; the
/// limit is its end, and overage thresholds lie beyond it).
fn ticks(thresholds: &[i64]) -> Vec<i64> {
    thresholds.iter().copied().filter(|t| *t < 100).collect()
}

/// The bar's width in percent, capped at 100 (usage above a lowered limit shows full).
fn percent(used: i64, limit: i64) -> i64 {
    match limit {
        UNLIMITED => 0,
        0 => 100,
        _ => (used.saturating_mul(100) / limit).clamp(0, 100),
    }
}

/// An amount in the quota's unit: bytes read as KiB/MiB/GiB, anything else as a count.
fn amount(n: i64, unit: &str) -> String {
    if unit != "bytes" || n < 1024 {
        return format!("{} {unit}", format::number(n));
    }
    let units = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut value = n as f64 / 1024.0;
    let mut index = 0;
    while value >= 1024.0 && index < units.len() - 1 {
        value /= 1024.0;
        index += 1;
    }
    let shown = format!("{value:.1}");
    format!("{} {}", shown.trim_end_matches(".0"), units[index])
}

/// "4 of 10 left in the licence".
fn licence_text(available: i64, cap: i64) -> String {
    format!(
        "{} of {} left in the licence",
        format::number(available),
        format::number(cap)
    )
}

/// "3 of 10 agents", "2 GiB of 10 GiB", "3 agents, unlimited".
fn usage_text(used: i64, limit: i64, unit: &str) -> String {
    match (limit, unit) {
        (UNLIMITED, _) => format!("{}, unlimited", amount(used, unit)),
        (_, "bytes") => format!("{} of {}", amount(used, unit), amount(limit, unit)),
        _ => format!(
            "{} of {} {unit}",
            format::number(used),
            format::number(limit)
        ),
    }
}

#[component]
pub fn QuotaRow(
    tenant: i64,
    quota: QuotaDefinitionView,
    entitlement: QuotaEntitlement,
    manage: bool,
    changed: Callback<()>,
    failed: Callback<ApiError>,
) -> impl IntoView {
    let QuotaEntitlement {
        limit,
        used,
        source,
        hard,
        licence,
        subtree_used,
        top_ups,
        ..
    } = entitlement;
    let topping = RwSignal::new(false);
    let unit = quota.unit.clone();
    let key = StoredValue::new(quota.key.clone());
    let editing = RwSignal::new(false);
    let over = limit != UNLIMITED && used > limit;
    let usage = usage_text(used, limit, &unit);
    view! {
        <li class="capability-row" data-testid="capability-quota" data-key=quota.key.clone()
            data-used=used.to_string() data-limit=limit.to_string() data-source=source.as_str()
            data-level=level(used, limit)>
            <div class="capability-head">
                <span class="capability-name">{quota.name.clone()}</span>
                <span class="capability-usage" data-testid="quota-usage">{usage}</span>
            </div>
            <div class=format!("usage-bar usage-{}", level(used, limit)) role="meter"
                aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent(used, limit).to_string()
                aria-label=format!("{} used", quota.name)>
                <span style=format!("width: {}%", percent(used, limit))></span>
                {(limit != UNLIMITED).then(|| ticks(&quota.thresholds).into_iter().map(|t| view! {
                    <i class="usage-tick" data-testid="quota-threshold" data-threshold=t.to_string()
                        style=format!("left: {t}%") title=format!("Alert at {t} %")></i>
                }).collect::<Vec<_>>())}
            </div>
            <div class="capability-meta">
                <span class=format!("badge badge-{}", if source == LimitSource::Override { "info" } else { "neutral" }) data-testid="quota-source">
                    {source_label(source)}
                </span>
                <span class="muted">{if hard { "Hard limit" } else { "Soft limit: overage is let through and recorded" }}</span>
                {over.then(|| view! {
                    <span class="badge badge-suspended" data-testid="quota-over">
                        {format!("{} over: new use is refused until it falls below", amount(used - limit, &unit))}
                    </span>
                })}
                {licence.map(|l| view! {
                    <span class=format!("badge badge-{}", if l.available == 0 { "suspended" } else { "neutral" })
                        data-testid="quota-licence" data-available=l.available.to_string() data-cap=l.cap.to_string()>
                        {licence_text(l.available, l.cap)}
                    </span>
                })}
                {subtree_used.map(|n| view! {
                    <span class="muted" data-testid="quota-subtree" data-used=n.to_string()>
                        {format!("With subtenants: {}", amount(n, &unit))}
                    </span>
                })}
                {manage.then(|| view! {
                    <button type="button" class="button button-secondary button-small" data-testid="quota-edit"
                        on:click=move |_| editing.update(|e| *e = !*e)>
                        "Override"
                    </button>
                })}
                {(manage && limit != UNLIMITED).then(|| view! {
                    <button type="button" class="button button-secondary button-small" data-testid="quota-top-up"
                        on:click=move |_| topping.update(|t| *t = !*t)>
                        "Top up"
                    </button>
                })}
            </div>
            <TopUpList top_ups />
            {move || topping.get().then(|| view! {
                <TopUpForm tenant key=key.get_value() editing=topping changed failed />
            })}
            {move || editing.get().then(|| view! {
                <QuotaOverride tenant key=key.get_value() limit source licence editing changed failed />
            })}
        </li>
    }
}

#[component]
fn QuotaOverride(
    tenant: i64,
    key: String,
    limit: i64,
    source: LimitSource,
    licence: Option<LicenceHeadroom>,
    editing: RwSignal<bool>,
    changed: Callback<()>,
    failed: Callback<ApiError>,
) -> impl IntoView {
    let unlimited = RwSignal::new(limit == UNLIMITED);
    let value = RwSignal::new(if limit == UNLIMITED {
        String::new()
    } else {
        limit.to_string()
    });
    let error = RwSignal::new(None::<ApiError>);
    let invalid = RwSignal::new(false);
    // Under a licence the limit can grow by what is left, never to unlimited; with nothing
    // left the input cannot be edited (seed 002).
    let ceiling = licence.map(|l| limit.max(0) + l.available);
    let exhausted = licence.is_some_and(|l| l.available == 0);
    let busy = RwSignal::new(false);
    let key = StoredValue::new(key);
    let send = move |limit: Option<i64>| {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = capabilities::set_quota(tenant, &key.get_value(), limit).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    editing.set(false);
                    changed.run(());
                }
                Err(e @ ApiError::Problem(_)) => error.set(Some(e)),
                Err(e) => failed.run(e),
            }
        });
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        invalid.set(false);
        if unlimited.get() {
            send(Some(UNLIMITED));
            return;
        }
        match value.get().trim().parse::<i64>() {
            Ok(n) if n >= 0 => send(Some(n)),
            _ => invalid.set(true),
        }
    };
    view! {
        <form class="quota-override" data-testid="quota-override" on:submit=save>
            <label class="field-inline">
                <span>"Limit"</span>
                <input type="number" min="0" step="1" data-testid="quota-limit-input"
                    max=ceiling.map(|c| c.to_string())
                    prop:value=move || value.get() disabled=move || unlimited.get() || exhausted
                    on:input=move |ev| value.set(event_target_value(&ev)) />
            </label>
            <label class="field-inline">
                <input type="checkbox" data-testid="quota-unlimited" prop:checked=move || unlimited.get()
                    disabled=licence.is_some()
                    on:change=move |_| unlimited.update(|u| *u = !*u) />
                <span>"Unlimited"</span>
            </label>
            <button type="submit" class="button button-primary button-small" data-testid="quota-save"
                disabled=move || busy.get() || exhausted>
                "Save"
            </button>
            {(source == LimitSource::Override).then(|| view! {
                <button type="button" class="button button-secondary button-small" data-testid="quota-reset"
                    disabled=move || busy.get() on:click=move |_| send(None)>
                    "Use plan"
                </button>
            })}
            {licence.map(|l| view! {
                <p class="muted" data-testid="quota-licence-note">
                    {if l.available == 0 {
                        "Nothing is left in the licence: lower another tenant's limit first.".to_owned()
                    } else {
                        format!("{} of {} left in the licence.", format::number(l.available), format::number(l.cap))
                    }}
                </p>
            })}
            {move || invalid.get().then(|| view! {
                <p class="field-error" data-testid="quota-limit-error">"A whole number, 0 or more."</p>
            })}
            {move || error.get().map(|error| view! { <ErrorAlert error testid="quota-override-error" /> })}
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_colours_from_eighty_percent_and_at_the_limit() {
        assert_eq!(level(7, 10), "ok");
        assert_eq!(level(8, 10), "high");
        assert_eq!(level(10, 10), "full");
        assert_eq!(level(12, 10), "full");
        assert_eq!(level(1_000, UNLIMITED), "ok");
        assert_eq!(percent(12, 10), 100);
        assert_eq!(percent(0, 0), 100);
        assert_eq!(percent(5, 10), 50);
    }

    #[test]
    fn thresholds_below_the_limit_are_notches() {
        assert_eq!(ticks(&[50, 80, 100, 150]), [50, 80]);
        assert!(ticks(&[]).is_empty());
    }

    #[test]
    fn the_licence_says_what_is_left_of_it() {
        assert_eq!(licence_text(4, 10), "4 of 10 left in the licence");
    }

    #[test]
    fn bytes_read_in_binary_units() {
        assert_eq!(amount(10_737_418_240, "bytes"), "10 GiB");
        assert_eq!(amount(1536, "bytes"), "1.5 KiB");
        assert_eq!(amount(12, "agents"), "12 agents");
        assert_eq!(usage_text(3, 10, "agents"), "3 of 10 agents");
        assert_eq!(usage_text(3, UNLIMITED, "agents"), "3 agents, unlimited");
        assert_eq!(
            usage_text(512, 10_737_418_240, "bytes"),
            "512 bytes of 10 GiB"
        );
    }
}
