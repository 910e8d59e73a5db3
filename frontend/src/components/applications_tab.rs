//! The Applications tab of a customer (seed 003): the applications it is subscribed to, a
//! microservice with its status icon (up, unhealthy, down) and, expanded, the runtime's
//! counts and instances; beside them the applications it may subscribe to. Subscribe and
//! Unsubscribe for those who manage the customer.

use crate::api::{ApiError, applications};
use crate::components::alert::ErrorAlert;
use crate::format;
use landlord_domain::application::{ApplicationStatus, ApplicationType};
use landlord_domain::wire::{ApplicationView, InstancesView, SubscribedApplication};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The icon, badge class and words of a microservice's status.
fn status_look(status: ApplicationStatus) -> (&'static str, &'static str, &'static str) {
    match status {
        ApplicationStatus::Up => ("✓", "badge badge-active", "Up and running"),
        ApplicationStatus::Unhealthy => ("!", "badge badge-provisioning", "Unhealthy"),
        ApplicationStatus::Down => ("✕", "badge badge-suspended", "Down"),
    }
}

/// What kind of application it is and how it is billed, in a few words.
fn kind_line(app: &ApplicationView) -> String {
    let mut parts = vec![match app.application_type {
        ApplicationType::Web => "Web application".to_owned(),
        ApplicationType::Microservice => "Microservice".to_owned(),
    }];
    if let Some(isolation) = app.isolation {
        parts.push(isolation.as_str().replace('_', "-"));
    }
    if let (Some(cpu), Some(memory)) = (app.cpu_millicores, app.memory_mb) {
        parts.push(format!("{cpu} mCPU, {memory} MB per instance"));
    }
    if let Some(price) = &app.subscription_price {
        parts.push(format!(
            "{} {} per subscription",
            price.amount, price.currency
        ));
    } else if let Some(mode) = app.billing_mode {
        parts.push(format!("billed by {}", mode.as_str()));
    }
    parts.join(" · ")
}

#[component]
pub fn ApplicationsTab(tenant: i64, manage: bool) -> impl IntoView {
    let reload = RwSignal::new(0_u32);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let loaded = LocalResource::new(move || {
        reload.track();
        applications::tenant_applications(tenant)
    });
    let act = move |key: String, subscribe: bool| {
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            let result = if subscribe {
                applications::subscribe(tenant, &key).await.map(drop)
            } else {
                applications::unsubscribe(tenant, &key).await
            };
            busy.set(false);
            match result {
                Ok(()) => reload.update(|n| *n += 1),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    view! {
        <section class="panel-section applications-tab" data-testid="applications-tab" aria-label="Applications">
            {move || failure.get().map(|error| view! { <ErrorAlert error testid="applications-action-error" /> })}
            {move || match loaded.get() {
                None => view! { <p class="muted" data-testid="applications-loading">"Loading…"</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error testid="applications-error" /> }.into_any(),
                Some(Ok(apps)) => view! {
                    <div class="applications-columns">
                        <div>
                            <h3>"Subscribed applications"</h3>
                            <SubscribedList items=apps.subscribed manage busy act />
                        </div>
                        <div>
                            <h3>"Available applications"</h3>
                            <AvailableList items=apps.available manage busy act />
                        </div>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn SubscribedList(
    items: Vec<SubscribedApplication>,
    manage: bool,
    busy: RwSignal<bool>,
    act: impl Fn(String, bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="muted" data-testid="applications-subscribed-empty">"No subscribed applications."</p> }.into_any();
    }
    view! {
        <ul class="application-list" data-testid="applications-subscribed">
            {items.into_iter().map(|sub| {
                let key = sub.application.key.clone();
                view! {
                    <li class="application" data-testid="application-subscribed" data-key=key.clone()
                        data-status=sub.status.map(|s| s.as_str())>
                        <div class="application-head">
                            {sub.status.map(|status| {
                                let (icon, class, label) = status_look(status);
                                view! {
                                    <span class=class data-testid="application-status" title=label aria-label=label>{icon}</span>
                                }
                            })}
                            <strong>{sub.application.name.clone()}</strong>
                            <code class="muted">{key.clone()}</code>
                            {manage.then(|| view! {
                                <button type="button" class="button button-secondary button-small"
                                    data-testid="application-unsubscribe"
                                    disabled=move || busy.get()
                                    on:click={
                                        let key = key.clone();
                                        move |_| act(key.clone(), false)
                                    }>
                                    "Unsubscribe"
                                </button>
                            })}
                        </div>
                        <p class="muted application-meta">
                            {kind_line(&sub.application)}
                            {format!(" · subscribed {}", format::date_time(&sub.subscribed_at))}
                        </p>
                        {sub.status.map(|status| view! { <InstanceDetails status instances=sub.instances.clone() /> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }.into_any()
}

/// The runtime's last report, expanded on request.
#[component]
fn InstanceDetails(status: ApplicationStatus, instances: Option<InstancesView>) -> impl IntoView {
    let (_, _, label) = status_look(status);
    view! {
        <details class="application-details" data-testid="application-details">
            <summary>{label}</summary>
            {match instances {
                None => view! { <p class="muted">"The runtime has not reported any instances."</p> }.into_any(),
                Some(report) => view! {
                    <dl class="application-counts">
                        <dt>"Active"</dt><dd data-testid="application-active">{report.active}</dd>
                        <dt>"Unhealthy"</dt><dd data-testid="application-unhealthy">{report.unhealthy}</dd>
                        <dt>"Desired"</dt><dd data-testid="application-desired">{report.desired}</dd>
                    </dl>
                    <table class="data-table">
                        <thead><tr><th scope="col">"Name"</th><th scope="col">"Restarts"</th></tr></thead>
                        <tbody>
                            {report.instances.iter().map(|i| view! {
                                <tr data-testid="application-instance"><td>{i.name.clone()}</td><td>{i.restarts}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="muted">{format!("Reported {}", format::date_time(&report.reported_at))}</p>
                }.into_any(),
            }}
        </details>
    }
}

#[component]
fn AvailableList(
    items: Vec<ApplicationView>,
    manage: bool,
    busy: RwSignal<bool>,
    act: impl Fn(String, bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="muted" data-testid="applications-available-empty">"No further applications."</p> }.into_any();
    }
    view! {
        <ul class="application-list" data-testid="applications-available">
            {items.into_iter().map(|app| {
                let key = app.key.clone();
                view! {
                    <li class="application" data-testid="application-available" data-key=key.clone()>
                        <div class="application-head">
                            <strong>{app.name.clone()}</strong>
                            <code class="muted">{key.clone()}</code>
                            {manage.then(|| view! {
                                <button type="button" class="button button-primary button-small"
                                    data-testid="application-subscribe"
                                    disabled=move || busy.get()
                                    on:click={
                                        let key = key.clone();
                                        move |_| act(key.clone(), true)
                                    }>
                                    "Subscribe"
                                </button>
                            })}
                        </div>
                        <p class="muted application-meta">{kind_line(&app)}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }.into_any()
}
