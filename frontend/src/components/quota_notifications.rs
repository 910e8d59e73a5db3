//! The customer's latest notifications in the Capabilities tab: each quota threshold
//! reached and limit exceeded, newest first.

use crate::api::capabilities;
use crate::components::alert::ErrorAlert;
use landlord_domain::capability::NotificationKind;
use landlord_domain::wire::NotificationView;
use leptos::prelude::*;

fn notification_text(n: &NotificationView) -> String {
    let what = match n.kind {
        NotificationKind::QuotaExceeded => "reached its limit".to_owned(),
        NotificationKind::QuotaThresholdReached => format!("reached {} %", n.threshold),
    };
    format!("{}: {what} ({} of {})", n.quota, n.used, n.limit)
}

#[component]
pub fn QuotaNotifications(tenant: i64, reload: RwSignal<u32>) -> impl IntoView {
    let loaded = LocalResource::new(move || {
        reload.track();
        capabilities::list_notifications(tenant)
    });
    view! {
        <h3 class="section-title">"Notifications"</h3>
        {move || match loaded.get() {
            None => view! { <p class="muted">"Loading…"</p> }.into_any(),
            Some(Err(error)) => view! { <ErrorAlert error testid="notifications-error" /> }.into_any(),
            Some(Ok(page)) if page.items.is_empty() => view! {
                <p class="muted" data-testid="notifications-empty">"No quota has reached a threshold."</p>
            }.into_any(),
            Some(Ok(page)) => view! {
                <ul class="notifications" data-testid="notifications">
                    {page.items.iter().map(|n| view! {
                        <li data-testid="notification" data-kind=n.kind.as_str()>
                            <span>{notification_text(n)}</span>
                            <span class="muted">{format!(" · {}", n.created_at.format("%Y-%m-%d %H:%M UTC"))}</span>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}
