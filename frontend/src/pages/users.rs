//! `/users?tenant=&status=&page=`: users of the caller's tenant and its subtree, optionally
//! of one customer (shown as a removable chip); creating and deleting users.

use crate::api::{self, ListFilter};
use crate::app::TenantsChanged;
use crate::auth::use_session;
use crate::components::list::{BodyParts, ListPagination, StatusFilter, empty_state, page_info};
use crate::components::status_badge::UserStatusBadge;
use crate::components::tenant_name::{TenantChip, TenantLink, TenantNames};
use crate::components::user_dialogs::{DeleteUserDialog, NewUserDialog};
use crate::format;
use crate::loader::latest;
use crate::query::{ListParams, ListQuery, use_list_query};
use landlord_domain::Permission;
use landlord_domain::wire::UserView;
use leptos::prelude::*;

const PER_PAGE: u32 = 25;
const COLUMNS: usize = 7;

pub const USERS: ListParams = ListParams {
    path: "/users",
    statuses: &["active", "disabled"],
    sort_keys: &[],
    default_sort: None,
};

#[derive(Clone)]
enum Open {
    New,
    Delete(UserView),
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let session = use_session();
    let changed = expect_context::<TenantsChanged>();
    let (query, set_query) = use_list_query(USERS);
    let reload = RwSignal::new(0_u64);
    let key = Memo::new(move |_| (query.get(), reload.get()));
    let names = TenantNames::use_context();
    let list = latest(key, move |(query, _): (ListQuery, u64), abort| async move {
        let filter = ListFilter {
            tenant: query.tenant,
            status: query.status.map(str::to_owned),
            sort: None,
            page: query.page,
            per_page: PER_PAGE,
        };
        let page = api::list_users(&filter, abort.as_ref()).await;
        if let Ok(page) = &page {
            names.remember_all(
                page.items
                    .iter()
                    .map(|user| (user.tenant_id, user.tenant_name.clone())),
            );
        }
        page
    });
    let settled = Signal::derive(move || !list.loading.get());
    let dialog = RwSignal::new(None::<Open>);
    let notice = RwSignal::new(None::<String>);
    let can_manage = move || session.can(Permission::UsersManage);
    let me = move || session.me.with(|me| me.as_ref().map(|me| me.user.id));

    let on_retry = Callback::new(move |()| reload.update(|n| *n += 1));
    let on_clear = Callback::new(move |()| set_query(ListQuery::default()));
    let close = Callback::new(move |()| dialog.set(None));
    let done = Callback::new(move |message: String| {
        dialog.set(None);
        notice.set(Some(message));
        reload.update(|n| *n += 1);
        // Users counts on the customer list and its summary change too.
        changed.notify();
    });
    let ask_delete = Callback::new(move |user: UserView| {
        notice.set(None);
        dialog.set(Some(Open::Delete(user)));
    });

    view! {
        <section class="page users-page" aria-labelledby="users-title">
            <header class="page-header">
                <div>
                    <h1 id="users-title">"Users"</h1>
                    <p class="page-subtitle">"People who can sign in to your tenant and your customers' tenants."</p>
                </div>
                <Show when=can_manage>
                    <button
                        type="button"
                        class="button button-primary"
                        data-testid="new-user"
                        on:click=move |_| {
                            notice.set(None);
                            dialog.set(Some(Open::New));
                        }
                    >
                        <span aria-hidden="true">"+ "</span>
                        "New user"
                    </button>
                </Show>
            </header>
            <div class="toolbar">
                {move || query.with(|q| q.tenant).map(|tenant| view! { <TenantChip tenant spec=USERS settled /> })}
                <StatusFilter spec=USERS labels=&["Active", "Disabled"] testid="users-status-filter" />
            </div>
            {move || {
                notice
                    .get()
                    .map(|message| {
                        view! {
                            <div class="alert alert-success page-notice" role="status" data-testid="users-notice">
                                {message}
                            </div>
                        }
                    })
            }}
            <div class="card table-card" class:is-loading=move || list.loading.get() aria-busy=move || list.loading.get().to_string()>
                <table class="data-table" data-testid="users-table">
                    <thead>
                        <tr>
                            <th scope="col" class="col-name">"User"</th>
                            <th scope="col" class="col-email">"Email"</th>
                            <th scope="col" class="col-customer">"Customer"</th>
                            <th scope="col">"Role"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col" class="col-created">"Created"</th>
                            <th scope="col" class="col-actions">
                                <span class="visually-hidden">"Actions"</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let filtered = query.with(|q| q.tenant.is_some() || q.status.is_some());
                            let manage = can_manage();
                            let me = me();
                            list.data
                                .with(|data| {
                                    BodyParts {
                                        data: data.as_ref(),
                                        columns: COLUMNS,
                                        testid: "users",
                                        on_retry,
                                    }
                                        .render(
                                            || empty_state("users", "users", filtered, on_clear),
                                            |user| {
                                                let deletable = manage && Some(user.id) != me;
                                                view! { <UserRow user=user.clone() deletable on_delete=ask_delete /> }.into_any()
                                            },
                                        )
                                })
                        }}
                    </tbody>
                </table>
            </div>
            <ListPagination info=page_info(list) spec=USERS noun=("user", "users") testid="users-pagination" />
            {move || {
                dialog
                    .get()
                    .map(|open| match open {
                        Open::New => {
                            let tenant = query.with_untracked(|q| q.tenant);
                            view! { <NewUserDialog tenant on_close=close on_done=done /> }.into_any()
                        }
                        Open::Delete(user) => view! { <DeleteUserDialog user on_close=close on_done=done /> }.into_any(),
                    })
            }}
        </section>
    }
}

#[component]
fn UserRow(user: UserView, deletable: bool, on_delete: Callback<UserView>) -> impl IntoView {
    let stored = StoredValue::new(user.clone());
    view! {
        <tr data-testid="user-row" data-username=user.username.clone() data-id=user.id data-tenant-id=user.tenant_id>
            <td class="col-name">
                <span class="row-title">
                    <span class="strong">{user.display_name.clone().unwrap_or_else(|| user.username.clone())}</span>
                    {user.is_first_admin.then(|| view! { <span class="tag">"First admin"</span> })}
                </span>
                <span class="row-sub">{user.username.clone()}</span>
            </td>
            <td class="col-email">{user.email.clone()}</td>
            <td class="col-customer">
                <TenantLink id=user.tenant_id name=user.tenant_name.clone() />
            </td>
            <td class="capitalize">{user.role.as_str()}</td>
            <td>
                <UserStatusBadge status=user.status />
            </td>
            <td class="col-created">
                <time datetime=user.created_at.to_rfc3339()>{format::date(&user.created_at)}</time>
            </td>
            <td class="col-actions">
                {deletable
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button-danger-ghost button-small"
                                data-testid="user-delete"
                                aria-label=format!("Delete {}", user.username)
                                on:click=move |_| on_delete.run(stored.get_value())
                            >
                                "Delete"
                            </button>
                        }
                    })}
            </td>
        </tr>
    }
}
