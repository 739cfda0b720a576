//! The supervision rules: periods in days, each naming the basis it comes from, editable by
//! administrators (the law is data).

use chrono::NaiveDateTime;

use crate::domain::ids::UserId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupervisionRule {
    pub rule: String,
    pub days: i32,
    pub basis: String,
    pub changed_by: Option<UserId>,
    pub updated_at: NaiveDateTime,
}
