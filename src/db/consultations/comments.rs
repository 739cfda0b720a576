//! A consultation's comments, the supports they gather, and the answers that cover them; a
//! person's comments and supports for their export and erasure, and the retention purge.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::decode::Columns;
use crate::db::schema::{consultation_answers, consultation_comments, consultation_supports};
use crate::domain::consultations::{Answer, Comment, Hiding};
use crate::domain::ids::{ConsultationAnswerId, ConsultationCommentId, ConsultationId, UserId};

const ANSWERS: Columns = Columns("consultation_answers");

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = consultation_comments)]
struct CommentRow {
    id: String,
    consultation_id: String,
    author_id: String,
    section: Option<i32>,
    text: String,
    created_at: NaiveDateTime,
    hidden_reason: Option<String>,
    hidden_by: Option<String>,
    hidden_at: Option<NaiveDateTime>,
    answer_id: Option<String>,
}

impl CommentRow {
    fn into_comment(self, supports: i64) -> Comment {
        let hidden = match (self.hidden_reason, self.hidden_by, self.hidden_at) {
            (Some(reason), Some(by), Some(at)) => {
                Some(Hiding { reason, hidden_by: UserId::from_stored(by), hidden_at: at })
            }
            _ => None,
        };
        Comment {
            id: ConsultationCommentId::from_stored(self.id),
            consultation_id: ConsultationId::from_stored(self.consultation_id),
            author_id: UserId::from_stored(self.author_id),
            section: self.section,
            text: self.text,
            created_at: self.created_at,
            hidden,
            answer_id: self.answer_id.map(ConsultationAnswerId::from_stored),
            supports,
        }
    }
}

pub fn insert(connection: &mut DbConnection, c: &Comment) -> QueryResult<usize> {
    diesel::insert_into(consultation_comments::table)
        .values((
            consultation_comments::id.eq(c.id.as_str()),
            consultation_comments::consultation_id.eq(c.consultation_id.as_str()),
            consultation_comments::author_id.eq(c.author_id.as_str()),
            consultation_comments::section.eq(c.section),
            consultation_comments::text.eq(&c.text),
            consultation_comments::created_at.eq(c.created_at),
        ))
        .execute(connection)
}

/// A comment of `consultation`, with its support count.
pub fn find(
    connection: &mut DbConnection,
    consultation: &ConsultationId,
    id: &ConsultationCommentId,
) -> QueryResult<Option<Comment>> {
    let row = consultation_comments::table
        .filter(consultation_comments::id.eq(id.as_str()))
        .filter(consultation_comments::consultation_id.eq(consultation.as_str()))
        .select(CommentRow::as_select())
        .get_result(connection)
        .optional()?;
    let Some(row) = row else { return Ok(None) };
    let supports: i64 = consultation_supports::table
        .filter(consultation_supports::comment_id.eq(id.as_str()))
        .count()
        .get_result(connection)?;
    Ok(Some(row.into_comment(supports)))
}

/// Every comment on `consultation`, the earliest first, each with its support count.
pub fn of_consultation(connection: &mut DbConnection, consultation: &ConsultationId) -> QueryResult<Vec<Comment>> {
    let rows = consultation_comments::table
        .filter(consultation_comments::consultation_id.eq(consultation.as_str()))
        .order((consultation_comments::created_at.asc(), consultation_comments::id.asc()))
        .select(CommentRow::as_select())
        .load(connection)?;
    let supported: Vec<String> = consultation_supports::table
        .inner_join(consultation_comments::table.on(consultation_comments::id.eq(consultation_supports::comment_id)))
        .filter(consultation_comments::consultation_id.eq(consultation.as_str()))
        .select(consultation_supports::comment_id)
        .load(connection)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let supports = supported.iter().filter(|id| **id == row.id).count() as i64;
            row.into_comment(supports)
        })
        .collect())
}

/// Records `user`'s support of a comment; 0 rows when they had already supported it.
pub fn support(
    connection: &mut DbConnection,
    comment: &ConsultationCommentId,
    user: &UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let already: i64 = consultation_supports::table
        .filter(consultation_supports::comment_id.eq(comment.as_str()))
        .filter(consultation_supports::user_id.eq(user.as_str()))
        .count()
        .get_result(connection)?;
    if already > 0 {
        return Ok(0);
    }
    diesel::insert_into(consultation_supports::table)
        .values((
            consultation_supports::comment_id.eq(comment.as_str()),
            consultation_supports::user_id.eq(user.as_str()),
            consultation_supports::supported_at.eq(now),
        ))
        .execute(connection)
}

/// Hides a visible comment; 0 rows when it was already hidden.
pub fn hide(connection: &mut DbConnection, comment: &ConsultationCommentId, hiding: &Hiding) -> QueryResult<usize> {
    diesel::update(
        consultation_comments::table
            .filter(consultation_comments::id.eq(comment.as_str()))
            .filter(consultation_comments::hidden_at.is_null()),
    )
    .set((
        consultation_comments::hidden_reason.eq(&hiding.reason),
        consultation_comments::hidden_by.eq(hiding.hidden_by.as_str()),
        consultation_comments::hidden_at.eq(hiding.hidden_at),
    ))
    .execute(connection)
}

/// Writes an answer and marks the comments it covers (those not answered yet); returns how many
/// were marked.
pub fn answer(connection: &mut DbConnection, a: &Answer, comments: &[ConsultationCommentId]) -> QueryResult<usize> {
    diesel::insert_into(consultation_answers::table)
        .values((
            consultation_answers::id.eq(a.id.as_str()),
            consultation_answers::consultation_id.eq(a.consultation_id.as_str()),
            consultation_answers::position.eq(a.position.as_str()),
            consultation_answers::explanation.eq(&a.explanation),
            consultation_answers::answered_by.eq(a.answered_by.as_str()),
            consultation_answers::answered_at.eq(a.answered_at),
        ))
        .execute(connection)?;
    let ids: Vec<&str> = comments.iter().map(ConsultationCommentId::as_str).collect();
    diesel::update(
        consultation_comments::table
            .filter(consultation_comments::id.eq_any(ids))
            .filter(consultation_comments::consultation_id.eq(a.consultation_id.as_str()))
            .filter(consultation_comments::answer_id.is_null()),
    )
    .set(consultation_comments::answer_id.eq(a.id.as_str()))
    .execute(connection)
}

/// Every answer given on `consultation`, the earliest first.
pub fn answers_of(connection: &mut DbConnection, consultation: &ConsultationId) -> QueryResult<Vec<Answer>> {
    let rows: Vec<(String, String, String, String, NaiveDateTime)> = consultation_answers::table
        .filter(consultation_answers::consultation_id.eq(consultation.as_str()))
        .order((consultation_answers::answered_at.asc(), consultation_answers::id.asc()))
        .select((
            consultation_answers::id,
            consultation_answers::position,
            consultation_answers::explanation,
            consultation_answers::answered_by,
            consultation_answers::answered_at,
        ))
        .load(connection)?;
    rows.into_iter()
        .map(|(id, position, explanation, by, at)| {
            Ok(Answer {
                id: ConsultationAnswerId::from_stored(id),
                consultation_id: consultation.clone(),
                position: ANSWERS.parse("position", &position)?,
                explanation,
                answered_by: UserId::from_stored(by),
                answered_at: at,
            })
        })
        .collect()
}

/// The comments `author` made, the latest first, each with its support count: their export.
pub fn of_author(connection: &mut DbConnection, author: &UserId) -> QueryResult<Vec<Comment>> {
    let rows = consultation_comments::table
        .filter(consultation_comments::author_id.eq(author.as_str()))
        .order((consultation_comments::created_at.desc(), consultation_comments::id.desc()))
        .select(CommentRow::as_select())
        .load(connection)?;
    let mut comments = Vec::with_capacity(rows.len());
    for row in rows {
        let supports: i64 = consultation_supports::table
            .filter(consultation_supports::comment_id.eq(&row.id))
            .count()
            .get_result(connection)?;
        comments.push(row.into_comment(supports));
    }
    Ok(comments)
}

/// The comments `user` supported and when, the latest first: their export.
pub fn supports_of(
    connection: &mut DbConnection,
    user: &UserId,
) -> QueryResult<Vec<(ConsultationId, ConsultationCommentId, NaiveDateTime)>> {
    let rows: Vec<(String, String, NaiveDateTime)> = consultation_supports::table
        .inner_join(consultation_comments::table.on(consultation_comments::id.eq(consultation_supports::comment_id)))
        .filter(consultation_supports::user_id.eq(user.as_str()))
        .order((consultation_supports::supported_at.desc(), consultation_supports::comment_id.desc()))
        .select((
            consultation_comments::consultation_id,
            consultation_supports::comment_id,
            consultation_supports::supported_at,
        ))
        .load(connection)?;
    Ok(rows
        .into_iter()
        .map(|(x, comment, at)| (ConsultationId::from_stored(x), ConsultationCommentId::from_stored(comment), at))
        .collect())
}

/// Deletes `user`'s supports, when they erase their account.
pub fn forget_supports_of(connection: &mut DbConnection, user: &UserId) -> QueryResult<usize> {
    diesel::delete(consultation_supports::table.filter(consultation_supports::user_id.eq(user.as_str())))
        .execute(connection)
}

/// The retention rule's purge: the comments, and their supports, of consultations whose
/// synthesis was published before `cutoff`. The synthesis and the answers stay.
pub fn delete_concluded_before(connection: &mut DbConnection, cutoff: NaiveDateTime) -> QueryResult<usize> {
    use crate::db::schema::consultations;
    let concluded = consultations::table
        .filter(consultations::state.eq("concluded"))
        .filter(consultations::concluded_at.lt(cutoff))
        .select(consultations::id);
    let comments = consultation_comments::table
        .filter(consultation_comments::consultation_id.eq_any(concluded))
        .select(consultation_comments::id);
    diesel::delete(consultation_supports::table.filter(consultation_supports::comment_id.eq_any(comments)))
        .execute(connection)?;
    let concluded = consultations::table
        .filter(consultations::state.eq("concluded"))
        .filter(consultations::concluded_at.lt(cutoff))
        .select(consultations::id);
    diesel::delete(consultation_comments::table.filter(consultation_comments::consultation_id.eq_any(concluded)))
        .execute(connection)
}
