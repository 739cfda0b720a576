//! Who follows which administrative units for new consultations.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::consultation_subscriptions;
use crate::domain::ids::UserId;

/// The unit codes `user` follows, in code order.
pub fn of_user(connection: &mut DbConnection, user: &UserId) -> QueryResult<Vec<String>> {
    consultation_subscriptions::table
        .filter(consultation_subscriptions::user_id.eq(user.as_str()))
        .order(consultation_subscriptions::admin_unit_code.asc())
        .select(consultation_subscriptions::admin_unit_code)
        .load(connection)
}

/// Replaces the units `user` follows.
pub fn replace(connection: &mut DbConnection, user: &UserId, codes: &[String], now: NaiveDateTime) -> QueryResult<()> {
    diesel::delete(consultation_subscriptions::table.filter(consultation_subscriptions::user_id.eq(user.as_str())))
        .execute(connection)?;
    for code in codes {
        diesel::insert_into(consultation_subscriptions::table)
            .values((
                consultation_subscriptions::user_id.eq(user.as_str()),
                consultation_subscriptions::admin_unit_code.eq(code),
                consultation_subscriptions::subscribed_at.eq(now),
            ))
            .execute(connection)?;
    }
    Ok(())
}

/// Everyone who follows any of `codes`, each once.
pub fn followers_of(connection: &mut DbConnection, codes: &[&str]) -> QueryResult<Vec<UserId>> {
    let users: Vec<String> = consultation_subscriptions::table
        .filter(consultation_subscriptions::admin_unit_code.eq_any(codes))
        .select(consultation_subscriptions::user_id)
        .distinct()
        .order(consultation_subscriptions::user_id.asc())
        .load(connection)?;
    Ok(users.into_iter().map(UserId::from_stored).collect())
}

/// Forgets what `user` follows (their account erased).
pub fn forget(connection: &mut DbConnection, user: &UserId) -> QueryResult<usize> {
    diesel::delete(consultation_subscriptions::table.filter(consultation_subscriptions::user_id.eq(user.as_str())))
        .execute(connection)
}
