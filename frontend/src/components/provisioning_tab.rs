//! The Provisioning tab of a customer: its pipeline's steps with their status, attempts and
//! last error, read again every second while the pipeline runs; after a failure, "Run
//! provisioning again" and "Mark as active" (confirmed, with its warning).

use crate::api::{ApiError, provisioning};
use crate::app::TenantsChanged;
use crate::components::alert::ErrorAlert;
use crate::format;
use landlord_domain::provisioning::{PipelineStatus, StepKind, StepStatus};
use landlord_domain::wire::{TenantProvisioningStepView, TenantProvisioningView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// How often a running pipeline is read again.
const REFRESH: Duration = Duration::from_secs(1);

fn step_badge(status: StepStatus) -> (&'static str, &'static str) {
    match status {
        StepStatus::Pending => ("badge badge-neutral", "Pending"),
        StepStatus::Running => ("badge badge-provisioning", "Running"),
        StepStatus::Succeeded => ("badge badge-active", "Succeeded"),
        StepStatus::Failed => ("badge badge-suspended", "Failed"),
        StepStatus::Skipped => ("badge badge-inactive", "Skipped"),
    }
}

fn pipeline_label(status: PipelineStatus) -> &'static str {
    match status {
        PipelineStatus::Running => "Provisioning is running",
        PipelineStatus::Succeeded => "Provisioning is complete",
        PipelineStatus::Failed => "Provisioning failed",
    }
}

#[component]
pub fn ProvisioningTab(tenant: i64) -> impl IntoView {
    let changed = expect_context::<TenantsChanged>();
    let reload = RwSignal::new(0_u32);
    let pipeline = LocalResource::new(move || {
        reload.track();
        provisioning::get_provisioning(tenant)
    });
    let last = RwSignal::new(None::<PipelineStatus>);
    let running =
        move || pipeline.with(|p| matches!(p, Some(Ok(p)) if p.status == PipelineStatus::Running));
    // When a run ends, the customer's status changed too: reload the panel.
    Effect::new(move |_| {
        if let Some(Ok(p)) = pipeline.get() {
            let before = last.get_untracked();
            last.set(Some(p.status));
            if before == Some(PipelineStatus::Running) && p.status != PipelineStatus::Running {
                changed.notify();
            }
        }
    });
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if running() {
                reload.update(|n| *n += 1);
            }
        },
        REFRESH,
    ) {
        on_cleanup(move || handle.clear());
    }
    view! {
        <section class="panel-section provisioning-tab" data-testid="provisioning-tab" aria-label="Provisioning">
            {move || match pipeline.get() {
                None => view! { <p class="muted" data-testid="provisioning-loading">"Loading…"</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error testid="provisioning-error" /> }.into_any(),
                Some(Ok(p)) => view! { <Pipeline pipeline=p tenant reload /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Pipeline(pipeline: TenantProvisioningView, tenant: i64, reload: RwSignal<u32>) -> impl IntoView {
    let status = pipeline.status;
    let rows = pipeline
        .steps
        .into_iter()
        .map(|step| view! { <StepRow step /> })
        .collect_view();
    view! {
        <p class="provisioning-status" data-testid="provisioning-status" data-status=status.as_str()>
            {pipeline_label(status)}
        </p>
        <ol class="provisioning-steps" data-testid="provisioning-steps">{rows}</ol>
        {(status == PipelineStatus::Failed).then(|| view! { <FailedActions tenant reload /> })}
    }
}

#[component]
fn StepRow(step: TenantProvisioningStepView) -> impl IntoView {
    let (class, label) = step_badge(step.status);
    let attempts = if step.kind == StepKind::External {
        format!("{} / {}", step.attempts, step.max_attempts)
    } else {
        step.attempts.to_string()
    };
    let finished = step.finished_at.as_ref().map(format::date_time);
    view! {
        <li class="provisioning-step" data-testid="provisioning-step" data-step=step.name.clone() data-status=step.status.as_str()>
            <div class="provisioning-step-head">
                <code>{step.name.clone()}</code>
                {(step.kind == StepKind::Builtin).then(|| view! { <span class="muted">" built-in"</span> })}
                <span class=class data-testid="provisioning-step-status">{label}</span>
            </div>
            <p class="muted provisioning-step-meta">
                "Attempts " <span data-testid="provisioning-step-attempts">{attempts}</span>
                {finished.map(|at| format!(" · finished {at}"))}
            </p>
            {step.last_error.clone().map(|error| view! {
                <p class="provisioning-step-error" data-testid="provisioning-step-error">{error}</p>
            })}
        </li>
    }
}

/// After a failure: run the failed and pending steps again, or activate without them.
#[component]
fn FailedActions(tenant: i64, reload: RwSignal<u32>) -> impl IntoView {
    let changed = expect_context::<TenantsChanged>();
    let busy = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let done = move |result: Result<(), ApiError>| {
        busy.set(false);
        match result {
            Ok(()) => {
                changed.notify();
                reload.update(|n| *n += 1);
            }
            Err(error) => failure.set(Some(error)),
        }
    };
    let retry = move |_| {
        busy.set(true);
        failure.set(None);
        spawn_local(async move { done(provisioning::retry(tenant).await.map(|_| ())) });
    };
    let mark_active = move |_| {
        busy.set(true);
        failure.set(None);
        spawn_local(async move { done(provisioning::mark_active(tenant).await.map(|_| ())) });
    };
    view! {
        <div class="panel-actions" role="toolbar" aria-label="Provisioning actions">
            <button type="button" class="button button-primary" data-testid="provisioning-retry"
                disabled=move || busy.get() on:click=retry>
                "Run provisioning again"
            </button>
            <button type="button" class="button button-secondary" data-testid="provisioning-mark-active"
                disabled=move || busy.get() on:click=move |_| confirming.set(true)>
                "Mark as active"
            </button>
        </div>
        <Show when=move || confirming.get()>
            <div class="alert alert-warning" role="alertdialog" data-testid="mark-active-confirm">
                <p>
                    "The customer becomes active although its unfinished provisioning steps never ran; "
                    "they are marked skipped, and whatever they set up must be done by other means."
                </p>
                <div class="panel-actions">
                    <button type="button" class="button button-danger" data-testid="mark-active-confirm-button"
                        disabled=move || busy.get() on:click=mark_active>
                        "Mark as active anyway"
                    </button>
                    <button type="button" class="button button-secondary" data-testid="mark-active-cancel"
                        on:click=move |_| confirming.set(false)>
                        "Cancel"
                    </button>
                </div>
            </div>
        </Show>
        {move || failure.get().map(|error| view! { <ErrorAlert error testid="provisioning-action-error" /> })}
    }
}
