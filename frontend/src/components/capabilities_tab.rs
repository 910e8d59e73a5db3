//! The Capabilities tab of a customer, laid out as the catalogue groups it (Basic, Advanced,
//! Add-on, devices, then the operator's own): each quota's usage against its limit, where the
//! limit comes from, and an override; each feature's switch and where it comes from.

use crate::api::{ApiError, capabilities};
use crate::auth::use_session;
use crate::components::alert::ErrorAlert;
use crate::components::quota_notifications::QuotaNotifications;
use crate::components::quota_row::QuotaRow;
use landlord_domain::Permission;
use landlord_domain::capability::LimitSource;
use landlord_domain::wire::{Entitlements, FeatureView, QuotaDefinitionView};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How the tab names a source.
pub fn source_label(source: LimitSource) -> &'static str {
    match source {
        LimitSource::Plan => "From plan",
        LimitSource::Override => "Override",
        LimitSource::Default => "Default",
    }
}

/// The catalogue's groups in the order seed 002 shows them; any other group follows, by name.
fn group_rank(group: Option<&str>) -> (u8, String) {
    let name = group.unwrap_or_default().to_owned();
    let rank = match name.as_str() {
        "basic" => 0,
        "advanced" => 1,
        "add_on" => 2,
        "devices" => 3,
        "" => 5,
        _ => 4,
    };
    (rank, name)
}

fn group_title(group: &str) -> String {
    match group {
        "basic" => "Basic".into(),
        "advanced" => "Advanced".into(),
        "add_on" => "Add-on".into(),
        "devices" => "Devices".into(),
        "" => "Other".into(),
        other => {
            let mut title = other.replace('_', " ");
            if let Some(first) = title.get(..1) {
                title = first.to_uppercase() + &title[1..];
            }
            title
        }
    }
}

/// Entries grouped by their catalogue group, groups in display order.
fn grouped<T: Clone>(items: &[T], group: impl Fn(&T) -> Option<String>) -> Vec<(String, Vec<T>)> {
    let mut groups: Vec<(String, Vec<T>)> = Vec::new();
    let mut sorted = items.to_vec();
    sorted.sort_by_key(|item| group_rank(group(item).as_deref()));
    for item in sorted {
        let name = group(&item).unwrap_or_default();
        match groups.last_mut() {
            Some((last, members)) if *last == name => members.push(item),
            _ => groups.push((name, vec![item])),
        }
    }
    groups
}

/// What the tab shows: the customer's entitlements with the catalogues naming them.
#[derive(Clone)]
struct Loaded {
    entitlements: Entitlements,
    features: Vec<FeatureView>,
    quotas: Vec<QuotaDefinitionView>,
}

async fn load(tenant: i64) -> Result<Loaded, ApiError> {
    Ok(Loaded {
        entitlements: capabilities::get_entitlements(tenant).await?,
        features: capabilities::list_features().await?.items,
        quotas: capabilities::list_quota_definitions().await?.items,
    })
}

#[component]
pub fn CapabilitiesTab(tenant: i64, own: bool) -> impl IntoView {
    let session = use_session();
    // A tenant's own capabilities are set by its parent: shown, never edited, here.
    let manage = session.can(Permission::CapabilitiesManage) && !own;
    let reload = RwSignal::new(0_u32);
    let loaded = LocalResource::new(move || {
        reload.track();
        load(tenant)
    });
    let failure = RwSignal::new(None::<ApiError>);
    let changed = Callback::new(move |()| {
        failure.set(None);
        reload.update(|n| *n += 1);
    });
    let failed = Callback::new(move |error: ApiError| failure.set(Some(error)));

    view! {
        <section class="panel-section capabilities-tab" data-testid="capabilities-tab" aria-label="Capabilities">
            {move || failure.get().map(|error| view! { <ErrorAlert error testid="capability-error" /> })}
            {move || match loaded.get() {
                None => view! { <p class="muted" data-testid="capabilities-loading">"Loading…"</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error testid="capabilities-error" /> }.into_any(),
                Some(Ok(data)) => view! {
                    <Quotas data=data.clone() tenant manage changed failed />
                    <Features data tenant manage changed failed />
                }.into_any(),
            }}
            <QuotaNotifications tenant reload />
            {own.then(|| view! {
                <p class="muted field-hint" data-testid="capabilities-own">
                    "Your own tenant's capabilities are set by its parent."
                </p>
            })}
        </section>
    }
}

#[component]
fn Quotas(
    data: Loaded,
    tenant: i64,
    manage: bool,
    changed: Callback<()>,
    failed: Callback<ApiError>,
) -> impl IntoView {
    let groups = grouped(&data.quotas, |q| q.group.clone());
    let entitlements = data.entitlements.quotas;
    view! {
        <h3 class="section-title">"Capability quotas"</h3>
        {groups.into_iter().map(|(group, quotas)| {
            let rows = quotas.into_iter().filter_map(|quota| {
                let entitlement = entitlements.get(&quota.key)?.clone();
                Some(view! { <QuotaRow tenant quota entitlement manage changed failed /> })
            }).collect::<Vec<_>>();
            view! {
                <div class="capability-group" data-testid="quota-group" data-group=group.clone()>
                    <h4 class="eyebrow">{group_title(&group)}</h4>
                    <ul class="capability-list">{rows}</ul>
                </div>
            }
        }).collect::<Vec<_>>()}
    }
}

#[component]
fn Features(
    data: Loaded,
    tenant: i64,
    manage: bool,
    changed: Callback<()>,
    failed: Callback<ApiError>,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let set = move |key: String, enabled: Option<bool>| {
        busy.set(true);
        spawn_local(async move {
            let result = capabilities::set_feature(tenant, &key, enabled).await;
            busy.set(false);
            match result {
                Ok(_) => changed.run(()),
                Err(error) => failed.run(error),
            }
        });
    };
    let groups = grouped(&data.features, |f| f.group.clone());
    let entitlements = data.entitlements.features;
    view! {
        <h3 class="section-title">"Features"</h3>
        {groups.into_iter().map(|(group, features)| {
            let rows = features.into_iter().filter_map(|feature| {
                let entitlement = entitlements.get(&feature.key)?.clone();
                let key = StoredValue::new(feature.key.clone());
                let enabled = entitlement.enabled;
                let overridden = entitlement.source == LimitSource::Override;
                Some(view! {
                    <li class="capability-row" data-testid="capability-feature" data-key=feature.key.clone()
                        data-enabled=enabled.to_string() data-source=entitlement.source.as_str()>
                        <label class="feature-switch">
                            <input type="checkbox" role="switch" data-testid="feature-toggle"
                                prop:checked=enabled disabled=move || !manage || busy.get()
                                on:change=move |_| set(key.get_value(), Some(!enabled)) />
                            <span class="capability-name">{feature.name.clone()}</span>
                        </label>
                        {feature.description.clone().map(|d| view! { <span class="row-sub">{d}</span> })}
                        <span class="capability-meta">
                            <span class=format!("badge badge-{}", if overridden { "info" } else { "neutral" }) data-testid="feature-source">
                                {source_label(entitlement.source)}
                            </span>
                            {(manage && overridden).then(|| view! {
                                <button type="button" class="button button-secondary button-small" data-testid="feature-reset"
                                    disabled=move || busy.get() on:click=move |_| set(key.get_value(), None)>
                                    "Use plan"
                                </button>
                            })}
                        </span>
                    </li>
                })
            }).collect::<Vec<_>>();
            view! {
                <div class="capability-group" data-testid="feature-group" data-group=group.clone()>
                    <h4 class="eyebrow">{group_title(&group)}</h4>
                    <ul class="capability-list">{rows}</ul>
                </div>
            }
        }).collect::<Vec<_>>()}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_follow_the_catalogue_order_then_by_name() {
        let items = [
            "custom", "add_on", "", "basic", "devices", "advanced", "basic",
        ];
        let groups = grouped(&items, |g| Some((*g).to_owned()).filter(|g| !g.is_empty()));
        let names: Vec<_> = groups.iter().map(|(g, _)| g.as_str()).collect();
        assert_eq!(
            names,
            ["basic", "advanced", "add_on", "devices", "custom", ""]
        );
        assert_eq!(groups[0].1.len(), 2);
        assert_eq!(group_title("add_on"), "Add-on");
        assert_eq!(group_title("channel_accounts"), "Channel accounts");
    }
}
