//! Signing and verification in the background, as the vendor runs them:
//! `POST …/ds/creator` and `POST …/ds/verifier` start a job and answer at
//! once; `GET …/ds/creator` says whether signing is done, and `GET
//! …/ds/verifier` waits for verification's outcome. A job works on what
//! the ticket held when it started.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::watch;
use tokio::task::JoinError;
use zeroize::Zeroizing;

use super::Progress;
use super::body::{PasswordRequest, params};
use super::error::TicketError;
use super::messages::Msg;
use super::sign::{SignJob, SigningError, sign};
use super::verify::{self, VerifyOutcome};
use crate::state::AppState;

/// Runs `work` on a blocking thread in the background and publishes on the
/// returned [`Progress`] what `finish` makes of how it ended (its result,
/// or the task's failure). When `finish` gives `None` nothing is
/// published, and the progress reports the job gone once it ends.
fn in_background<R, T, Fut>(
    work: impl FnOnce() -> R + Send + 'static,
    finish: impl FnOnce(Result<R, JoinError>) -> Fut + Send + 'static,
) -> Progress<T>
where
    R: Send + 'static,
    T: Send + Sync + 'static,
    Fut: Future<Output = Option<T>> + Send,
{
    let (tx, rx) = watch::channel(None);
    tokio::spawn(async move {
        let ended = tokio::task::spawn_blocking(work).await;
        if let Some(outcome) = finish(ended).await {
            let _ = tx.send(Some(outcome));
        }
    });
    rx
}

/// Starts signing the ticket's data (or adding a signer to its signature)
/// with its container's key, the password from `body`; the signature
/// replaces the ticket's when it is made.
pub(super) async fn start_signing(
    state: &AppState,
    uuid: &str,
    body: &[u8],
) -> Result<(), TicketError> {
    let handle = state.tickets.get(uuid)?;
    let req: PasswordRequest = params(state, body)?;
    let mut t = handle.lock().await;
    let key_store = t.key_store.clone().ok_or_else(|| {
        TicketError::failed(
            Msg::CreatorFailed,
            "no key container has been uploaded to the session",
        )
    })?;
    let job = SignJob {
        key_store,
        password: Zeroizing::new(req.key_store_password.unwrap_or_default()),
        certificates: t.certificates.clone(),
        data: t.data.clone(),
        existing: t.signature.clone(),
        options: t.options,
        tsa: state.tsa.clone(),
    };
    let engine = state.engine.clone();
    let ticket = handle.clone();
    t.creator = Some(in_background(
        move || sign(job, &engine, time::OffsetDateTime::now_utc()),
        |ended| async move {
            let made = ended.unwrap_or_else(|e| Err(SigningError::Interrupted(e)));
            Some(match made {
                Ok(signature) => {
                    ticket.lock().await.signature = Some(Arc::new(signature));
                    Ok(())
                }
                Err(e) => Err(e.to_string()),
            })
        },
    ));
    Ok(())
}

/// How signing went: `None` while it runs, else `Ok` or why it failed.
pub(super) async fn signing_outcome(
    state: &AppState,
    uuid: &str,
) -> Result<Option<Result<(), String>>, TicketError> {
    let t = state.tickets.get(uuid)?;
    let progress = t
        .lock()
        .await
        .creator
        .clone()
        .ok_or_else(|| TicketError::failed(Msg::CreatorNotStarted, "POST ds/creator first"))?;
    let outcome = progress.borrow().clone();
    Ok(outcome)
}

/// Starts verifying the ticket's signature (over the ticket's data when it
/// is detached).
pub(super) async fn start_verifying(state: &AppState, uuid: &str) -> Result<(), TicketError> {
    let handle = state.tickets.get(uuid)?;
    let mut t = handle.lock().await;
    let signature = t.signature.clone().ok_or_else(|| {
        TicketError::failed(Msg::NoSignatureData, "upload a signature to ds/data first")
    })?;
    let data = t.data.clone();
    let options = t.options;
    let engine = state.engine.clone();
    t.verifier = Some(in_background(
        move || {
            verify::run(
                &engine,
                &signature,
                data.as_deref().map(|d| d.as_slice()),
                options,
            )
        },
        // A verification that broke off leaves no outcome: the waiting
        // client hears it was interrupted.
        |ended| std::future::ready(ended.ok()),
    ));
    Ok(())
}

/// The verification's outcome, once it is ready.
pub(super) async fn verification_outcome(
    state: &AppState,
    uuid: &str,
) -> Result<VerifyOutcome, TicketError> {
    let t = state.tickets.get(uuid)?;
    let mut progress =
        t.lock().await.verifier.clone().ok_or_else(|| {
            TicketError::failed(Msg::VerifierNotStarted, "POST ds/verifier first")
        })?;
    progress
        .wait_for(Option::is_some)
        .await
        .map_err(|_| TicketError::failed(Msg::SignatureInvalid, "verification was interrupted"))?
        .clone()
        .ok_or_else(|| TicketError::failed(Msg::SignatureInvalid, "no result"))
}
