//! A tenant's setup instructions (seed 004): the Markdown file an operator follows to deploy
//! the tenant on a dedicated or VPS server, from the operator's hosting settings.

use crate::context::Context;
use crate::error::OpResult;
use crate::scope::visible;
pub use landlord_documents::SetupTemplates;
use landlord_documents::{SetupFacts, render_setup_instructions};
use landlord_domain::Permission;
use landlord_persistence::Database;

/// Where tenants are hosted: what the instructions and tenant domain login need to know.
#[derive(Debug, Clone, Default)]
pub struct Hosting {
    /// The base domain tenants live under as `<domain>.<base domain>`
    /// (`LANDLORD_BASE_DOMAIN`).
    pub base_domain: Option<String>,
    /// The server's public IP address or host name, for the DNS records
    /// (`LANDLORD_SERVER_ADDRESS`).
    pub server_address: Option<String>,
    /// The templates: built in, or the operator's (`LANDLORD_SETUP_TEMPLATES_DIR`).
    pub templates: SetupTemplates,
}

/// The instructions as a download.
#[derive(Debug, Clone)]
pub struct SetupInstructions {
    pub file_name: String,
    pub markdown: String,
}

/// The setup instructions of the visible tenant `id`.
pub fn setup_instructions(
    db: &Database,
    ctx: &Context,
    hosting: &Hosting,
    id: i64,
) -> OpResult<SetupInstructions> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsRead)?;
    let row = db.read(|conn| visible(conn, caller, id))?;
    let facts = SetupFacts {
        tenant_name: row.name.clone(),
        domain: row.domain.clone(),
        base_domain: hosting.base_domain.clone(),
        server_address: hosting.server_address.clone(),
        generated_at: ctx
            .now
            .and_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    Ok(SetupInstructions {
        file_name: format!("setup-{}.md", row.domain),
        markdown: render_setup_instructions(&hosting.templates, &facts),
    })
}
