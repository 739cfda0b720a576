//! Who is asking: the bearer access token turned into the signed-in user, or 401.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};

use crate::domain::account::User;
use crate::domain::authorization::{self, Action, Actor, Denial};
use crate::domain::ids::SessionId;
use crate::error::ApiError;
use crate::service::Context;
use crate::service::accounts::sessions::{self, Authenticated};

/// The signed-in user behind `Authorization: Bearer <access token>`.
pub struct SignedIn(Authenticated);

impl SignedIn {
    pub fn actor(&self) -> &Actor {
        &self.0.actor
    }

    pub fn user(&self) -> &User {
        &self.0.user
    }

    pub fn into_parts(self) -> (User, SessionId) {
        (self.0.user, self.0.session_id)
    }

    /// Asks the one authorization module; a denial becomes 403, or 404 where existence must not leak.
    pub fn may(&self, action: &Action) -> Result<(), ApiError> {
        authorization::authorize(&self.0.actor, action).map_err(|denial| match denial {
            Denial::Forbidden => ApiError::Forbidden("your role does not allow this".into()),
            Denial::Hidden => ApiError::NotFound("no such resource".into()),
        })
    }
}

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let context = request.app_data::<web::Data<Context>>().cloned();
        let token = bearer_token(request);
        Box::pin(async move {
            let context = context.ok_or_else(|| ApiError::internal(anyhow::anyhow!("no context registered")))?;
            let token = token?.ok_or_else(|| {
                ApiError::Unauthorized("sign in first: send an access token as Authorization: Bearer <token>".into())
            })?;
            Ok(SignedIn(sessions::authenticate(&context, token).await?))
        })
    }
}

/// The access token of `Authorization: Bearer <token>`: None without the header, 401 when the
/// header is there but is not a bearer token.
fn bearer_token(request: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(value) = request.headers().get(header::AUTHORIZATION) else { return Ok(None) };
    value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(|token| token.trim().to_string())
        .filter(|token| !token.is_empty())
        .map(Some)
        .ok_or_else(|| ApiError::Unauthorized("the Authorization header must be: Bearer <access token>".into()))
}

/// For routes open to everyone that do more for the signed-in: the user if the request carries a
/// token; a token that does not verify is a 401, never a silent fall-back to anonymous.
pub async fn optional_sign_in(context: &Context, request: &HttpRequest) -> Result<Option<SignedIn>, ApiError> {
    match bearer_token(request)? {
        Some(token) => Ok(Some(SignedIn(sessions::authenticate(context, token).await?))),
        None => Ok(None),
    }
}

/// The client's address as the connection shows it (not a header a client could forge).
pub fn client_address(request: &HttpRequest) -> String {
    request.peer_addr().map_or_else(|| "unknown".into(), |address| address.ip().to_string())
}
