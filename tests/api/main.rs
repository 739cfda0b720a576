//! The one integration-test binary: each test starts the real server on port 0 against its own
//! database — SQLite by default, PostgreSQL when TEST_DATABASE_URL=postgres://… is set.

// A panic in a test or its helpers is a failing test, not an outage.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod helpers;
mod mailbox;
mod outbox;
mod petitions;

mod accounts;
mod admin_units;
mod agencies;
mod appeals;
mod architecture;
mod attachments;
mod attacks;
mod authorization;
mod calendar;
mod cli;
mod completion;
mod confidentiality;
mod consultations;
mod contract;
mod deadline_rules;
mod deadlines;
mod denunciations;
mod errors;
mod faults;
mod health;
mod open311;
mod oversight;
mod personal_data;
mod public_answers;
mod public_page;
mod queues;
mod reception;
mod reference_data;
mod reference_editing;
mod reports;
mod routing_rules;
mod security;
mod suspension;
mod users;
mod workflow;
