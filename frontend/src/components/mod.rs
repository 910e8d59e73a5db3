//! Small components, each named for what the user sees.

pub mod alert;
pub mod audit_log;
pub mod copy_button;
pub mod create_tenant_form;
pub mod customer_fields;
pub mod customer_filters;
pub mod customer_picker;
pub mod customer_table;
pub mod delete_dialog;
pub mod detail_panel;
pub mod dialog;
pub mod download;
pub mod edit_tenant_form;
pub mod fields;
pub mod list;
pub mod pagination;
pub mod palette;
pub mod shell;
pub mod sort_header;
pub mod status_badge;
pub mod summary_cards;
pub mod suspend_dialog;
pub mod tenant_name;
pub mod user_dialogs;
pub mod webhook_dialogs;
pub mod webhook_form;
