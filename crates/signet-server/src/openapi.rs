//! The OpenAPI 3.1 document, generated from the handler types, served at
//! `/openapi.json` with Swagger UI at `/docs` (assets vendored in the
//! binary: no network needed).

use utoipa::OpenApi;

use crate::cipher::certinfo;
use crate::cryptoapi::certificate;
use crate::health;

/// signet's API description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "signet",
        description = "Self-hosted electronic-signature service: Kontur auth, Kontur CryptoApi, \
                       Kontur Reestro and Cipher BIS wire formats for GOST, DSTU and \
                       RSA/ECDSA/Ed25519 PKI."
    ),
    paths(health::healthz, health::readyz),
    components(schemas(
        health::Health,
        health::Readiness,
        certificate::Certificate,
        certinfo::CertificateInfo,
    )),
    tags((name = "service", description = "Health and readiness"))
)]
pub struct ApiDoc;
