//! The Emails tab of a customer: the notification mails sent to its people, newest first,
//! with their status (queued, sent, failed), attempts and the last error.

use crate::api::mail;
use crate::components::alert::ErrorAlert;
use landlord_domain::mail::{MailKind, MailStatus};
use landlord_domain::wire::MailView;
use leptos::prelude::*;

/// What a mail is about, as the table shows it.
pub fn kind_label(kind: MailKind) -> &'static str {
    match kind {
        MailKind::ActivationLink => "Activation link",
        MailKind::Credentials => "Sign-in details",
        MailKind::PasswordReset => "Password reset",
        MailKind::TenantSuspended => "Suspension notice",
        MailKind::InvoiceIssued => "Invoice issued",
        MailKind::DunningReminder => "Payment reminder",
        MailKind::QuotaThreshold => "Quota threshold",
    }
}

fn status_label(status: MailStatus) -> &'static str {
    match status {
        MailStatus::Queued => "Queued",
        MailStatus::Sent => "Sent",
        MailStatus::Failed => "Failed",
    }
}

fn when(m: &MailView) -> String {
    m.sent_at
        .unwrap_or(m.created_at)
        .format("%Y-%m-%d %H:%M UTC")
        .to_string()
}

#[component]
pub fn EmailsTab(tenant: i64) -> impl IntoView {
    let loaded = LocalResource::new(move || mail::list_emails(tenant));
    view! {
        {move || match loaded.get() {
            None => view! { <p class="muted">"Loading…"</p> }.into_any(),
            Some(Err(error)) => view! { <ErrorAlert error testid="emails-error" /> }.into_any(),
            Some(Ok(page)) if page.items.is_empty() => view! {
                <p class="muted" data-testid="emails-empty">"No mail was sent to this customer."</p>
            }.into_any(),
            Some(Ok(page)) => view! {
                <table class="data-table" data-testid="emails">
                    <thead>
                        <tr>
                            <th scope="col">"Mail"</th>
                            <th scope="col">"Status"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {page.items.iter().map(|m| view! {
                            <tr data-testid="email" data-kind=m.kind.as_str() data-status=m.status.as_str()>
                                <td>
                                    <div>{m.subject.clone()}</div>
                                    <div class="muted">{format!("{} · to {}", kind_label(m.kind), m.recipient)}</div>
                                </td>
                                <td>
                                    <div>{format!("{} · {} attempt(s)", status_label(m.status), m.attempts)}</div>
                                    <div class="muted">{when(m)}</div>
                                    {m.last_error.clone().map(|e| view! { <div class="muted" data-testid="email-error">{e}</div> })}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
        }}
    }
}
