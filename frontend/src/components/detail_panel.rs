//! The panel on the right of the customer list: one customer's overview, its actions, and
//! its audit log.

use crate::api::{self, ApiError};
use crate::app::TenantsChanged;
use crate::auth::use_session;
use crate::components::alert::{ErrorAlert, error_list};
use crate::components::applications_tab::ApplicationsTab;
use crate::components::audit_log::AuditLog;
use crate::components::capabilities_tab::CapabilitiesTab;
use crate::components::custom_properties_tab::CustomPropertiesTab;
use crate::components::customer_row_menu::PanelRequest;
use crate::components::customer_table::type_label;
use crate::components::delete_dialog::DeleteDialog;
use crate::components::detail_overview::{CountBadges, Overview};
use crate::components::edit_tenant_form::EditTenantForm;
use crate::components::emails_tab::EmailsTab;
use crate::components::policy_tab::PolicyTab;
use crate::components::provisioning_tab::ProvisioningTab;
use crate::components::status_badge::{BillingStateBadge, StatusBadge};
use crate::components::subscription_tab::SubscriptionTab;
use crate::components::support_access::{
    OwnSupportAccess, PlatformSupportSwitch, SupportAccessSection,
};
use crate::components::suspend_dialog::SuspendDialog;
use crate::components::tenant_name::TenantNames;
use crate::components::usage_tab::UsageTab;
use crate::format;
use crate::query::{CustomerQuery, use_customer_query};
use landlord_domain::Permission;
use landlord_domain::tenant::{StatusChange, TenantAction};
use landlord_domain::wire::TenantDetail;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Overview,
    Subscription,
    Capabilities,
    Applications,
    Usage,
    Properties,
    Policy,
    Provisioning,
    Emails,
    Audit,
}

impl Tab {
    const ALL: [Tab; 10] = [
        Self::Overview,
        Self::Subscription,
        Self::Capabilities,
        Self::Applications,
        Self::Usage,
        Self::Properties,
        Self::Policy,
        Self::Provisioning,
        Self::Emails,
        Self::Audit,
    ];

    fn label(self) -> &'static str {
        match self {
            Self::Overview => "Overview",
            Self::Subscription => "Subscription",
            Self::Capabilities => "Capabilities",
            Self::Applications => "Applications",
            Self::Usage => "Usage",
            Self::Properties => "Properties",
            Self::Policy => "Policy",
            Self::Provisioning => "Provisioning",
            Self::Emails => "Emails",
            Self::Audit => "Audit log",
        }
    }

    fn testid(self) -> &'static str {
        match self {
            Self::Overview => "tab-overview",
            Self::Subscription => "tab-subscription",
            Self::Capabilities => "tab-capabilities",
            Self::Applications => "tab-applications",
            Self::Usage => "tab-usage",
            Self::Properties => "tab-properties",
            Self::Policy => "tab-policy",
            Self::Provisioning => "tab-provisioning",
            Self::Emails => "tab-emails",
            Self::Audit => "tab-audit",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpenDialog {
    Suspend,
    Delete,
}

/// The state of the panel that outlives reloads of the customer.
#[derive(Clone, Copy)]
struct PanelState {
    tab: RwSignal<Tab>,
    editing: RwSignal<bool>,
    dialog: RwSignal<Option<OpenDialog>>,
    action_error: RwSignal<Option<ApiError>>,
    busy: RwSignal<bool>,
}

#[component]
pub fn DetailPanel(id: i64) -> impl IntoView {
    let changed = expect_context::<TenantsChanged>();
    let names = TenantNames::use_context();
    let tenant = LocalResource::new(move || {
        changed.0.track();
        async move {
            let detail = api::get_tenant(id).await;
            if let Ok(detail) = &detail {
                names.remember(id, detail.tenant.name.clone());
            }
            detail
        }
    });
    let state = PanelState {
        tab: RwSignal::new(Tab::Overview),
        editing: RwSignal::new(false),
        dialog: RwSignal::new(None),
        action_error: RwSignal::new(None),
        busy: RwSignal::new(false),
    };
    // A row menu's "Associate package" and the like open the panel on their tab.
    if let Some(request) = PanelRequest::use_context() {
        Effect::new(move |_| {
            if let Some((wanted, testid)) = request.0.get()
                && wanted == id
            {
                if let Some(tab) = Tab::ALL.into_iter().find(|t| t.testid() == testid) {
                    state.editing.set(false);
                    state.tab.set(tab);
                }
                request.0.set(None);
            }
        });
    }
    let (query, _) = use_customer_query();
    let navigate = use_navigate();
    let close = move |_| {
        navigate(
            &format!(
                "/customers{}",
                query.with_untracked(CustomerQuery::to_query_string)
            ),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        )
    };

    view! {
        <aside class="detail-panel" data-testid="detail-panel" data-tenant-id=id aria-label="Customer details">
            <button type="button" class="icon-button panel-close" data-testid="detail-close" aria-label="Close details" on:click=close>
                "✕"
            </button>
            <Transition fallback=|| view! { <PanelSkeleton /> }>
                <ErrorBoundary fallback=|errors| error_list(errors, "detail-error")>
                    {move || Suspend::new(async move { tenant.await.map(|tenant| view! { <DetailContent tenant state /> }) })}
                </ErrorBoundary>
            </Transition>
        </aside>
    }
}

#[component]
fn PanelSkeleton() -> impl IntoView {
    view! {
        <div class="panel-skeleton" data-testid="detail-loading" aria-label="Loading customer">
            <span class="skeleton skeleton-title"></span>
            <span class="skeleton"></span>
            <span class="skeleton"></span>
            <span class="skeleton"></span>
        </div>
    }
}

#[component]
fn DetailContent(tenant: TenantDetail, state: PanelState) -> impl IntoView {
    let session = use_session();
    let changed = expect_context::<TenantsChanged>();
    let detail = tenant;
    let tenant = detail.tenant.clone();
    let id = tenant.id;
    let status = tenant.status;
    let own = session.own_tenant_id() == Some(id);
    // What the server says this user may do to this tenant now; nothing is derived here.
    let actions = tenant.allowed_actions.clone();
    let allowed = move |action: TenantAction| actions.contains(&action);
    // Its own administrator edits a tenant's profile (`update_profile`), its parent all of it.
    let can_update = allowed(TenantAction::Update) || allowed(TenantAction::UpdateProfile);
    let can_delete = allowed(TenantAction::Delete);
    let can_audit = allowed(TenantAction::ViewAuditLog);
    // A tenant subscribes to its parent's catalogue: the operator's own tenant has none here.
    let can_billing = !own && session.can(Permission::BillingRead);
    let can_capabilities = session.can(Permission::CapabilitiesRead);
    let can_usage = session.can(Permission::UsageRead);
    // A customer's parent subscribes it to applications; its own users only look.
    let manage_applications = !own && session.can(Permission::CapabilitiesManage);
    let can_emails = session.can(Permission::TenantsRead);
    let stored = StoredValue::new(detail);

    let change_status = move |change: StatusChange| {
        state.busy.set(true);
        state.action_error.set(None);
        spawn_local(async move {
            let result = match change {
                StatusChange::Deactivate => api::deactivate_tenant(id).await,
                _ => api::activate_tenant(id).await,
            };
            state.busy.set(false);
            match result {
                Ok(_) => changed.notify(),
                Err(e) => state.action_error.set(Some(e)),
            }
        });
    };
    let open = move |dialog: OpenDialog| {
        state.action_error.set(None);
        state.dialog.set(Some(dialog));
    };
    let close_dialog = Callback::new(move |()| state.dialog.set(None));
    let done_editing = Callback::new(move |()| state.editing.set(false));

    view! {
        <header class="panel-header">
            <div class="panel-title">
                <p class="eyebrow" data-testid="detail-eyebrow">
                    {if own { format!("Your organisation · {}", type_label(tenant.tenant_type)) } else { type_label(tenant.tenant_type).to_owned() }}
                </p>
                <h2 data-testid="detail-name">{tenant.name.clone()}</h2>
                <p class="muted">
                    <code data-testid="detail-domain">{tenant.domain.clone()}</code>
                </p>
            </div>
            <span class="badges">
                <StatusBadge status reason=tenant.status_reason testid="detail-status" />
                <BillingStateBadge state=tenant.billing_state.clone() testid="detail-billing-state" />
            </span>
        </header>
        <dl class="overview-meta" data-testid="detail-summary">
            <div>
                <dt>"Email"</dt>
                <dd data-testid="detail-email">
                    {tenant.contact_email.clone().unwrap_or_else(|| tenant.admin_email.clone())}
                </dd>
            </div>
            <div>
                <dt>"Created"</dt>
                <dd>
                    <time datetime=tenant.created_at.to_rfc3339()>{format::date(&tenant.created_at)}</time>
                </dd>
            </div>
        </dl>
        <CountBadges tenant=tenant.clone() />
        {stored
            .with_value(|t| t.support_access.clone())
            .map(|access| view! { <SupportAccessSection domain=tenant.domain.clone() access /> })}
        {(own && !session.is_management() && session.can(Permission::UsersManage))
            .then(|| view! { <OwnSupportAccess id /> })}
        {(own && session.is_management() && session.can(Permission::TenantsChange))
            .then(|| view! { <PlatformSupportSwitch /> })}

        <div class="panel-actions" role="toolbar" aria-label="Customer actions">
            <Show when=move || can_update && !state.editing.get()>
                <button
                    type="button"
                    class="button button-secondary"
                    data-testid="action-edit"
                    on:click=move |_| {
                        state.tab.set(Tab::Overview);
                        state.editing.set(true);
                    }
                >
                    "Edit"
                </button>
            </Show>
            {allowed(TenantAction::Activate)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button button-secondary"
                            data-testid="action-activate"
                            disabled=move || state.busy.get()
                            on:click=move |_| change_status(StatusChange::Activate)
                        >
                            "Activate"
                        </button>
                    }
                })}
            {allowed(TenantAction::Suspend)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button button-secondary"
                            data-testid="action-suspend"
                            disabled=move || state.busy.get()
                            on:click=move |_| open(OpenDialog::Suspend)
                        >
                            "Suspend"
                        </button>
                    }
                })}
            {allowed(TenantAction::Deactivate)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button button-secondary"
                            data-testid="action-deactivate"
                            disabled=move || state.busy.get()
                            on:click=move |_| change_status(StatusChange::Deactivate)
                        >
                            "Deactivate"
                        </button>
                    }
                })}
            {(!own)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button button-secondary"
                            data-testid="action-setup-instructions"
                            disabled=move || state.busy.get()
                            on:click=move |_| download_setup_instructions(id, state)
                        >
                            "Download setup instructions"
                        </button>
                    }
                })}
            {can_delete
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button button-danger-ghost"
                            data-testid="action-delete"
                            disabled=move || state.busy.get()
                            on:click=move |_| open(OpenDialog::Delete)
                        >
                            "Delete"
                        </button>
                    }
                })}
        </div>
        {move || state.action_error.get().map(|error| view! { <ErrorAlert error testid="action-error" /> })}

        <div class="tabs" role="tablist" aria-label="Customer sections">
            {[
                (Tab::Overview, true),
                (Tab::Subscription, can_billing),
                (Tab::Capabilities, can_capabilities),
                (Tab::Applications, can_capabilities),
                (Tab::Usage, can_usage),
                (Tab::Properties, session.can(Permission::TenantsRead)),
                (Tab::Policy, session.can(Permission::TenantsRead)),
                (Tab::Provisioning, true),
                (Tab::Emails, can_emails),
                (Tab::Audit, can_audit),
            ]
                .into_iter()
                .filter(|(_, shown)| *shown)
                .map(|(tab, _)| {
                    view! {
                        <button
                            type="button"
                            role="tab"
                            class="tab"
                            aria-selected=move || (state.tab.get() == tab).to_string()
                            data-testid=tab.testid()
                            on:click=move |_| {
                                // The edit form belongs to the overview: leaving it closes it.
                                if tab != Tab::Overview {
                                    state.editing.set(false);
                                }
                                state.tab.set(tab);
                            }
                        >
                            {tab.label()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
        <div class="tab-panel" role="tabpanel">
            {move || match (state.tab.get(), state.editing.get()) {
                (Tab::Audit, _) => view! { <AuditLog id domain=stored.with_value(|t| t.tenant.domain.clone()) /> }.into_any(),
                (Tab::Subscription, _) => view! { <SubscriptionTab tenant=stored.with_value(|t| t.tenant.clone()) /> }.into_any(),
                (Tab::Capabilities, _) => view! { <CapabilitiesTab tenant=id own /> }.into_any(),
                (Tab::Applications, _) => view! { <ApplicationsTab tenant=id manage=manage_applications /> }.into_any(),
                (Tab::Usage, _) => view! { <UsageTab tenant=id /> }.into_any(),
                (Tab::Properties, _) => view! { <CustomPropertiesTab tenant=id own /> }.into_any(),
                (Tab::Policy, _) => view! { <PolicyTab tenant=id own /> }.into_any(),
                (Tab::Provisioning, _) => view! { <ProvisioningTab tenant=id /> }.into_any(),
                (Tab::Emails, _) => view! { <EmailsTab tenant=id /> }.into_any(),
                (Tab::Overview, true) => view! { <EditTenantForm tenant=stored.get_value() on_done=done_editing /> }.into_any(),
                (Tab::Overview, false) => view! { <Overview tenant=stored.get_value() /> }.into_any(),
            }}
        </div>
        {move || {
            state
                .dialog
                .get()
                .map(|dialog| match dialog {
                    OpenDialog::Suspend => {
                        view! { <SuspendDialog id name=stored.with_value(|t| t.tenant.name.clone()) on_close=close_dialog /> }.into_any()
                    }
                    OpenDialog::Delete => {
                        view! { <DeleteDialog id domain=stored.with_value(|t| t.tenant.domain.clone()) on_close=close_dialog /> }.into_any()
                    }
                })
        }}
    }
}

/// Fetches the customer's setup instructions (seed 004) and offers them as a file.
fn download_setup_instructions(id: i64, state: PanelState) {
    state.action_error.set(None);
    state.busy.set(true);
    spawn_local(async move {
        let result = crate::components::download::save_setup_instructions(id).await;
        state.busy.set(false);
        if let Err(error) = result {
            state.action_error.set(Some(error));
        }
    });
}
