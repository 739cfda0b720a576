//! Faults that lose nothing (issue #16): many people acting on one petition at once, pakn killed
//! or stopped while citizens file, SQLite locked by another process, the attachment folder gone.
//! Each runs the real server on the real database (SQLite, or PostgreSQL with TEST_DATABASE_URL).

mod conflicts;
mod locked;
mod process;
mod signals;
mod storage;
