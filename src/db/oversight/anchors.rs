//! Published anchors of the audit chain, and the people who receive each one by e-mail.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{audit_anchor_subscribers, audit_anchors, users};
use crate::domain::ids::UserId;
use crate::domain::oversight::audit::Anchor;

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = audit_anchors)]
struct AnchorRow {
    position: i64,
    hash: String,
    published_at: NaiveDateTime,
}

impl From<AnchorRow> for Anchor {
    fn from(row: AnchorRow) -> Self {
        Anchor { position: row.position, hash: row.hash, published_at: row.published_at }
    }
}

pub fn insert(connection: &mut DbConnection, anchor: &Anchor, published_by: Option<&UserId>) -> QueryResult<usize> {
    diesel::insert_into(audit_anchors::table)
        .values((
            audit_anchors::position.eq(anchor.position),
            audit_anchors::hash.eq(&anchor.hash),
            audit_anchors::published_at.eq(anchor.published_at),
            audit_anchors::published_by.eq(published_by.map(UserId::as_str)),
        ))
        .execute(connection)
}

pub fn latest(connection: &mut DbConnection) -> QueryResult<Option<Anchor>> {
    let row = audit_anchors::table
        .order(audit_anchors::position.desc())
        .select(AnchorRow::as_select())
        .first(connection)
        .optional()?;
    Ok(row.map(Anchor::from))
}

/// Newest first, those before `before` (a position) when paging on.
pub fn page(connection: &mut DbConnection, before: Option<i64>, limit: i64) -> QueryResult<Vec<Anchor>> {
    let mut query = audit_anchors::table.into_boxed();
    if let Some(before) = before {
        query = query.filter(audit_anchors::position.lt(before));
    }
    let rows =
        query.order(audit_anchors::position.desc()).limit(limit).select(AnchorRow::as_select()).load(connection)?;
    Ok(rows.into_iter().map(Anchor::from).collect())
}

pub fn count(connection: &mut DbConnection) -> QueryResult<i64> {
    audit_anchors::table.count().get_result(connection)
}

/// Up to `limit` anchors after `position`, oldest first: verification checks them as it walks.
pub fn after(connection: &mut DbConnection, position: i64, limit: i64) -> QueryResult<Vec<Anchor>> {
    let rows = audit_anchors::table
        .filter(audit_anchors::position.gt(position))
        .order(audit_anchors::position.asc())
        .limit(limit)
        .select(AnchorRow::as_select())
        .load(connection)?;
    Ok(rows.into_iter().map(Anchor::from).collect())
}

/// The first anchor at or after `position`: the one a proof for that entry leads to.
pub fn first_covering(connection: &mut DbConnection, position: i64) -> QueryResult<Option<Anchor>> {
    let row = audit_anchors::table
        .filter(audit_anchors::position.ge(position))
        .order(audit_anchors::position.asc())
        .select(AnchorRow::as_select())
        .first(connection)
        .optional()?;
    Ok(row.map(Anchor::from))
}

pub fn subscribe(connection: &mut DbConnection, user_id: &UserId, now: NaiveDateTime) -> QueryResult<()> {
    let known = audit_anchor_subscribers::table.find(user_id.as_str()).count().get_result::<i64>(connection)? > 0;
    if !known {
        diesel::insert_into(audit_anchor_subscribers::table)
            .values((
                audit_anchor_subscribers::user_id.eq(user_id.as_str()),
                audit_anchor_subscribers::subscribed_at.eq(now),
            ))
            .execute(connection)?;
    }
    Ok(())
}

pub fn unsubscribe(connection: &mut DbConnection, user_id: &UserId) -> QueryResult<usize> {
    diesel::delete(audit_anchor_subscribers::table.find(user_id.as_str())).execute(connection)
}

pub fn is_subscribed(connection: &mut DbConnection, user_id: &UserId) -> QueryResult<bool> {
    Ok(audit_anchor_subscribers::table.find(user_id.as_str()).count().get_result::<i64>(connection)? > 0)
}

/// The subscribers whose accounts are active, to send each anchor to.
pub fn subscribers(connection: &mut DbConnection) -> QueryResult<Vec<UserId>> {
    let ids: Vec<String> = audit_anchor_subscribers::table
        .inner_join(users::table.on(users::id.eq(audit_anchor_subscribers::user_id)))
        .filter(users::disabled_at.is_null())
        .select(users::id)
        .load(connection)?;
    Ok(ids.into_iter().map(UserId::from_stored).collect())
}
