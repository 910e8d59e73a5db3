use landlord_domain::TenantStatus;
use landlord_domain::tenant::StatusReason;
use landlord_domain::user::UserStatus;
use leptos::prelude::*;

fn label(status: TenantStatus) -> &'static str {
    match status {
        TenantStatus::Provisioning => "Provisioning",
        TenantStatus::Active => "Active",
        TenantStatus::Suspended => "Suspended",
        TenantStatus::Inactive => "Inactive",
    }
}

/// A tenant's status as a coloured pill: active green, suspended red, inactive grey,
/// provisioning amber. A tenant suspended for unpaid invoices reads "Suspended (dunning)".
#[component]
pub fn StatusBadge(
    status: TenantStatus,
    #[prop(optional_no_strip)] reason: Option<StatusReason>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let dunning = status == TenantStatus::Suspended && reason == Some(StatusReason::Dunning);
    view! {
        <span
            class=format!("badge badge-{}", status.as_str())
            data-testid=testid
            data-status=status.as_str()
            data-reason=reason.map(StatusReason::as_str)
            title=dunning.then_some("Suspended for unpaid invoices; paying them reactivates it")
        >
            <span class="badge-dot" aria-hidden="true"></span>
            {label(status)}
            {dunning.then_some(" (dunning)")}
        </span>
    }
}

/// A tenant's dunning state (`billing_state` other than `ok`) as a pill: amber for a
/// reminder, red from then on. Nothing while it is `ok`.
#[component]
pub fn BillingStateBadge(
    #[prop(into)] state: String,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    (state != "ok").then(|| {
        let tone = if state == "reminder" {
            "provisioning"
        } else {
            "suspended"
        };
        view! {
            <span
                class=format!("badge badge-{tone} badge-billing")
                data-testid=testid
                data-billing-state=state.clone()
                title="Overdue invoices: the customer's dunning state"
            >
                <span class="badge-dot" aria-hidden="true"></span>
                "Billing: "
                <span class="capitalize">{state.replace('_', " ")}</span>
            </span>
        }
    })
}

/// A user's account status as a pill.
#[component]
pub fn UserStatusBadge(status: UserStatus) -> impl IntoView {
    let (class, text) = match status {
        UserStatus::Active => ("badge badge-active", "Active"),
        UserStatus::Disabled => ("badge badge-inactive", "Disabled"),
    };
    view! {
        <span class=class data-status=status.as_str()>
            <span class="badge-dot" aria-hidden="true"></span>
            {text}
        </span>
    }
}
