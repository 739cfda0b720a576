//! Who is asking: the bearer access token turned into the signed-in user, or 401.

use std::future::Future;
use std::net::IpAddr;
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

/// The client's address, to tell one client from another in throttles: the connection's, unless
/// that is a trusted proxy (`PAKN_TRUSTED_PROXIES`), in which case the nearest address in
/// `X-Forwarded-For` that is not itself a trusted proxy. A client cannot forge it by sending the
/// header itself: the header is read only from a proxy that was trusted, from the right.
pub fn client_address(request: &HttpRequest) -> String {
    let Some(peer) = request.peer_addr().map(|address| address.ip()) else { return "unknown".into() };
    let trusted: Vec<IpAddr> = request
        .app_data::<web::Data<Context>>()
        .map(|context| context.settings.trusted_proxies.iter().map(IpAddr::to_canonical).collect())
        .unwrap_or_default();
    client_key(client_behind(peer.to_canonical(), &trusted, forwarded_for(request).as_deref()))
}

/// One client as throttles count it: an IPv4 address, or an IPv6 network of 64 bits — one
/// subscriber is given a whole /64, and must not get a fresh counter with every address in it.
fn client_key(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

fn forwarded_for(request: &HttpRequest) -> Option<String> {
    let values: Vec<&str> =
        request.headers().get_all("x-forwarded-for").filter_map(|value| value.to_str().ok()).collect();
    (!values.is_empty()).then(|| values.join(","))
}

fn client_behind(peer: IpAddr, trusted: &[IpAddr], forwarded_for: Option<&str>) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let mut nearest = peer;
    for hop in forwarded_for.unwrap_or("").rsplit(',') {
        match hop.trim().parse::<IpAddr>().map(|address| address.to_canonical()) {
            Ok(address) => {
                nearest = address;
                if !trusted.contains(&address) {
                    break;
                }
            }
            // A hop that is not an address was written by someone untrusted: stop at what we know.
            Err(_) => break,
        }
    }
    nearest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_a_trusted_proxy_the_connection_is_the_client_whatever_the_header_says() {
        assert_eq!(client_behind(ip("203.0.113.9"), &[], Some("198.51.100.1")), ip("203.0.113.9"));
    }

    #[test]
    fn behind_trusted_proxies_the_nearest_untrusted_hop_is_the_client() {
        let proxies = [ip("10.0.0.1"), ip("10.0.0.2")];
        let header = Some("1.2.3.4, 198.51.100.7, 10.0.0.2");
        assert_eq!(client_behind(ip("10.0.0.1"), &proxies, header), ip("198.51.100.7"));
    }

    #[test]
    fn an_ipv6_subscriber_is_one_client_and_a_mapped_ipv4_address_is_its_ipv4_self() {
        assert_eq!(client_key(ip("2001:db8:1:2:aaaa::1")), client_key(ip("2001:db8:1:2:bbbb::9")));
        assert_ne!(client_key(ip("2001:db8:1:2::1")), client_key(ip("2001:db8:1:3::1")));
        assert_eq!(client_key(ip("::ffff:10.0.0.1").to_canonical()), "10.0.0.1");
    }

    #[test]
    fn a_forged_or_missing_header_behind_a_proxy_leaves_the_last_known_hop() {
        let proxies = [ip("10.0.0.1")];
        assert_eq!(client_behind(ip("10.0.0.1"), &proxies, None), ip("10.0.0.1"));
        assert_eq!(client_behind(ip("10.0.0.1"), &proxies, Some("1.2.3.4, not-an-ip")), ip("10.0.0.1"));
    }
}
