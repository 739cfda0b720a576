//! Sealing confidential petitioners' identities (Law on Denunciations Art. 47) with AES-256-GCM. The sealed
//! text is bound to its petition (as associated data), so it cannot be moved to another one.

use aes_gcm::aead::{Aead, Generate, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};

use super::tokens::hex;

const NONCE_BYTES: usize = 12;

#[derive(Clone)]
pub struct Sealer {
    cipher: Aes256Gcm,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SealError {
    #[error("the identity key must be 64 hexadecimal characters (32 bytes)")]
    BadKey,
    #[error("the sealed identity cannot be opened (wrong key, wrong petition, or altered)")]
    CannotOpen,
}

impl Sealer {
    /// From the 64 hex characters of `PAKN_IDENTITY_KEY`.
    pub fn from_hex(key: &str) -> Result<Self, SealError> {
        let bytes = from_hex(key.trim()).filter(|b| b.len() == 32).ok_or(SealError::BadKey)?;
        let cipher = Aes256Gcm::new_from_slice(&bytes).map_err(|_| SealError::BadKey)?;
        Ok(Sealer { cipher })
    }

    /// Seals `plaintext` for `petition_id`; a fresh random nonce each time.
    pub fn seal(&self, petition_id: &str, plaintext: &[u8]) -> Result<String, SealError> {
        let nonce = Nonce::generate();
        let ciphertext = self
            .cipher
            .encrypt(&nonce, Payload { msg: plaintext, aad: petition_id.as_bytes() })
            .map_err(|_| SealError::CannotOpen)?;
        let mut sealed = nonce.to_vec();
        sealed.extend_from_slice(&ciphertext);
        Ok(hex(&sealed))
    }

    pub fn open(&self, petition_id: &str, sealed: &str) -> Result<Vec<u8>, SealError> {
        let bytes = from_hex(sealed).filter(|b| b.len() > NONCE_BYTES).ok_or(SealError::CannotOpen)?;
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let nonce = Nonce::try_from(nonce).map_err(|_| SealError::CannotOpen)?;
        self.cipher
            .decrypt(&nonce, Payload { msg: ciphertext, aad: petition_id.as_bytes() })
            .map_err(|_| SealError::CannotOpen)
    }
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    #[test]
    fn a_sealed_identity_opens_only_for_its_own_petition() {
        let sealer = Sealer::from_hex(KEY).unwrap();
        let sealed = sealer.seal("petition-1", "Trần Thị Tố Cáo".as_bytes()).unwrap();
        assert!(!sealed.contains("Tr"), "nothing readable is stored");
        assert_eq!(sealer.open("petition-1", &sealed).unwrap(), "Trần Thị Tố Cáo".as_bytes());
        assert_eq!(sealer.open("petition-2", &sealed), Err(SealError::CannotOpen));
    }

    #[test]
    fn sealing_twice_gives_different_texts() {
        let sealer = Sealer::from_hex(KEY).unwrap();
        assert_ne!(sealer.seal("p", b"same").unwrap(), sealer.seal("p", b"same").unwrap());
    }

    #[test]
    fn an_altered_text_or_another_key_does_not_open() {
        let sealer = Sealer::from_hex(KEY).unwrap();
        let mut sealed = sealer.seal("p", b"name").unwrap();
        let last = sealed.pop().unwrap();
        sealed.push(if last == '0' { '1' } else { '0' });
        assert_eq!(sealer.open("p", &sealed), Err(SealError::CannotOpen));
        let other = Sealer::from_hex(&KEY.replace("00", "ff")).unwrap();
        assert_eq!(other.open("p", &sealer.seal("p", b"name").unwrap()), Err(SealError::CannotOpen));
    }

    #[test]
    fn a_malformed_key_is_refused() {
        assert!(Sealer::from_hex("short").is_err());
        assert!(Sealer::from_hex(&"zz".repeat(32)).is_err());
    }
}
