//! The one place option values are encrypted: AES-256-GCM under a key derived (SHA-256)
//! from `LANDLORD_ENCRYPTION_KEY` (or the key the binary generated and keeps in the data
//! directory). A stored value is base64 of a fresh 12-byte nonce followed by the
//! ciphertext; the option's `category/key` is the associated data, so a value cannot be
//! moved to another option unnoticed, yet copies verbatim from a policy into a tenant.

use crate::error::{OpError, OpResult};
use aes_gcm::aead::{Aead, KeyInit, OsRng, Payload};
use aes_gcm::{AeadCore, Aes256Gcm, Key, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};
use std::sync::Arc;

const NONCE_BYTES: usize = 12;

/// Encrypts and decrypts credential options. Cheap to clone.
#[derive(Clone)]
pub struct Cipher(Arc<Aes256Gcm>);

impl std::fmt::Debug for Cipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cipher(..)")
    }
}

fn associated(category: &str, key: &str) -> String {
    format!("{category}/{key}")
}

impl Cipher {
    /// The cipher for `secret` (any length; its SHA-256 is the AES-256 key).
    pub fn from_secret(secret: &[u8]) -> Self {
        let key: Key<Aes256Gcm> = Sha256::digest(secret);
        Self(Arc::new(Aes256Gcm::new(&key)))
    }

    /// `value` encrypted for the option `category`/`key`, as stored.
    pub fn encrypt(&self, category: &str, key: &str, value: &str) -> OpResult<String> {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let aad = associated(category, key);
        let sealed = self
            .0
            .encrypt(
                &nonce,
                Payload {
                    msg: value.as_bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| OpError::Internal("encrypting an option failed".into()))?;
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        Ok(STANDARD.encode(bytes))
    }

    /// The clear value of a stored, encrypted option.
    pub fn decrypt(&self, category: &str, key: &str, stored: &str) -> OpResult<String> {
        let broken = || OpError::Internal("an encrypted option cannot be decrypted".into());
        let bytes = STANDARD.decode(stored).map_err(|_| broken())?;
        if bytes.len() < NONCE_BYTES {
            return Err(broken());
        }
        let (nonce, sealed) = bytes.split_at(NONCE_BYTES);
        let nonce: [u8; NONCE_BYTES] = nonce.try_into().map_err(|_| broken())?;
        let aad = associated(category, key);
        let clear = self
            .0
            .decrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: sealed,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| broken())?;
        String::from_utf8(clear).map_err(|_| broken())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_value_round_trips_and_is_bound_to_its_option() {
        let cipher = Cipher::from_secret(b"k");
        let stored = cipher
            .encrypt("mail", "credentials.password", "s3cret")
            .unwrap();
        assert!(!stored.contains("s3cret"));
        assert_ne!(
            stored,
            cipher
                .encrypt("mail", "credentials.password", "s3cret")
                .unwrap()
        );
        assert_eq!(
            cipher
                .decrypt("mail", "credentials.password", &stored)
                .unwrap(),
            "s3cret"
        );
        assert!(
            cipher
                .decrypt("mail", "credentials.other", &stored)
                .is_err()
        );
        assert!(
            Cipher::from_secret(b"other")
                .decrypt("mail", "credentials.password", &stored)
                .is_err()
        );
    }
}
