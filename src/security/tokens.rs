//! Opaque secrets sent to people (e-mail links, refresh tokens): random, and stored only as a hash.

use rand::Rng;
use sha2::{Digest, Sha256};

/// 256 random bits, hex-encoded: unguessable, and safe in a URL or a header.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex(&bytes)
}

/// What the database keeps instead of the secret: a leaked table yields no usable token.
pub fn hash_secret(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A presented secret of the right shape, before any database lookup.
pub fn looks_like_secret(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_unique_and_only_their_hash_is_kept() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert!(looks_like_secret(&a));
        assert_eq!(hash_secret(&a), hash_secret(&a));
        assert_ne!(hash_secret(&a), a);
        assert_eq!(hash_secret(&a).len(), 64);
    }
}
