//! Kontur Reestro (spec 002): contents of an organisation (uploaded
//! documents and detached signatures) and `POST …/signatures/verify`.
//!
//! Every route sits under a configurable prefix (`--reestro-prefix`, e.g.
//! `/realty/crypto/v2` as in the spec's example; empty by default) and
//! requires `Authorization: ReestroAuth auth.sid=…&portal.orgid=…`: 401
//! without a live session, 403 when the organisation is not granted to the
//! session's certificate.

pub mod auth;
pub mod contents;
pub mod error;
pub mod verify;
