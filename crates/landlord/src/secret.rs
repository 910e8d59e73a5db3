//! The token-signing secret and the options' encryption key: given, or generated once and
//! kept in the data directory.

use anyhow::{Context, bail};
use std::io::Write;
use std::path::Path;

pub const MIN_SECRET_BYTES: usize = 32;
const FILE_NAME: &str = "jwt-secret";
const ENCRYPTION_FILE_NAME: &str = "encryption-key";

/// The token-signing secret (`LANDLORD_JWT_SECRET`, or `jwt-secret` in the data directory).
pub fn load_or_create(given: Option<&str>, data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    load_or_create_named(given, data_dir, FILE_NAME, "LANDLORD_JWT_SECRET")
}

/// The secret the options' encryption key derives from (`LANDLORD_ENCRYPTION_KEY`, or
/// `encryption-key` in the data directory).
pub fn encryption_key(given: Option<&str>, data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    load_or_create_named(
        given,
        data_dir,
        ENCRYPTION_FILE_NAME,
        "LANDLORD_ENCRYPTION_KEY",
    )
}

fn load_or_create_named(
    given: Option<&str>,
    data_dir: &Path,
    file_name: &str,
    variable: &str,
) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = given {
        if secret.len() < MIN_SECRET_BYTES {
            bail!("{variable} must be at least {MIN_SECRET_BYTES} bytes long");
        }
        return Ok(secret.as_bytes().to_vec());
    }
    let path = data_dir.join(file_name);
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim();
        if existing.len() >= MIN_SECRET_BYTES {
            return Ok(existing.as_bytes().to_vec());
        }
    }
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("creating {}", data_dir.display()))?;
    let secret = landlord_api::auth::password::random_secret(32);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(&path)
        .with_context(|| format!("writing {}", path.display()))?;
    file.write_all(secret.as_bytes())?;
    tracing::info!(path = %path.display(), variable, "generated a secret");
    Ok(secret.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_secret_is_kept_and_reused() {
        let dir = std::env::temp_dir().join(format!("landlord-secret-{}", std::process::id()));
        let first = load_or_create(None, &dir).unwrap();
        let second = load_or_create(None, &dir).unwrap();
        assert_eq!(first, second);
        assert!(first.len() >= MIN_SECRET_BYTES);
        let key = encryption_key(None, &dir).unwrap();
        assert_ne!(key, first);
        assert_eq!(key, encryption_key(None, &dir).unwrap());
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_short_given_secret_is_refused() {
        assert!(load_or_create(Some("short"), Path::new("/nonexistent")).is_err());
    }
}
