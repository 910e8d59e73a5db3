//! The hosting settings (`LANDLORD_BASE_DOMAIN`, `LANDLORD_SERVER_ADDRESS`) and the setup
//! instructions' templates: built in, each replaceable by a file of the same name in
//! `LANDLORD_SETUP_TEMPLATES_DIR`, read once at start-up.

use crate::config::HostingArgs;
use anyhow::Context;
use landlord_operations::tenants::{Hosting, SetupTemplates};

pub fn load(args: &HostingArgs) -> anyhow::Result<Hosting> {
    let mut templates = SetupTemplates::builtin();
    if let Some(dir) = &args.setup_templates_dir {
        anyhow::ensure!(
            dir.is_dir(),
            "LANDLORD_SETUP_TEMPLATES_DIR {} is not a directory",
            dir.display()
        );
        for file in SetupTemplates::FILES {
            let path = dir.join(file);
            if path.is_file() {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("reading the template {}", path.display()))?;
                templates.replace(file, text);
                tracing::info!(template = %path.display(), "setup-instruction template replaced");
            }
        }
    }
    let clean = |v: &Option<String>| {
        v.as_deref()
            .map(|s| s.trim().trim_matches('.').to_ascii_lowercase())
            .filter(|s| !s.is_empty())
    };
    Ok(Hosting {
        base_domain: clean(&args.base_domain),
        server_address: args
            .server_address
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned),
        templates,
    })
}
