//! What can be done to an invoice from its dialog: download the PDF; record a payment; void,
//! mark uncollectible or finalize it, as its status allows. Changes need `billing:manage`.

use crate::api::{ApiError, billing};
use crate::auth::use_session;
use crate::components::alert::ErrorAlert;
use crate::components::download::save_file;
use crate::components::fields::{FieldErrorText, FormErrors, TextField, focus_first_error};
use landlord_domain::Permission;
use landlord_domain::billing::InvoiceStatus;
use landlord_domain::wire::{InvoiceView, PaymentMethodKind, RecordPaymentRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A state change awaiting confirmation: the API's action, its button and what it does.
#[derive(Clone, Copy, PartialEq)]
struct Transition {
    action: &'static str,
    label: &'static str,
    note: &'static str,
}

const VOID: Transition = Transition {
    action: "void",
    label: "Void invoice",
    note: "A void invoice is never collected and counts for nothing; its number stays used.",
};
const UNCOLLECTIBLE: Transition = Transition {
    action: "mark-uncollectible",
    label: "Mark uncollectible",
    note: "No more attempts are made to collect it; a payment recorded later still settles it.",
};
const FINALIZE: Transition = Transition {
    action: "finalize",
    label: "Finalize",
    note: "The draft gets its number and becomes due; it can no longer change.",
};

fn method_label(method: PaymentMethodKind) -> &'static str {
    match method {
        PaymentMethodKind::BankTransfer => "Bank transfer",
        PaymentMethodKind::Card => "Card",
        PaymentMethodKind::Cash => "Cash",
        PaymentMethodKind::Check => "Check",
        PaymentMethodKind::Other => "Other",
    }
}

#[component]
pub fn InvoiceActions(invoice: InvoiceView, changed: Callback<()>) -> impl IntoView {
    let session = use_session();
    let id = invoice.id;
    let status = invoice.status;
    let manage = session.can(Permission::BillingManage);
    let paying = RwSignal::new(false);
    let confirming = RwSignal::new(None::<Transition>);
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let file_name = format!(
        "{}.pdf",
        invoice
            .number
            .clone()
            .unwrap_or_else(|| format!("invoice-{id}"))
    );

    let download = move |_| {
        failure.set(None);
        busy.set(true);
        let fallback = file_name.clone();
        spawn_local(async move {
            let result = billing::invoice_pdf(id).await;
            busy.set(false);
            match result {
                Ok(file) => {
                    let name = file.file_name.as_deref().unwrap_or(&fallback);
                    if save_file(&file.bytes, name, "application/pdf").is_err() {
                        failure.set(Some(ApiError::Decode(
                            "the browser refused to save the file".into(),
                        )));
                    }
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let apply = move |transition: Transition| {
        failure.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = billing::invoice_action(id, transition.action).await;
            busy.set(false);
            match result {
                Ok(_) => changed.run(()),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let ask = move |transition: Transition| {
        failure.set(None);
        paying.set(false);
        confirming.set(Some(transition));
    };
    let payable = matches!(status, InvoiceStatus::Open | InvoiceStatus::Uncollectible);
    let transitions: Vec<Transition> = [
        (status == InvoiceStatus::Draft).then_some(FINALIZE),
        (status == InvoiceStatus::Open).then_some(UNCOLLECTIBLE),
        matches!(status, InvoiceStatus::Draft | InvoiceStatus::Open).then_some(VOID),
    ]
    .into_iter()
    .flatten()
    .filter(|_| manage)
    .collect();

    view! {
        <div class="form-actions invoice-actions" role="toolbar" aria-label="Invoice actions">
            <button type="button" class="button button-secondary" data-testid="invoice-download-pdf" disabled=move || busy.get() on:click=download>
                <span class="icon-download" aria-hidden="true"></span>
                "Download PDF"
            </button>
            {(manage && payable).then(|| view! {
                <button
                    type="button"
                    class="button button-primary"
                    data-testid="invoice-record-payment"
                    disabled=move || busy.get()
                    on:click=move |_| {
                        confirming.set(None);
                        paying.set(true);
                    }
                >
                    "Record payment"
                </button>
            })}
            {transitions
                .into_iter()
                .map(|t| view! {
                    <button
                        type="button"
                        class=if t == FINALIZE { "button button-secondary" } else { "button button-danger-ghost" }
                        data-testid=format!("invoice-{}", t.action)
                        disabled=move || busy.get()
                        on:click=move |_| ask(t)
                    >
                        {t.label}
                    </button>
                })
                .collect::<Vec<_>>()}
        </div>
        {move || confirming.get().map(|t| view! {
            <div class="alert alert-info confirm-box" role="alertdialog" data-testid="invoice-confirm">
                <p>{t.note}</p>
                <div class="form-actions">
                    <button type="button" class="button button-secondary button-small" data-testid="invoice-confirm-cancel" on:click=move |_| confirming.set(None)>
                        "Cancel"
                    </button>
                    <button type="button" class="button button-danger button-small" data-testid="invoice-confirm-ok" disabled=move || busy.get() on:click=move |_| apply(t)>
                        {t.label}
                    </button>
                </div>
            </div>
        })}
        <Show when=move || paying.get()>
            <PaymentForm id amount_due=invoice.amount_due.clone() on_cancel=Callback::new(move |()| paying.set(false)) on_recorded=changed />
        </Show>
        {move || failure.get().map(|error| view! { <ErrorAlert error testid="invoice-action-error" /> })}
    }
}

/// Records a payment: the amount (the amount due at first), how it was paid, a reference.
#[component]
fn PaymentForm(
    id: i64,
    amount_due: String,
    on_cancel: Callback<()>,
    on_recorded: Callback<()>,
) -> impl IntoView {
    let amount = RwSignal::new(amount_due);
    let method = RwSignal::new(PaymentMethodKind::BankTransfer);
    let reference = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let failure = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        errors.clear();
        let request = RecordPaymentRequest {
            amount: amount.get_untracked().trim().to_owned(),
            method: method.get_untracked(),
            reference: Some(reference.get_untracked().trim().to_owned()).filter(|r| !r.is_empty()),
            paid_at: None,
        };
        saving.set(true);
        spawn_local(async move {
            let result = billing::record_payment(id, &request).await;
            saving.set(false);
            match result {
                Ok(_) => on_recorded.run(()),
                Err(error) if !error.field_errors().is_empty() => {
                    errors.set(error.field_errors());
                    focus_first_error("payment-form");
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    view! {
        <form class="form form-inset" data-testid="payment-form" on:submit=submit novalidate>
            <h3>"Record payment"</h3>
            <TextField label="Amount" field="amount" value=amount testid="payment-amount" errors required=true autofocus=true />
            <div class="field">
                <label for="payment-method">"Method"</label>
                <select
                    id="payment-method"
                    data-testid="payment-method"
                    prop:value=move || method.get().as_str()
                    on:change=move |ev| {
                        if let Some(m) = PaymentMethodKind::parse(&event_target_value(&ev)) {
                            method.set(m);
                        }
                    }
                >
                    {PaymentMethodKind::ALL
                        .iter()
                        .map(|m| view! { <option value=m.as_str()>{method_label(*m)}</option> })
                        .collect::<Vec<_>>()}
                </select>
                <FieldErrorText field="method" message=Signal::derive(move || errors.get("method")) />
            </div>
            <TextField label="Reference" field="reference" value=reference testid="payment-reference" errors placeholder="SEPA 2026-02-03" />
            {move || failure.get().map(|error| view! { <ErrorAlert error testid="payment-error" /> })}
            <div class="form-actions">
                <button type="button" class="button button-secondary" data-testid="payment-cancel" on:click=move |_| on_cancel.run(())>
                    "Cancel"
                </button>
                <button type="submit" class="button button-primary" data-testid="payment-submit" disabled=move || saving.get()>
                    {move || if saving.get() { "Recording…" } else { "Record payment" }}
                </button>
            </div>
        </form>
    }
}
