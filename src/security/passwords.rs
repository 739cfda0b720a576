//! Argon2id password hashing with OWASP's minimum parameters, run off the request threads with a
//! bound on how many hashes run at once, so a flood of logins cannot starve the rest of the API.

use std::sync::Arc;

use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};
use tokio::sync::Semaphore;

/// OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1.
const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const PARALLELISM: u32 = 1;

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// Hashes and verifies on dedicated threads, at most `concurrency` at a time.
#[derive(Clone)]
pub struct PasswordHasherPool {
    permits: Arc<Semaphore>,
    /// Verified against when the account does not exist, so that an unknown e-mail costs the same
    /// time as a wrong password.
    decoy_hash: Arc<String>,
}

/// What checking a password found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Mismatch,
    Match,
    /// The password is right but was hashed with weaker parameters: store this new hash.
    MatchNeedsRehash(String),
}

impl PasswordHasherPool {
    pub fn new(concurrency: usize) -> Result<Self, HashError> {
        let decoy_hash = hash_now("decoy password never used by anyone")?;
        Ok(PasswordHasherPool {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            decoy_hash: Arc::new(decoy_hash),
        })
    }

    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        self.run(move || hash_now(&password)).await?
    }

    /// Checks `password` against `stored`, or against a decoy when there is no stored hash.
    pub async fn verify(&self, password: String, stored: Option<String>) -> Result<Verification, HashError> {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| self.decoy_hash.as_ref().clone());
        let outcome = self.run(move || verify_now(&password, &stored)).await??;
        Ok(if known { outcome } else { Verification::Mismatch })
    }

    /// Waits for a permit, then runs `work` on its own thread: the actix blocking pool stays free
    /// for database work.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, HashError> {
        let _permit = self.permits.acquire().await.map_err(|e| HashError(e.to_string()))?;
        let (sender, receiver) = tokio::sync::oneshot::channel();
        std::thread::Builder::new()
            .name("pakn-password-hash".into())
            .spawn(move || {
                let _ = sender.send(work());
            })
            .map_err(|e| HashError(e.to_string()))?;
        receiver.await.map_err(|e| HashError(e.to_string()))
    }
}

/// Hashes on the calling thread: for the command line, never for requests.
pub fn hash_now(password: &str) -> Result<String, HashError> {
    argon2().hash_password(password.as_bytes()).map(|hash| hash.to_string()).map_err(|e| HashError(e.to_string()))
}

fn verify_now(password: &str, stored: &str) -> Result<Verification, HashError> {
    let parsed = PasswordHash::new(stored).map_err(|e| HashError(e.to_string()))?;
    if argon2().verify_password(password.as_bytes(), &parsed).is_err() {
        return Ok(Verification::Mismatch);
    }
    let current = Params::try_from(&parsed).ok();
    let weaker = current
        .is_none_or(|p| p.m_cost() < MEMORY_KIB || p.t_cost() < ITERATIONS || parsed.algorithm.as_str() != "argon2id");
    if weaker { Ok(Verification::MatchNeedsRehash(hash_now(password)?)) } else { Ok(Verification::Match) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn a_hash_verifies_its_password_and_no_other() {
        let pool = PasswordHasherPool::new(2).unwrap();
        let hash = pool.hash("correct horse battery staple".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert_eq!(
            pool.verify("correct horse battery staple".into(), Some(hash.clone())).await.unwrap(),
            Verification::Match
        );
        assert_eq!(pool.verify("wrong horse battery staple".into(), Some(hash)).await.unwrap(), Verification::Mismatch);
    }

    #[actix_web::test]
    async fn an_unknown_account_never_matches_even_with_the_decoys_password() {
        let pool = PasswordHasherPool::new(1).unwrap();
        let outcome = pool.verify("decoy password never used by anyone".into(), None).await.unwrap();
        assert_eq!(outcome, Verification::Mismatch);
    }

    #[actix_web::test]
    async fn a_hash_with_weaker_parameters_is_upgraded_on_the_next_login() {
        let weak = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(8 * 1024, 1, 1, None).unwrap())
            .hash_password(b"an old but good password")
            .unwrap()
            .to_string();
        let pool = PasswordHasherPool::new(1).unwrap();
        match pool.verify("an old but good password".into(), Some(weak)).await.unwrap() {
            Verification::MatchNeedsRehash(new_hash) => assert!(new_hash.contains("m=19456,t=2,p=1")),
            other => panic!("expected a rehash, got {other:?}"),
        }
    }
}
