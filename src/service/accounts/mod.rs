//! Accounts: the one way an account is created, registering, one-time links, invitations,
//! placements and heads of agencies, signing in, passwords, one's profile, and the users
//! administrators manage.

pub mod creation;
pub mod heads;
pub mod invitations;
pub mod links;
pub mod passwords;
pub mod placement;
pub mod profile;
pub mod registration;
pub mod sessions;
pub mod users;
