//! Reading stored text back into typed values, at the edge of the database: a value the code does
//! not know is an error that names its table and column, never a silent default.

use std::fmt::Display;
use std::str::FromStr;

use diesel::QueryResult;
use diesel::result::Error;

/// A stored value that is none of the values its column may hold.
#[derive(Debug, thiserror::Error)]
#[error("{table}.{column} holds {value:?}, which pakn cannot read: {reason}")]
pub struct UnreadableColumn {
    pub table: &'static str,
    pub column: &'static str,
    pub value: String,
    pub reason: String,
}

/// The columns of one table, for naming the one that cannot be read.
#[derive(Debug, Clone, Copy)]
pub struct Columns(pub &'static str);

impl Columns {
    /// Reads `value`, stored in `column`, as a `T`.
    pub fn parse<T>(self, column: &'static str, value: &str) -> QueryResult<T>
    where
        T: FromStr,
        T::Err: Display,
    {
        value.parse().map_err(|reason| self.unreadable(column, value, reason))
    }

    pub fn parse_optional<T>(self, column: &'static str, value: Option<&str>) -> QueryResult<Option<T>>
    where
        T: FromStr,
        T::Err: Display,
    {
        value.map(|value| self.parse(column, value)).transpose()
    }

    /// The error for `value` in `column`, as diesel reports a value it cannot deserialize.
    pub fn unreadable(self, column: &'static str, value: &str, reason: impl Display) -> Error {
        Error::DeserializationError(Box::new(UnreadableColumn {
            table: self.0,
            column,
            value: value.to_string(),
            reason: reason.to_string(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::petition::PetitionStatus;

    #[test]
    fn an_unknown_value_names_its_table_and_column() {
        let error = Columns("petitions").parse::<PetitionStatus>("status", "lost").unwrap_err();
        assert_eq!(
            error.to_string(),
            "petitions.status holds \"lost\", which pakn cannot read: must be one of: received, accepted, \
             in_progress, resolved, closed, refused, transferred, withdrawn, merged, suspended"
        );
    }
}
