use landlord_domain::TenantStatus;
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
/// provisioning amber.
#[component]
pub fn StatusBadge(
    status: TenantStatus,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    view! {
        <span class=format!("badge badge-{}", status.as_str()) data-testid=testid data-status=status.as_str()>
            <span class="badge-dot" aria-hidden="true"></span>
            {label(status)}
        </span>
    }
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
