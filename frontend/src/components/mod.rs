//! Small components, each named for what the user sees.

pub mod alert;
pub mod audit_log;
pub mod copy_button;
pub mod create_tenant_form;
pub mod customer_filters;
pub mod customer_table;
pub mod delete_dialog;
pub mod detail_panel;
pub mod dialog;
pub mod edit_tenant_form;
pub mod fields;
pub mod pagination;
pub mod shell;
pub mod status_badge;
pub mod suspend_dialog;
