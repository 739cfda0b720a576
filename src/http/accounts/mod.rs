//! `/api/v1/auth/*`, `/api/v1/me` and `/api/v1/admin/users`.

pub mod auth;
pub mod me;
pub mod users;
