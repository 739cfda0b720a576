//! Faults that lose nothing (issue #16): many people acting on one petition at once, pakn killed
//! or stopped while citizens file, SQLite locked by another process, the attachment folder gone,
//! PostgreSQL gone and back, PostgreSQL hanging with its connections open and answering again, the
//! mail server down and back, two processes on one database.
//! Each runs the real server on the real database (SQLite, or PostgreSQL with TEST_DATABASE_URL).

mod conflicts;
mod database_down;
mod database_hangs;
mod locked;
mod mail_down;
mod process;
mod proxy;
mod signals;
mod storage;
mod two_processes;
