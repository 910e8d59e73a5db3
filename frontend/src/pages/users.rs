//! `/users?tenant=&status=&page=`: users of the caller's tenant and its subtree, optionally
//! of one customer (shown as a removable chip).

use crate::api::{self, UserFilter};
use crate::components::alert::error_list;
use crate::components::pagination::Pagination;
use crate::components::status_badge::UserStatusBadge;
use crate::format;
use crate::query::{UsersQuery, use_users_query};
use landlord_domain::user::UserStatus;
use landlord_domain::wire::UserView;
use leptos::prelude::*;

const PER_PAGE: u32 = 25;

#[component]
pub fn UsersPage() -> impl IntoView {
    let (query, set_query) = use_users_query();
    let users = LocalResource::new(move || {
        let query = query.get();
        async move {
            let filter = UserFilter {
                tenant: query.tenant,
                status: query.status.map(|s| s.as_str().to_owned()),
                page: query.page,
                per_page: PER_PAGE,
            };
            api::list_users(&filter).await
        }
    });
    let set_status = set_query.clone();
    let on_status = move |ev| {
        let mut next = query.get_untracked();
        next.status = UserStatus::parse(&event_target_value(&ev));
        next.page = 1;
        set_status(next);
    };

    view! {
        <section class="page users-page" aria-labelledby="users-title">
            <header class="page-header">
                <div>
                    <h1 id="users-title">"Users"</h1>
                    <p class="page-subtitle">"People who can sign in to your tenant and your customers' tenants."</p>
                </div>
            </header>
            <div class="toolbar">
                {move || query.with(|q| q.tenant).map(|tenant| view! { <TenantChip tenant /> })}
                <div class="field field-inline">
                    <label for="users-status-filter">"Status"</label>
                    <select
                        id="users-status-filter"
                        data-testid="users-status-filter"
                        prop:value=move || query.with(|q| q.status.map(UserStatus::as_str).unwrap_or_default())
                        on:change=on_status
                    >
                        <option value="">"All"</option>
                        <option value="active">"Active"</option>
                        <option value="disabled">"Disabled"</option>
                    </select>
                </div>
            </div>
            <Transition fallback=|| view! { <div class="card table-card"><p class="table-message muted" data-testid="users-loading">"Loading users…"</p></div> }>
                <ErrorBoundary fallback=|errors| error_list(errors, "users-error")>
                    {move || {
                        let set_query = set_query.clone();
                        Suspend::new(async move {
                            users
                                .await
                                .map(|page| {
                                    let (current, per_page, total) = (page.page, page.per_page, page.total);
                                    view! {
                                        <UsersTable users=page.items />
                                        <Pagination
                                            page=current
                                            per_page
                                            total
                                            noun=("user", "users")
                                            testid="users-pagination"
                                            on_page=move |page| {
                                                let mut next = query.get_untracked();
                                                next.page = page;
                                                set_query(next);
                                            }
                                        />
                                    }
                                })
                        })
                    }}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

/// "Customer: Acme ✕": the customer filter, removable.
#[component]
fn TenantChip(tenant: i64) -> impl IntoView {
    let (query, set_query) = use_users_query();
    let name =
        LocalResource::new(
            move || async move { api::get_tenant(tenant).await.ok().map(|t| t.name) },
        );
    let remove = move |_| {
        set_query(UsersQuery {
            tenant: None,
            page: 1,
            ..query.get_untracked()
        })
    };
    view! {
        <span class="chip" data-testid="tenant-chip" data-tenant-id=tenant>
            <span class="chip-label">"Customer: "</span>
            <a href=format!("/customers/{tenant}") class="chip-value">
                {move || name.get().flatten().unwrap_or_else(|| format!("#{tenant}"))}
            </a>
            <button type="button" class="chip-remove" aria-label="Remove customer filter" data-testid="tenant-chip-remove" on:click=remove>
                "✕"
            </button>
        </span>
    }
}

fn role_label(user: &UserView) -> &'static str {
    user.role.as_str()
}

#[component]
fn UsersTable(users: Vec<UserView>) -> impl IntoView {
    let empty = users.is_empty();
    view! {
        <div class="card table-card">
            <table class="data-table" data-testid="users-table">
                <thead>
                    <tr>
                        <th scope="col">"Username"</th>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Email"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Created"</th>
                    </tr>
                </thead>
                <tbody>
                    {empty
                        .then(|| {
                            view! {
                                <tr>
                                    <td colspan="6" class="table-message">
                                        <div class="empty-state" data-testid="users-empty">
                                            <p class="empty-title">"No users match"</p>
                                        </div>
                                    </td>
                                </tr>
                            }
                        })}
                    {users
                        .into_iter()
                        .map(|user| {
                            view! {
                                <tr data-testid="user-row" data-username=user.username.clone() data-id=user.id data-tenant-id=user.tenant_id>
                                    <td>
                                        <span class="strong">{user.username.clone()}</span>
                                        {user.is_first_admin.then(|| view! { <span class="tag">"First admin"</span> })}
                                    </td>
                                    <td>{user.display_name.clone().unwrap_or_default()}</td>
                                    <td>{user.email.clone()}</td>
                                    <td class="capitalize">{role_label(&user)}</td>
                                    <td>
                                        <UserStatusBadge status=user.status />
                                    </td>
                                    <td>
                                        <time datetime=user.created_at.to_rfc3339()>{format::date(&user.created_at)}</time>
                                    </td>
                                </tr>
                            }
                        })
                        .collect::<Vec<_>>()}
                </tbody>
            </table>
        </div>
    }
}
