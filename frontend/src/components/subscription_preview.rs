//! What a plan change would invoice, as the server previews it: what the change does and
//! when, the prorated lines, the totals and the amount due.

use crate::api::ApiResult;
use crate::components::alert::ErrorAlert;
use crate::components::invoice_detail::LinesTable;
use crate::format;
use landlord_domain::wire::{ChangeEffect, SubscriptionPreview};
use leptos::prelude::*;

/// A sentence for what the change does and when.
pub fn effect_text(preview: &SubscriptionPreview) -> String {
    let when = format::day(&preview.applies_at);
    match preview.change {
        ChangeEffect::New => format!("Starts on {when}."),
        ChangeEffect::Upgrade => {
            "Upgrade: applies now, with the rest of the period prorated.".into()
        }
        ChangeEffect::CycleChange => {
            "Cycle change: applies now; the new period starts today.".into()
        }
        ChangeEffect::Downgrade => {
            format!("Downgrade: takes effect on {when}, at the end of the period.")
        }
        ChangeEffect::None => "This is the current plan and cycle: nothing changes.".into(),
    }
}

/// The preview of the chosen plan and cycle; `None` until the first answer.
#[component]
pub fn PreviewPanel(
    #[prop(into)] preview: Signal<Option<ApiResult<SubscriptionPreview>>>,
    #[prop(into)] loading: Signal<bool>,
) -> impl IntoView {
    view! {
        <section class="preview" class:is-loading=move || loading.get() aria-busy=move || loading.get().to_string() aria-live="polite" data-testid="subscription-preview">
            {move || preview.get().map(|result| match result {
                Err(error) => view! { <ErrorAlert error testid="preview-error" /> }.into_any(),
                Ok(preview) => view! { <PreviewBody preview /> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn PreviewBody(preview: SubscriptionPreview) -> impl IntoView {
    let currency = preview.currency;
    let money = move |amount: &str| format::money(amount, currency);
    let effect = effect_text(&preview);
    let empty = preview.lines.is_empty();
    let row = |label: &'static str, testid: &'static str, value: String| {
        view! {
            <div>
                <dt>{label}</dt>
                <dd data-testid=testid>{value}</dd>
            </div>
        }
    };
    let applies = (preview.change == ChangeEffect::Downgrade).then(|| {
        view! {
            <p class="preview-applies" data-testid="preview-applies-at">
                {format!("Takes effect on {}", format::day(&preview.applies_at))}
            </p>
        }
    });
    view! {
        <p class="preview-effect" data-testid="preview-effect" data-change=preview.change.as_str()>{effect}</p>
        {applies}
        {if empty {
            view! { <p class="muted" data-testid="preview-no-invoice">"No invoice now."</p> }.into_any()
        } else {
            view! {
                <LinesTable lines=preview.lines.clone() currency testid="preview-lines" />
                <dl class="invoice-totals" data-testid="preview-totals">
                    {row("Subtotal", "preview-subtotal", money(&preview.subtotal))}
                    {row("Tax", "preview-tax", money(&preview.tax))}
                    {row("Total", "preview-total", money(&preview.total))}
                    {row("Credit applied", "preview-credit", money(&preview.credit_applied))}
                    <div class="invoice-total-due">
                        <dt>"Amount due"</dt>
                        <dd data-testid="preview-amount-due">{money(&preview.amount_due)}</dd>
                    </div>
                </dl>
            }
            .into_any()
        }}
        <p class="muted field-hint" data-testid="preview-credit-after">
            {format!("Credit balance afterwards: {}", money(&preview.credit_balance_after))}
        </p>
    }
}
