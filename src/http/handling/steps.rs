//! `POST /api/v1/petitions/{id}/<action>`: the steps of the handling workflow. Each handler reads
//! its body and takes its step (honouring `If-Match`), answering 200 with the petition and its
//! ETag; `OnPetition` gathers what they all need.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::ids::PetitionId;
use crate::domain::workflow::steps::Answer;
use crate::error::ApiError;
use crate::http::conditional::{if_match, with_etag};
use crate::http::extract::{JsonBody, id_in_path};
use crate::http::petitions::responses::PetitionResponse;
use crate::http::signed_in::SignedIn;
use crate::http::wire::{not_null, present};
use crate::service::Context;
use crate::service::handling::{self, StepRequest};

/// Who takes a step, on which petition (`{id}`), and at which version (`If-Match`). The id and
/// the version are read only once the body has been, so a bad body is reported first.
pub struct OnPetition {
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: String,
    if_match: Result<Option<i32>, ApiError>,
}

impl FromRequest for OnPetition {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let context = request.app_data::<web::Data<Context>>().cloned();
        let signed_in = SignedIn::from_request(request, payload);
        let id = request.match_info().get("id").unwrap_or_default().to_string();
        let if_match = if_match(request);
        Box::pin(async move {
            let context = context.ok_or_else(|| ApiError::internal(anyhow::anyhow!("no context registered")))?;
            Ok(OnPetition { context, signed_in: signed_in.await?, id, if_match })
        })
    }
}

impl OnPetition {
    async fn take(self, step: StepRequest) -> Result<HttpResponse, ApiError> {
        let id: PetitionId = id_in_path(&self.id, "petition")?;
        let expected_version = self.if_match?;
        let actor = self.signed_in.actor().clone();
        let view =
            self.context.run(move |c, context| handling::take(c, context, &id, &actor, step, expected_version)).await?;
        let version = view.petition.version;
        Ok(with_etag(HttpResponse::Ok().json(PetitionResponse::from(view)), version))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptRequest {
    complexity: String,
    #[serde(default, deserialize_with = "not_null")]
    remote_area: Option<bool>,
}

/// Officers or the head of the handling agency accept the petition: the resolution clock starts.
pub async fn accept(on: OnPetition, body: JsonBody<AcceptRequest>) -> Result<HttpResponse, ApiError> {
    let AcceptRequest { complexity, remote_area } = body.0;
    on.take(StepRequest::Accept { complexity, remote_area: remote_area.unwrap_or(false) }).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefuseRequest {
    reason_code: String,
    explanation: String,
    #[serde(default, deserialize_with = "not_null")]
    competent_agency_id: Option<String>,
}

/// Not accepted, for a legal reason (naming the competent agency when it is not ours).
pub async fn refuse(on: OnPetition, body: JsonBody<RefuseRequest>) -> Result<HttpResponse, ApiError> {
    let RefuseRequest { reason_code, explanation, competent_agency_id } = body.0;
    on.take(StepRequest::Refuse { reason_code, explanation, competent_agency_id }).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferRequest {
    to_agency_id: String,
    reason: String,
}

/// To another agency, which gets a fresh acceptance window.
pub async fn transfer(on: OnPetition, body: JsonBody<TransferRequest>) -> Result<HttpResponse, ApiError> {
    let TransferRequest { to_agency_id, reason } = body.0;
    on.take(StepRequest::Transfer { to_agency_id, reason }).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignRequest {
    assignee_id: String,
}

/// The head gives the verification to a staff member.
pub async fn assign(on: OnPetition, body: JsonBody<AssignRequest>) -> Result<HttpResponse, ApiError> {
    on.take(StepRequest::Assign { assignee_id: body.0.assignee_id }).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestInformationRequest {
    question: String,
}

/// A question to the petitioner; the answer comes back as a message.
pub async fn request_information(
    on: OnPetition,
    body: JsonBody<RequestInformationRequest>,
) -> Result<HttpResponse, ApiError> {
    on.take(StepRequest::RequestInformation { question: body.0.question }).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordDialogueRequest {
    held_on: NaiveDate,
    participants: String,
    summary: String,
    attendance: Option<String>,
}

/// The record of a dialogue session with the petitioner, and whether they came.
pub async fn record_dialogue(on: OnPetition, body: JsonBody<RecordDialogueRequest>) -> Result<HttpResponse, ApiError> {
    let RecordDialogueRequest { held_on, participants, summary, attendance } = body.0;
    on.take(StepRequest::RecordDialogue { held_on, participants, summary, attendance }).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonRequest {
    reason: String,
}

/// The head extends the time to resolve, where the deadline rule allows.
pub async fn extend(on: OnPetition, body: JsonBody<ReasonRequest>) -> Result<HttpResponse, ApiError> {
    on.take(StepRequest::Extend { reason: body.0.reason }).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolveRequest {
    outcome: String,
    answer: String,
    #[serde(default, deserialize_with = "not_null")]
    decision_number: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    decision_date: Option<NaiveDate>,
    /// Left out: the default publication; null: nothing of the answer is published.
    #[serde(default, deserialize_with = "present")]
    public_answer: Option<Option<String>>,
}

/// The head answers: the outcome, the answer, the decision, and what of it the public page shows.
pub async fn resolve(on: OnPetition, body: JsonBody<ResolveRequest>) -> Result<HttpResponse, ApiError> {
    let ResolveRequest { outcome, answer, decision_number, decision_date, public_answer } = body.0;
    on.take(StepRequest::Resolve(Answer { outcome, answer, decision_number, decision_date, public_answer })).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateRequest {
    rating: String,
    #[serde(default, deserialize_with = "not_null")]
    comment: Option<String>,
}

/// The petitioner rates the answer.
pub async fn rate(on: OnPetition, body: JsonBody<RateRequest>) -> Result<HttpResponse, ApiError> {
    let RateRequest { rating, comment } = body.0;
    on.take(StepRequest::Rate { rating, comment }).await
}

/// The petitioner lodges a second-time complaint with the superior agency.
pub async fn appeal(on: OnPetition, body: JsonBody<ReasonRequest>) -> Result<HttpResponse, ApiError> {
    on.take(StepRequest::Appeal { reason: body.0.reason }).await
}

/// The head or an administrator reopens a finished petition.
pub async fn reopen(on: OnPetition, body: JsonBody<ReasonRequest>) -> Result<HttpResponse, ApiError> {
    on.take(StepRequest::Reopen { reason: body.0.reason }).await
}

/// The petitioner says the answered feedback or proposal was not fixed (within the window).
pub async fn not_fixed(on: OnPetition, body: JsonBody<ReasonRequest>) -> Result<HttpResponse, ApiError> {
    on.take(StepRequest::NotFixed { reason: body.0.reason }).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeRequest {
    into_petition_id: String,
}

/// An officer marks the petition a duplicate of another; its petitioner follows the original.
pub async fn merge(on: OnPetition, body: JsonBody<MergeRequest>) -> Result<HttpResponse, ApiError> {
    on.take(StepRequest::Merge { into_petition_id: body.0.into_petition_id }).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithdrawRequest {
    #[serde(default, deserialize_with = "not_null")]
    reason: Option<String>,
}

/// The petitioner withdraws a petition not yet decided.
pub async fn withdraw(on: OnPetition, body: JsonBody<WithdrawRequest>) -> Result<HttpResponse, ApiError> {
    on.take(StepRequest::Withdraw { reason: body.0.reason }).await
}

/// Officers or the head take longer to screen, where the rule allows it (checks at several places).
pub async fn extend_intake(on: OnPetition, body: JsonBody<ReasonRequest>) -> Result<HttpResponse, ApiError> {
    on.take(StepRequest::ExtendIntake { reason: body.0.reason }).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuspendRequest {
    ground: String,
    reason: String,
}

/// The head suspends resolution on a legal ground; the clock stops.
pub async fn suspend(on: OnPetition, body: JsonBody<SuspendRequest>) -> Result<HttpResponse, ApiError> {
    let SuspendRequest { ground, reason } = body.0;
    on.take(StepRequest::Suspend { ground, reason }).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResumeRequest {
    #[serde(default, deserialize_with = "not_null")]
    note: Option<String>,
}

/// The head resumes resolution; the days that were left run again from today.
pub async fn resume(on: OnPetition, body: JsonBody<ResumeRequest>) -> Result<HttpResponse, ApiError> {
    on.take(StepRequest::Resume { note: body.0.note }).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithdrawPartRequest {
    contents: String,
    #[serde(default, deserialize_with = "not_null")]
    reason: Option<String>,
}

/// The petitioner withdraws part of a complaint or denunciation; the rest is resolved.
pub async fn withdraw_part(on: OnPetition, body: JsonBody<WithdrawPartRequest>) -> Result<HttpResponse, ApiError> {
    let WithdrawPartRequest { contents, reason } = body.0;
    on.take(StepRequest::WithdrawPart { contents, reason }).await
}
