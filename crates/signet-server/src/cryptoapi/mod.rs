//! Kontur CryptoApi (spec 003): `POST /v3/validate`, and the certificate
//! rendering it shares with `signet inspect --json`.

pub mod certificate;
pub mod error;
pub mod validate;
