//! Cryptography pakn relies on: password hashing, access tokens, and opaque one-time secrets.
//! Nothing here touches the database or HTTP.

pub mod jwt;
pub mod passwords;
pub mod sealing;
pub mod tokens;
