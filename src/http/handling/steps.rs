//! `POST /api/v1/petitions/{id}/<action>`: the steps of the handling workflow. Each reads its
//! body, takes the step (honouring `If-Match`), and answers 200 with the petition and its ETag.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::petitions::endpoints::{if_match, petition_id, with_etag};
use crate::http::petitions::responses::PetitionResponse;
use crate::http::signed_in::SignedIn;
use crate::service::handling::{self, Step};
use crate::service::{Context, petitions::views as petitions, with_connection};

async fn take(
    context: &Context,
    signed_in: SignedIn,
    request: &HttpRequest,
    id: &str,
    step: Step,
) -> Result<HttpResponse, ApiError> {
    let id = petition_id(id)?;
    let expected = if_match(request)?;
    let ctx = context.clone();
    let actor = signed_in.0.actor;
    let view = with_connection(&context.pool, move |c| {
        handling::take(c, &ctx, &id, &actor, step, expected)?;
        petitions::view_after_step(c, &ctx, &id, &actor)
    })
    .await?;
    let version = view.petition.version;
    Ok(with_etag(HttpResponse::Ok().json(PetitionResponse::from(view)), version))
}

/// One handler per action: its body type, and how it becomes a `Step`.
macro_rules! step_handler {
    ($(#[$doc:meta])* $name:ident, $body:ident { $($field:ident : $ty:ty),* $(,)? } => $step:expr) => {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $body {
            $($field: $ty),*
        }

        $(#[$doc])*
        pub async fn $name(
            context: web::Data<Context>,
            signed_in: SignedIn,
            request: HttpRequest,
            id: web::Path<String>,
            body: JsonBody<$body>,
        ) -> Result<HttpResponse, ApiError> {
            let $body { $($field),* } = body.0;
            take(&context, signed_in, &request, &id, $step).await
        }
    };
}

step_handler!(
    /// Officers or the head of the handling agency accept the petition: the resolution clock starts.
    accept, AcceptRequest { complexity: String, remote_area: Option<bool> } =>
    Step::Accept { complexity, remote_area: remote_area.unwrap_or(false) }
);
step_handler!(
    /// Not accepted, for a legal reason (naming the competent agency when it is not ours).
    refuse, RefuseRequest { reason_code: String, explanation: String, competent_agency_id: Option<String> } =>
    Step::Refuse { reason_code, explanation, competent_agency_id }
);
step_handler!(
    /// To another agency, which gets a fresh acceptance window.
    transfer, TransferRequest { to_agency_id: String, reason: String } => Step::Transfer { to_agency_id, reason }
);
step_handler!(
    /// The head gives the verification to a staff member.
    assign, AssignRequest { assignee_id: String } => Step::Assign { assignee_id }
);
step_handler!(
    /// A question to the petitioner; the answer comes back as a message.
    request_information, RequestInformationRequest { question: String } => Step::RequestInformation { question }
);
step_handler!(
    /// The record of a dialogue session with the petitioner.
    record_dialogue, RecordDialogueRequest { held_on: NaiveDate, participants: String, summary: String } =>
    Step::RecordDialogue { held_on, participants, summary }
);
step_handler!(
    /// The head extends the time to resolve, where the deadline rule allows.
    extend, ExtendRequest { reason: String } => Step::Extend { reason }
);
step_handler!(
    /// The head answers: the outcome, the answer, the decision.
    resolve, ResolveRequest {
        outcome: String,
        answer: String,
        decision_number: Option<String>,
        decision_date: Option<NaiveDate>,
    } => Step::Resolve { outcome, answer, decision_number, decision_date }
);
step_handler!(
    /// The petitioner rates the answer.
    rate, RateRequest { rating: String, comment: Option<String> } => Step::Rate { rating, comment }
);
step_handler!(
    /// The petitioner lodges a second-time complaint with the superior agency.
    appeal, AppealRequest { reason: String } => Step::Appeal { reason }
);
step_handler!(
    /// The head or an administrator reopens a finished petition.
    reopen, ReopenRequest { reason: String } => Step::Reopen { reason }
);
step_handler!(
    /// An officer marks the petition a duplicate of another; its petitioner follows the original.
    merge, MergeRequest { into_petition_id: String } => Step::Merge { into_petition_id }
);
step_handler!(
    /// The petitioner withdraws a petition not yet decided.
    withdraw, WithdrawRequest { reason: Option<String> } => Step::Withdraw { reason }
);
