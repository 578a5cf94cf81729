//! The OpenAPI 3.1 document, generated from the handler types, served at
//! `/openapi.json` with Swagger UI at `/docs` (assets vendored in the
//! binary: no network needed).

use axum::Router;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::cipher::certinfo;
use crate::cipher::ticket::{
    error as ticket_error, handlers as ticket, options as ticket_options, verify as ticket_verify,
};
use crate::config::ServerConfig;
use crate::cryptoapi::{certificate, error, validate};
use crate::family::body_limit;
use crate::state::AppState;
use crate::{health, kontur_auth, reestro, web};

/// `/openapi.json` and Swagger UI at `/docs`, with the small body limit
/// (`max_body_bytes`).
pub fn routes(config: &ServerConfig) -> Router<AppState> {
    Router::new()
        .merge(SwaggerUi::new("/docs").url("/openapi.json", ApiDoc::openapi()))
        .layer(body_limit(config.max_body_bytes))
}

/// signet's API description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "signet",
        description = "Self-hosted electronic-signature service: Kontur auth, Kontur CryptoApi, \
                       Kontur Reestro and Cipher BIS wire formats for GOST, DSTU and \
                       RSA/ECDSA/Ed25519 PKI."
    ),
    paths(
        health::healthz,
        health::readyz,
        validate::validate,
        kontur_auth::handlers::authenticate_by_cert,
        kontur_auth::handlers::approve_cert,
        kontur_auth::handlers::refresh,
        kontur_auth::handlers::logout,
        reestro::contents::upload,
        reestro::contents::replace,
        reestro::contents::download,
        reestro::contents::meta,
        reestro::contents::delete,
        reestro::verify::verify,
        ticket::create,
        ticket::delete,
        ticket::set_options,
        ticket::upload_data,
        ticket::upload_signature,
        ticket::signature_base64,
        ticket::signature_bytes,
        ticket::upload_key_store,
        ticket::certificate_info,
        ticket::certificate_base64,
        ticket::start_creator,
        ticket::creator_status,
        ticket::start_verifier,
        ticket::verifier_result,
        ticket::protection_certificate,
        web::assets::page,
        web::verify::verify,
        web::certificate::certificate,
    ),
    components(schemas(
        health::Health,
        health::Readiness,
        certificate::Certificate,
        certinfo::CertificateInfo,
        validate::ValidateRequest,
        validate::ValidateResponse,
        validate::Attributes,
        error::ErrorBody,
        kontur_auth::AuthenticateResponse,
        kontur_auth::ApproveResponse,
        kontur_auth::Link,
        kontur_auth::handlers::RefreshRequest,
        reestro::contents::ContentDescription,
        reestro::error::ErrorBody,
        reestro::error::ErrorItem,
        reestro::verify::SignatureResult,
        reestro::verify::VerificationResult,
        reestro::verify::SignerCertificate,
        reestro::verify::CertificateParty,
        ticket::TicketAnswer,
        ticket::OptionsAnswer,
        ticket::Base64Data,
        ticket::KeyStoreRequest,
        ticket::PasswordRequest,
        ticket_options::OptionsRequest,
        ticket_error::MessageBody,
        ticket_error::FailureBody,
        ticket_verify::VerifierAnswer,
        ticket_verify::VerifyResult,
        ticket_verify::TimestampResult,
        web::ErrorBody,
        web::verify::VerifyForm,
        web::report::PageReport,
        web::report::SignerView,
        web::report::ChainLinkView,
        web::report::Identifier,
        web::report::Verdict,
        web::report::LinkStatus,
        web::certificate::CertificateView,
        web::certificate::Section,
        web::certificate::Field,
    )),
    modifiers(&BearerAuth, &Overload),
    tags(
        (name = "service", description = "Health and readiness"),
        (name = "cryptoapi", description = "Kontur CryptoApi: signature validation"),
        (name = "kontur-auth", description = "Kontur auth: login by certificate, sessions"),
        (name = "cipher", description = "Cipher BIS ticket API: sessions, key containers, certificate info, signing and verification; every JSON parameter may come as a protected parameter (encryptedData + secretKey)"),
        (name = "reestro", description = "Kontur Reestro: contents and signature verification (paths under the configured prefix)"),
        (name = "web", description = "The web page for people at /, and the two calls it makes: a signature check with a report for people, and a certificate's fields in Ukrainian, Russian or English; no authentication, a per-address request budget"),
    )
)]
pub struct ApiDoc;

/// Declares the bearer-token security scheme the CryptoApi uses.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "reestro",
            SecurityScheme::ApiKey(utoipa::openapi::security::ApiKey::Header(
                utoipa::openapi::security::ApiKeyValue::with_description(
                    "Authorization",
                    "ReestroAuth auth.sid=<session id>&portal.orgid=<organisation id>",
                ),
            )),
        );
    }
}

/// Documents the overload answer (`ServerConfig::max_in_flight`) on every
/// operation: a 503 with `Retry-After: 1` in the operation's family's error
/// format (`family.rs`), which the router gives before any handler runs.
/// Operations that already document a 503 of their own keep it.
struct Overload;

impl utoipa::Modify for Overload {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder, header::HeaderBuilder};
        for item in openapi.paths.paths.values_mut() {
            for operation in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                let tag = operation
                    .tags
                    .as_ref()
                    .and_then(|t| t.first())
                    .map(String::as_str);
                let (media, schema) = match tag {
                    Some("cryptoapi") => ("application/json", Some("CryptoApiError")),
                    Some("kontur-auth") => ("text/plain", None),
                    Some("cipher") => ("application/json", Some("MessageBody")),
                    Some("web") => ("application/json", Some("WebError")),
                    _ => ("application/json", Some("ReestroError")),
                };
                let mut content = ContentBuilder::new();
                if let Some(name) = schema {
                    content = content.schema(Some(Ref::from_schema_name(name)));
                }
                let response = ResponseBuilder::new()
                    .description(
                        "Overloaded: every place (--max-in-flight) is taken; retry after \
                         the Retry-After seconds. The body is this API's own error format.",
                    )
                    .header(
                        "Retry-After",
                        HeaderBuilder::new()
                            .description(Some("Seconds to wait: 1"))
                            .build(),
                    )
                    .content(media, content.build())
                    .build();
                operation
                    .responses
                    .responses
                    .entry("503".to_owned())
                    .or_insert(response.into());
            }
        }
    }
}
