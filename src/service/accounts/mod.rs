//! Accounts: registering, signing in, passwords, and the users administrators manage.

pub mod passwords;
pub mod registration;
pub mod sessions;
pub mod users;
