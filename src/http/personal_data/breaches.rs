//! `/api/v1/admin/breaches`: an administrator records a breach of personal data, sees the
//! deadline to notify the authority, records that notification, and tells the people affected
//! (once).

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::authorization::Action;
use crate::domain::ids::{BreachId, PetitionId, UserId};
use crate::domain::personal_data::breach::{Affected, Breach};
use crate::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::Context;
use crate::service::personal_data::breaches::{self, NewBreach};

#[derive(Debug, Serialize)]
pub struct BreachResponse {
    id: BreachId,
    summary: String,
    occurred_at: Option<DateTime<FixedOffset>>,
    discovered_at: DateTime<FixedOffset>,
    recorded_at: DateTime<FixedOffset>,
    recorded_by: UserId,
    authority_due_at: DateTime<FixedOffset>,
    authority_notified_at: Option<DateTime<FixedOffset>>,
    /// Not yet notified and past the deadline.
    authority_overdue: bool,
    people_notified_at: Option<DateTime<FixedOffset>>,
    notice: Option<String>,
    affected_user_ids: Vec<UserId>,
    affected_petition_ids: Vec<PetitionId>,
}

impl BreachResponse {
    fn of(breach: Breach, now: chrono::NaiveDateTime) -> Self {
        let (mut users, mut petitions) = (Vec::new(), Vec::new());
        for affected in breach.affected {
            match affected {
                Affected::Account(id) => users.push(id),
                Affected::Petitioner(id) => petitions.push(id),
            }
        }
        BreachResponse {
            id: breach.id,
            summary: breach.summary,
            occurred_at: breach.occurred_at.map(vietnam_time),
            discovered_at: vietnam_time(breach.discovered_at),
            recorded_at: vietnam_time(breach.recorded_at),
            recorded_by: breach.recorded_by,
            authority_due_at: vietnam_time(breach.authority_due_at),
            authority_overdue: breach.authority_notified_at.is_none() && now > breach.authority_due_at,
            authority_notified_at: breach.authority_notified_at.map(vietnam_time),
            people_notified_at: breach.people_notified_at.map(vietnam_time),
            notice: breach.notice,
            affected_user_ids: users,
            affected_petition_ids: petitions,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordBreachRequest {
    summary: String,
    occurred_at: Option<DateTime<FixedOffset>>,
    discovered_at: DateTime<FixedOffset>,
    #[serde(default)]
    user_ids: Vec<String>,
    #[serde(default)]
    petition_ids: Vec<String>,
}

pub async fn record_breach(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<RecordBreachRequest>,
) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ProtectPersonalData)?;
    let (admin, now, b) = (signed_in.actor().user_id.clone(), context.now(), body.0);
    let new = NewBreach {
        summary: b.summary,
        occurred_at: b.occurred_at.map(|at| at.naive_utc()),
        discovered_at: b.discovered_at.naive_utc(),
        user_ids: b.user_ids,
        petition_ids: b.petition_ids,
    };
    let breach = context.run(move |c, _| breaches::record(c, &admin, new, now)).await?;
    Ok(HttpResponse::Created().json(BreachResponse::of(breach, now)))
}

pub async fn list_breaches(
    context: web::Data<Context>,
    signed_in: SignedIn,
) -> Result<web::Json<ListResponse<BreachResponse>>, ApiError> {
    signed_in.may(&Action::ProtectPersonalData)?;
    let now = context.now();
    let listed = context.run(|c, _| breaches::list(c)).await?;
    Ok(web::Json(ListResponse::complete(listed.into_iter().map(|b| BreachResponse::of(b, now)).collect())))
}

pub async fn get_breach(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<BreachResponse>, ApiError> {
    signed_in.may(&Action::ProtectPersonalData)?;
    let (id, now) = (id.into_inner(), context.now());
    let breach = context.run(move |c, _| breaches::find(c, &id)).await?;
    Ok(web::Json(BreachResponse::of(breach, now)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorityNotifiedRequest {
    notified_at: DateTime<FixedOffset>,
}

pub async fn record_authority_notified(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<AuthorityNotifiedRequest>,
) -> Result<web::Json<BreachResponse>, ApiError> {
    signed_in.may(&Action::ProtectPersonalData)?;
    let (admin, now, id, at) = (signed_in.actor().user_id.clone(), context.now(), id.into_inner(), body.0.notified_at);
    let breach = context.run(move |c, _| breaches::authority_notified(c, &admin, &id, at.naive_utc(), now)).await?;
    Ok(web::Json(BreachResponse::of(breach, now)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotifyPeopleRequest {
    notice: String,
}

#[derive(Debug, Serialize)]
pub struct NotifiedResponse {
    breach: BreachResponse,
    /// E-mails queued, one per address.
    emails_queued: usize,
}

pub async fn notify_affected_people(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<NotifyPeopleRequest>,
) -> Result<web::Json<NotifiedResponse>, ApiError> {
    signed_in.may(&Action::ProtectPersonalData)?;
    let (admin, now, id, notice) = (signed_in.actor().user_id.clone(), context.now(), id.into_inner(), body.0.notice);
    let (breach, queued) =
        context.run(move |c, context| breaches::notify_people(c, context, &admin, &id, &notice, now)).await?;
    Ok(web::Json(NotifiedResponse { breach: BreachResponse::of(breach, now), emails_queued: queued }))
}
