//! The detail panel's Overview tab: contact, billing details, account history and the
//! account's properties, and the activity counts above the tabs.

use crate::auth::use_session;
use crate::components::customer_table::type_label;
use crate::components::status_badge::StatusBadge;
use crate::format;
use crate::query::{CustomerQuery, use_customer_query};
use landlord_domain::Permission;
use landlord_domain::wire::{HistoryEntry, TenantDetail};
use leptos::prelude::*;

fn property(label: &'static str, testid: &'static str, value: Option<String>) -> impl IntoView {
    view! {
        <div class="property">
            <dt>{label}</dt>
            <dd data-testid=testid>
                {match value {
                    Some(value) => view! { <span>{value}</span> }.into_any(),
                    None => view! { <span class="muted">"—"</span> }.into_any(),
                }}
            </dd>
        </div>
    }
}

/// Users, Orders, Invoices and Tickets counts; each opens its list filtered to the customer.
#[component]
pub fn CountBadges(tenant: landlord_domain::wire::TenantView) -> impl IntoView {
    let session = use_session();
    let id = tenant.id;
    let activity = session.can(Permission::ActivityRead);
    let badges = [
        (
            "Users",
            "users",
            "badge-users",
            tenant.users_count,
            "/users",
            session.can(Permission::UsersRead),
        ),
        (
            "Orders",
            "orders",
            "badge-orders",
            tenant.orders_count,
            "/orders",
            activity,
        ),
        (
            "Invoices",
            "invoices",
            "badge-invoices",
            tenant.invoices_count,
            "/invoices",
            activity,
        ),
        (
            "Tickets",
            "support tickets",
            "badge-tickets",
            tenant.tickets_count,
            "/support",
            activity,
        ),
    ];
    view! {
        <nav class="count-badges" aria-label="Activity">
            {badges
                .into_iter()
                .map(|(label, what, testid, count, path, allowed)| {
                    let text = view! {
                        <span class="count-value">{format::number(count)}</span>
                        <span class="count-label">{label}</span>
                    };
                    if allowed {
                        view! {
                            <a
                                class="count-badge"
                                href=format!("{path}?tenant={id}")
                                data-testid=testid
                                data-count=count
                                title=format!("Show this customer's {what}")
                            >
                                {text}
                                <span class="count-arrow" aria-hidden="true">"→"</span>
                            </a>
                        }
                            .into_any()
                    } else {
                        view! {
                            <span class="count-badge is-static" data-testid=testid data-count=count>
                                {text}
                            </span>
                        }
                            .into_any()
                    }
                })
                .collect::<Vec<_>>()}
        </nav>
    }
}

/// A customer's account history, newest first.
#[component]
fn History(entries: Vec<HistoryEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="muted" data-testid="history-empty">"Nothing has happened yet."</p> }
            .into_any();
    }
    view! {
        <ol class="timeline" data-testid="history">
            {entries
                .into_iter()
                .map(|entry| {
                    view! {
                        <li class=format!("timeline-entry timeline-{}", entry.kind) data-testid="history-entry" data-kind=entry.kind.clone()>
                            <span class="timeline-dot" aria-hidden="true"></span>
                            <div class="timeline-body">
                                <p class="timeline-summary">{entry.summary.clone()}</p>
                                <time class="timeline-time" datetime=entry.at.to_rfc3339()>{format::date_time(&entry.at)}</time>
                            </div>
                        </li>
                    }
                })
                .collect::<Vec<_>>()}
        </ol>
    }
    .into_any()
}

#[component]
pub fn Overview(tenant: TenantDetail) -> impl IntoView {
    let TenantDetail {
        tenant,
        billing,
        history,
        ..
    } = tenant;
    let (query, _) = use_customer_query();
    let parent = tenant.parent_id.map(|parent| {
        let href = move || {
            format!(
                "/customers/{parent}{}",
                query.with(CustomerQuery::to_query_string)
            )
        };
        view! {
            <a href=href data-testid="detail-parent-link">
                {format!("#{parent}")}
            </a>
        }
    });
    view! {
        <section class="panel-section" aria-labelledby="section-contact">
            <h3 id="section-contact">"Contact"</h3>
            <dl class="properties" data-testid="detail-contact">
                {property("Contact name", "detail-contact-name", tenant.contact_name.clone())}
                {property("Email", "detail-contact-email", tenant.contact_email.clone())}
                {property("Phone", "detail-contact-phone", tenant.contact_phone.clone())}
                {property("Address", "detail-contact-address", tenant.contact_address.clone())}
                {property("Country", "detail-country", tenant.country.as_deref().map(format::country))}
            </dl>
        </section>
        <section class="panel-section" aria-labelledby="section-settings">
            <h3 id="section-settings">"Settings"</h3>
            <dl class="properties" data-testid="detail-settings">
                {property("Web address", "detail-web-address", tenant.web_address.clone())}
                {property("Support email", "detail-support-email", tenant.support_email.clone())}
                {property("Billing email", "detail-billing-email", tenant.billing_email.clone())}
                {property(
                    "Company size",
                    "detail-company-size",
                    tenant.company_size.map(|s| format!("{} people", s.as_str())),
                )}
                {property("Time zone", "detail-time-zone", tenant.time_zone.clone())}
                {property("Language", "detail-language", tenant.language.clone())}
                {property(
                    "Administrator's first name",
                    "detail-admin-first-name",
                    tenant.admin_first_name.clone(),
                )}
            </dl>
        </section>
        <section class="panel-section" aria-labelledby="section-billing">
            <h3 id="section-billing">"Billing"</h3>
            <dl class="properties" data-testid="detail-billing">
                {property("Payment method", "detail-billing-method", billing.payment_method)}
                {property("Billing address", "detail-billing-address", billing.address)}
            </dl>
        </section>
        <section class="panel-section" aria-labelledby="section-history">
            <h3 id="section-history">"Account history"</h3>
            <History entries=history />
        </section>
        <section class="panel-section" aria-labelledby="section-account">
            <h3 id="section-account">"Account"</h3>
        <dl class="properties" data-testid="detail-overview">
            {property("Name", "detail-prop-name", Some(tenant.name.clone()))}
            {property("Type", "detail-type", Some(type_label(tenant.tenant_type).to_owned()))}
            <div class="property">
                <dt>"Status"</dt>
                <dd data-testid="detail-prop-status">
                    <StatusBadge status=tenant.status reason=tenant.status_reason />
                </dd>
            </div>
            {property("Domain", "detail-prop-domain", Some(tenant.domain.clone()))}
            {property("Admin username", "detail-admin-username", Some(tenant.admin_username.clone()))}
            {property("Admin email", "detail-admin-email", Some(tenant.admin_email.clone()))}
            {property("Created", "detail-created", Some(format::date_time(&tenant.created_at)))}
            <div class="property">
                <dt>"Parent"</dt>
                <dd data-testid="detail-parent">
                    {match parent {
                        Some(link) => link.into_any(),
                        None => view! { <span class="muted">"—"</span> }.into_any(),
                    }}
                </dd>
            </div>
            {property("Customer id", "detail-id", Some(tenant.id.to_string()))}
            {property(
                "Subtenants",
                "detail-allow-subtenants",
                Some(if tenant.allow_subtenants { "Allowed" } else { "Not allowed" }.to_owned()),
            )}
            {property(
                "Request rate",
                "detail-request-rate",
                Some(crate::components::rate_limit_fields::describe(
                    tenant.limit_http_requests,
                    tenant.limit_http_queue,
                )),
            )}
        </dl>
        </section>
    }
}
