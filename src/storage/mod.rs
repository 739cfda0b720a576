//! Where evidence files live: stored by content hash behind a small interface, so a deployment on
//! several machines can put S3-compatible object storage where the local folder is by default.

use std::io::Write;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::security::private_files;
use crate::security::tokens::hex;

pub trait FileStore: Send + Sync + 'static {
    /// Stores the bytes and returns their SHA-256 (hex), which names them from then on.
    fn put(&self, bytes: &[u8]) -> std::io::Result<String>;
    fn get(&self, content_hash: &str) -> std::io::Result<Vec<u8>>;
}

/// Files under a folder outside anything served: `ab/cd/abcd…` by content hash. Writing goes
/// through a temporary file and a rename, so a crash never leaves half a file under its name.
pub struct LocalFolderStore {
    root: PathBuf,
}

impl LocalFolderStore {
    pub fn new(root: PathBuf) -> std::io::Result<Self> {
        private_files::create_folder(&root)?;
        Ok(LocalFolderStore { root })
    }

    fn path_of(&self, content_hash: &str) -> std::io::Result<PathBuf> {
        if content_hash.len() != 64 || !content_hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a content hash"));
        }
        Ok(self.root.join(&content_hash[0..2]).join(&content_hash[2..4]).join(content_hash))
    }
}

impl FileStore for LocalFolderStore {
    fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let hash = hex(&Sha256::digest(bytes));
        let path = self.path_of(&hash)?;
        if path.exists() {
            return Ok(hash); // the same content is stored once
        }
        let folder = path.parent().ok_or_else(|| std::io::Error::other("no folder"))?;
        private_files::create_folder(folder)?;
        let temporary = folder.join(format!(".{hash}.{}", uuid::Uuid::new_v4().simple()));
        let written = (|| {
            let mut file = private_files::create_file(&temporary)?;
            file.write_all(bytes)?;
            file.sync_all()?;
            std::fs::rename(&temporary, &path)
        })();
        if written.is_err() {
            // A full disk or a failing write must not leave half a file behind.
            let _ = std::fs::remove_file(&temporary);
        }
        written.map(|()| hash)
    }

    fn get(&self, content_hash: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.path_of(content_hash)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_by_their_content_and_stored_once() {
        let root = std::env::temp_dir().join(format!("pakn-store-{}", uuid::Uuid::new_v4().simple()));
        let store = LocalFolderStore::new(root.clone()).unwrap();
        let hash = store.put(b"evidence").unwrap();
        assert_eq!(store.put(b"evidence").unwrap(), hash);
        assert_eq!(store.get(&hash).unwrap(), b"evidence");
        assert!(store.get("../../etc/passwd").is_err());
        std::fs::remove_dir_all(root).unwrap();
    }
}
