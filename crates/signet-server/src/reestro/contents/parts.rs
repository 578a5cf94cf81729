//! Uploads in parts (the module documentation's "Uploads in parts", after
//! the convention of Google Cloud Storage's resumable uploads): each part
//! is appended where the staged bytes end, a query answers how much has
//! arrived, and the part that completes the total makes the content
//! appear in one step.

use axum::Json;
use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use signet_store::{CompletedUpload, StoreError, now_unix};
use uuid::Uuid;

use super::content_range::ContentRange;
use super::incoming::incoming;
use super::{ContentDescription, created};
use crate::reestro::error::{ErrorItem, ReestroError, staged_range};
use crate::state::AppState;

/// `PUT …/contents/{id}` with a `Content-Range`.
pub(super) async fn upload_in_parts(
    state: &AppState,
    organization: Uuid,
    id: Uuid,
    range: ContentRange,
    headers: &HeaderMap,
    request: Request,
) -> Result<Response, ReestroError> {
    let idle = i64::try_from(state.config.pending_upload_idle.as_secs()).unwrap_or(i64::MAX);
    let expired = state
        .store
        .expire_uploads(now_unix().saturating_sub(idle))
        .await?;
    if expired > 0 {
        tracing::info!(expired, "dropped idle uploads in parts");
    }
    let (start, end, total) = match range {
        ContentRange::Query { total } => return upload_query(state, organization, id, total).await,
        ContentRange::Part { start, end, total } => (start, end, total),
    };
    let limit = state.config.content_max_bytes;
    if total.unwrap_or(end.saturating_add(1)) > limit {
        return Err(ReestroError::too_large(format!(
            "the content is larger than the limit of {limit} bytes"
        )));
    }
    let part_len = (end - start).saturating_add(1);
    let (new, body) = incoming(headers, request).await?.into_content(organization);
    let pending = match state
        .store
        .append_upload(id, new, start, body, part_len, total)
        .await
    {
        Ok(pending) => pending,
        Err(StoreError::TooLarge { .. }) => {
            return Err(ReestroError::validation(vec![ErrorItem::wrong(
                "Content-Range",
                format!("the body is longer than the {part_len} bytes Content-Range announces"),
            )]));
        }
        Err(e) => return Err(e.into()),
    };
    // The TOTAL the upload is bound to: a later part may say `*`.
    if pending.total == Some(pending.received) {
        return complete(state, organization, id, pending.received).await;
    }
    Ok(resume_incomplete(pending.received))
}

/// `Content-Range: bytes */TOTAL`: how much has arrived.
async fn upload_query(
    state: &AppState,
    organization: Uuid,
    id: Uuid,
    total: Option<u64>,
) -> Result<Response, ReestroError> {
    if let Some(pending) = state.store.upload_status(organization, id).await? {
        if let (Some(bound), Some(asked)) = (pending.total, total)
            && bound != asked
        {
            return Err(ReestroError::wrong_total(bound));
        }
        // Everything arrived but the completion was cut off: finish it.
        if pending.received > 0 && pending.total.or(total) == Some(pending.received) {
            return complete(state, organization, id, pending.received).await;
        }
        return Ok(resume_incomplete(pending.received));
    }
    match state.store.content_meta(organization, id).await? {
        // Completed already (the answer to the last part was lost).
        Some(meta) => Ok(Json(ContentDescription::from(&meta)).into_response()),
        None => Ok(resume_incomplete(0)),
    }
}

/// Makes a fully staged upload a content: 201 (200 when it replaced one).
async fn complete(
    state: &AppState,
    organization: Uuid,
    id: Uuid,
    size: u64,
) -> Result<Response, ReestroError> {
    let Some(CompletedUpload { meta, replaced }) =
        state.store.complete_upload(organization, id, size).await?
    else {
        // Dropped (deleted, expired) since its last part.
        return Err(ReestroError::wrong_offset(0));
    };
    tracing::info!(content = %meta.id, size = meta.size, replaced, "content stored from parts");
    if replaced {
        return Ok(Json(ContentDescription::from(&meta)).into_response());
    }
    Ok(created(state, &meta))
}

/// 308 with `Range: bytes=0-N`, the bytes received so far (no `Range` when
/// none), as resumable uploads answer a part that does not complete them.
fn resume_incomplete(received: u64) -> Response {
    let mut response = StatusCode::PERMANENT_REDIRECT.into_response();
    if let Some(range) = staged_range(received) {
        response.headers_mut().insert(header::RANGE, range);
    }
    response
}
