//! Kontur CryptoApi (spec 003): the certificate rendering shared by
//! `POST /v3/validate` and `signet inspect --json`.

pub mod certificate;
