//! Cryptography pakn relies on: password hashing, access tokens, and opaque one-time secrets;
//! and the private files and folders its secrets and data are kept in. Nothing here touches the
//! database or HTTP.

pub mod jwt;
pub mod passwords;
pub mod private_files;
pub mod sealing;
pub mod tokens;
