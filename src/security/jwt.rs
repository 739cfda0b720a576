//! Access tokens (RFC 7519, following RFC 8725): HS256 only, with issuer, audience, expiry,
//! issue time, subject, session and a unique id, all checked.

use chrono::NaiveDateTime;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};

pub const ISSUER: &str = "pakn";
pub const AUDIENCE: &str = "pakn-api";
pub const ACCESS_TOKEN_SECONDS: i64 = 15 * 60;
pub const MIN_SECRET_BYTES: usize = 32;

/// Whether a secret looks drawn at random: at least 128 bits by its own symbol frequencies, over
/// at least a dozen distinct symbols, and not a shorter text repeated. Forty "a"s, a repeated
/// word or walk fail; 32 random bytes in hex or base64 pass. A heuristic, for production's
/// refusal of weak secrets.
pub fn looks_random(secret: &str) -> bool {
    let bytes = secret.as_bytes();
    let repeats_itself = (1..=bytes.len() / 2).any(|period| bytes.iter().zip(&bytes[period..]).all(|(a, b)| a == b));
    if repeats_itself {
        return false;
    }
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[usize::from(b)] += 1;
    }
    let length = bytes.len() as f64;
    let per_symbol: f64 = counts
        .iter()
        .filter(|&&n| n > 0)
        .map(|&n| {
            let p = f64::from(n) / length;
            -p * p.log2()
        })
        .sum();
    let distinct = counts.iter().filter(|&&n| n > 0).count();
    distinct >= 12 && per_symbol * length >= 128.0
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    /// The user id.
    pub sub: String,
    /// The session (refresh-token family) this token belongs to; revoking it ends the token too.
    pub sid: String,
    pub jti: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
}

/// Signs and checks access tokens with one secret.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("the secret must be at least {MIN_SECRET_BYTES} bytes")]
    WeakSecret,
    #[error("invalid token: {0}")]
    Invalid(String),
}

impl TokenKeys {
    pub fn new(secret: &[u8]) -> Result<Self, TokenError> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(TokenError::WeakSecret);
        }
        Ok(TokenKeys { encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret) })
    }

    pub fn issue(&self, user_id: &str, session_id: &str, now: NaiveDateTime) -> Result<String, TokenError> {
        let iat = now.and_utc().timestamp();
        let claims = Claims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user_id.into(),
            sid: session_id.into(),
            jti: uuid::Uuid::new_v4().to_string(),
            iat,
            nbf: iat,
            exp: iat + ACCESS_TOKEN_SECONDS,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(|e| TokenError::Invalid(e.to_string()))
    }

    /// Checks signature, algorithm, issuer, audience and times against `now`.
    pub fn verify(&self, token: &str, now: NaiveDateTime) -> Result<Claims, TokenError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        // Times are checked below against pakn's clock, not the library's reading of the system clock.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        let claims = decode::<Claims>(token, &self.decoding, &validation)
            .map_err(|e| TokenError::Invalid(e.to_string()))?
            .claims;
        let now = now.and_utc().timestamp();
        const LEEWAY_SECONDS: i64 = 30;
        if claims.exp + LEEWAY_SECONDS < now {
            return Err(TokenError::Invalid("expired".into()));
        }
        if claims.nbf - LEEWAY_SECONDS > now || claims.iat - LEEWAY_SECONDS > now {
            return Err(TokenError::Invalid("not yet valid".into()));
        }
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn keys() -> TokenKeys {
        TokenKeys::new(b"0123456789abcdef0123456789abcdef").unwrap()
    }

    #[test]
    fn a_token_verifies_for_fifteen_minutes() {
        let token = keys().issue("user-1", "session-1", at("2026-11-26 10:00:00")).unwrap();
        let claims = keys().verify(&token, at("2026-11-26 10:14:00")).unwrap();
        assert_eq!((claims.sub.as_str(), claims.sid.as_str()), ("user-1", "session-1"));
        assert!(keys().verify(&token, at("2026-11-26 10:16:00")).is_err(), "expired");
        assert!(keys().verify(&token, at("2026-11-26 09:58:00")).is_err(), "not yet valid");
    }

    #[test]
    fn only_secrets_that_look_random_pass_for_production() {
        assert!(!looks_random(&"a".repeat(40)));
        assert!(!looks_random(&"password".repeat(6)));
        assert!(!looks_random("0123456789abcdef0123456789abcdef"));
        assert!(looks_random("9f2c4e7a1b8d3f6e0a5c2d9b7e4f1a3c8b6d0e2f5a7c9e1b3d4f6a8c0e2b4d6f"));
        assert!(looks_random("q8Zr2Lw0fX5tN3vB7mK1pJ9sD4hG6yC0aU2eR8iO5nT"));
    }

    #[test]
    fn a_short_secret_is_refused() {
        assert!(matches!(TokenKeys::new(b"too short"), Err(TokenError::WeakSecret)));
    }

    #[test]
    fn a_token_signed_with_another_secret_is_refused() {
        let other = TokenKeys::new(b"another secret of thirty-two bytes!!").unwrap();
        let token = other.issue("user-1", "s", at("2026-11-26 10:00:00")).unwrap();
        assert!(keys().verify(&token, at("2026-11-26 10:01:00")).is_err());
    }

    #[test]
    fn the_none_algorithm_and_other_algorithms_are_refused() {
        let token = keys().issue("user-1", "s", at("2026-11-26 10:00:00")).unwrap();
        let payload = token.split('.').nth(1).unwrap();
        // {"alg":"none","typ":"JWT"} and {"alg":"HS512","typ":"JWT"}, base64url.
        for header in ["eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0", "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9"] {
            let forged = format!("{header}.{payload}.");
            assert!(keys().verify(&forged, at("2026-11-26 10:01:00")).is_err(), "{header}");
        }
    }
}
