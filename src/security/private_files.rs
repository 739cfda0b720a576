//! Files and folders only pakn's own user may read or write: the database, mail written to disk,
//! generated secrets and evidence files. Created so (0700 folders, 0600 files) rather than
//! tightened afterwards, except where another library creates the file (SQLite's database).
//! A folder that already exists is left as it is: it may be shared (`/tmp`, a mounted volume),
//! and its owner chose its mode.

use std::fs::{DirBuilder, File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates `path` and any missing parents, private to their owner; an existing folder is left as is.
pub fn create_folder(path: &Path) -> io::Result<()> {
    if path.is_dir() {
        return Ok(());
    }
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path)
}

/// Creates (or truncates) a file only its owner may read.
pub fn create_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    restrict(path, 0o600)?;
    Ok(file)
}

/// Makes an existing file (one another library created) readable by its owner only; a file that
/// does not exist is left alone.
pub fn make_file_private(path: &Path) -> io::Result<()> {
    match restrict(path, 0o600) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[cfg(unix)]
fn restrict(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn restrict(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn folders_and_files_are_their_owners_alone() {
        let root = std::env::temp_dir().join(format!("pakn-private-{}", uuid::Uuid::new_v4().simple()));
        create_folder(&root.join("a/b")).unwrap();
        assert_eq!(mode(&root.join("a/b")), 0o700);
        std::fs::create_dir(root.join("shared")).unwrap();
        std::fs::set_permissions(root.join("shared"), std::fs::Permissions::from_mode(0o755)).unwrap();
        create_folder(&root.join("shared")).unwrap();
        assert_eq!(mode(&root.join("shared")), 0o755, "an existing folder keeps its mode");
        create_file(&root.join("a/b/secret")).unwrap();
        assert_eq!(mode(&root.join("a/b/secret")), 0o600);
        std::fs::write(root.join("made-elsewhere"), b"x").unwrap();
        make_file_private(&root.join("made-elsewhere")).unwrap();
        assert_eq!(mode(&root.join("made-elsewhere")), 0o600);
        make_file_private(&root.join("missing")).unwrap();
        std::fs::remove_dir_all(root).unwrap();
    }
}
