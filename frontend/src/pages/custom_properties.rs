//! `/settings/properties`: the custom property library (seed 003): the extra fields every
//! customer can carry (an ERP reference, a region, a renewal date), each with its type,
//! default and how many customers hold a value. The management tenant adds, edits and
//! deletes them; values are edited on a customer's Properties tab.

use crate::api::{ApiError, custom_properties};
use crate::auth::use_session;
use crate::components::alert::ErrorAlert;
use crate::components::custom_property_form::{DeletePropertyDialog, PropertyFormDialog};
use crate::components::property_input::{shown, type_label};
use crate::format;
use landlord_domain::wire::CustomPropertyView;
use leptos::prelude::*;

const COLUMNS: usize = 6;

#[derive(Clone)]
enum Open {
    New,
    Edit(CustomPropertyView),
    Delete(CustomPropertyView),
}

#[component]
pub fn CustomPropertiesPage() -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0_u64);
    let list = LocalResource::new(move || {
        reload.get();
        custom_properties::list_properties()
    });
    let dialog = RwSignal::new(None::<Open>);
    let notice = RwSignal::new(None::<String>);
    // Only the management tenant keeps the library; everyone else reads it.
    let can_manage = Signal::derive(move || session.is_management());
    let close = Callback::new(move |()| dialog.set(None));
    let done = move |message: String| {
        dialog.set(None);
        notice.set(Some(message));
        reload.update(|n| *n += 1);
    };
    let saved = Callback::new(move |p: CustomPropertyView| done(format!("{} was saved.", p.name)));
    let deleted = Callback::new(move |key: String| done(format!("{key} was deleted.")));
    let act = Callback::new(move |open: Open| {
        notice.set(None);
        dialog.set(Some(open));
    });

    view! {
        <section class="page custom-properties-page" aria-labelledby="custom-properties-title" data-testid="custom-properties-page">
            <header class="page-header">
                <div>
                    <h1 id="custom-properties-title">"Custom properties"</h1>
                    <p class="page-subtitle">
                        "Extra fields every customer can carry. Each is a column of the usage statistics and its export, to filter and sort by."
                    </p>
                </div>
                <Show when=move || can_manage.get()>
                    <button type="button" class="button button-primary" data-testid="new-custom-property" on:click=move |_| act.run(Open::New)>
                        <span aria-hidden="true">"+ "</span>
                        "New property"
                    </button>
                </Show>
            </header>
            {move || notice.get().map(|message| view! {
                <div class="alert alert-success page-notice" role="status" data-testid="custom-properties-page-notice">{message}</div>
            })}
            <div class="card table-card">
                <table class="data-table" data-testid="custom-properties-table">
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Key"</th>
                            <th scope="col">"Type"</th>
                            <th scope="col">"Default"</th>
                            <th scope="col" class="col-count">"Customers"</th>
                            <th scope="col" class="col-actions"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || list.get().map(|result| match result {
                            Err(error) => {
                                let error: ApiError = error;
                                view! { <tr><td colspan=COLUMNS class="table-message"><ErrorAlert error testid="custom-properties-page-error" /></td></tr> }.into_any()
                            }
                            Ok(properties) => properties.into_iter().map(|property| view! {
                                <PropertyRow property can_manage act />
                            }).collect::<Vec<_>>().into_any(),
                        })}
                    </tbody>
                </table>
            </div>
            {move || dialog.get().map(|open| match open {
                Open::New => view! { <PropertyFormDialog property=None on_close=close on_saved=saved /> }.into_any(),
                Open::Edit(property) => view! { <PropertyFormDialog property=Some(property) on_close=close on_saved=saved /> }.into_any(),
                Open::Delete(property) => view! { <DeletePropertyDialog property on_close=close on_deleted=deleted /> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn PropertyRow(
    property: CustomPropertyView,
    can_manage: Signal<bool>,
    act: Callback<Open>,
) -> impl IntoView {
    let stored = StoredValue::new(property.clone());
    view! {
        <tr data-testid="custom-property-row" data-key=property.key.clone()>
            <td>
                <span class="row-title">{property.name.clone()}</span>
                {property.description.clone().map(|d| view! { <span class="row-sub">{d}</span> })}
            </td>
            <td><code>{property.key.clone()}</code></td>
            <td>{type_label(property.property_type)}</td>
            <td data-testid="custom-property-default-value">{shown(property.default.as_ref())}</td>
            <td class="col-count" data-testid="custom-property-count">{format::number(property.tenants_count)}</td>
            <td class="col-actions">
                <Show when=move || can_manage.get()>
                    <div class="row-actions">
                        <button type="button" class="button button-secondary button-small" data-testid="custom-property-edit"
                            on:click=move |_| act.run(Open::Edit(stored.get_value()))>"Edit"</button>
                        <button type="button" class="button button-danger-ghost button-small" data-testid="custom-property-delete"
                            on:click=move |_| act.run(Open::Delete(stored.get_value()))>"Delete"</button>
                    </div>
                </Show>
            </td>
        </tr>
    }
}
