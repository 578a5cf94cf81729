//! Session options (`PUT /api/v1/ticket/{uuid}/option`), as Cipher BIS
//! names them: every value a JSON string, `"true"`/`"false"` for flags.
//!
//! | option | values (default first) | what signet does |
//! |---|---|---|
//! | signatureType | detached, attached | the content in the signature or not |
//! | cadesType | CAdESBES, CAdEST, CAdESXLong, undefined | CAdES-BES; CAdES-T: a signature time-stamp from the configured TSA (`--tsa-url`); CAdESXLong: CAdES-X Long Type 1 — the time-stamp, then the signer's path and its CRLs or OCSP answers (revocation checking must be on) and a CAdES-C time-stamp; undefined is BES plus the embed…Ts flags |
//! | embedSignatureTs | false, true | with cadesType undefined: a signature time-stamp (unsigned signature-time-stamp attribute) |
//! | embedDataTs | false, true | with cadesType undefined: a content time-stamp (signed content-time-stamp attribute, over the data) |
//! | embedCertificateType | signerCert, signerAndCaCert, signerCertAndCaInfo, nothing | which certificates go in the signature (CA certificates from the container and the trust store) |
//! | dataToSignQualifier | notSignedBefore, alreadySigned | alreadySigned: add a signer to the existing signature (the session's signature data, else the data itself when it is an attached signature) |
//! | duplicateSign | false, true | with alreadySigned: whether the same certificate may sign again |
//! | signatureTsVerifyOption, dataTsVerifyOption | ignore, verifyIfPresent, verifyOrFailIfNotPresent | verification: a missing time-stamp fails with verifyOrFailIfNotPresent |
//!
//! The vendor's clients also send options signet has no use for
//! (`caId`, `tsAdditionalVerifying`, `nokkCompatible`); they are accepted
//! and ignored, as are unknown names. `asicForm` other than `NONE` is
//! refused: ASiC containers are not supported.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::TicketError;

/// The options of a session as set; `None` keeps the current value.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct OptionsRequest {
    pub signature_type: Option<String>,
    pub cades_type: Option<String>,
    pub embed_signature_ts: Option<String>,
    pub embed_data_ts: Option<String>,
    pub embed_certificate_type: Option<String>,
    pub data_to_sign_qualifier: Option<String>,
    pub duplicate_sign: Option<String>,
    pub signature_ts_verify_option: Option<String>,
    pub data_ts_verify_option: Option<String>,
    pub asic_form: Option<String>,
}

/// CAdES level of new signatures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CadesType {
    /// CAdES-BES.
    Bes,
    /// CAdES-T.
    T,
    /// CAdES-X Long (refused when signing).
    XLong,
    /// BES plus the embed flags.
    Undefined,
}

/// Which certificates go into a new signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmbedCertificates {
    /// The signer's.
    Signer,
    /// The signer's and its CA chain.
    SignerAndCa,
    /// None.
    Nothing,
}

/// How a time-stamp is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TsVerify {
    /// Not required.
    Ignore,
    /// Checked when present (the engine always checks what is present).
    IfPresent,
    /// Required.
    Required,
}

/// The effective options of a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionOptions {
    /// Attached (true) or detached.
    pub attached: bool,
    /// The CAdES level.
    pub cades: CadesType,
    /// With `Undefined`: a signature time-stamp.
    pub embed_signature_ts: bool,
    /// With `Undefined`: a content time-stamp.
    pub embed_data_ts: bool,
    /// Certificates to embed.
    pub embed_certificates: EmbedCertificates,
    /// Add to an existing signature.
    pub already_signed: bool,
    /// The same certificate may sign twice.
    pub duplicate_sign: bool,
    /// Signature time-stamp requirement.
    pub signature_ts: TsVerify,
    /// Content time-stamp requirement.
    pub data_ts: TsVerify,
}

impl Default for SessionOptions {
    fn default() -> Self {
        SessionOptions {
            attached: false,
            cades: CadesType::Bes,
            embed_signature_ts: false,
            embed_data_ts: false,
            embed_certificates: EmbedCertificates::Signer,
            already_signed: false,
            duplicate_sign: false,
            signature_ts: TsVerify::Ignore,
            data_ts: TsVerify::Ignore,
        }
    }
}

fn bad(name: &str, value: &str, allowed: &str) -> TicketError {
    TicketError::BadRequest(format!("{name}: \"{value}\" is not one of {allowed}"))
}

fn flag(name: &str, value: &str) -> Result<bool, TicketError> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(bad(name, other, "true, false")),
    }
}

fn ts_verify(name: &str, value: &str) -> Result<TsVerify, TicketError> {
    match value {
        "ignore" => Ok(TsVerify::Ignore),
        "verifyIfPresent" => Ok(TsVerify::IfPresent),
        "verifyOrFailIfNotPresent" => Ok(TsVerify::Required),
        other => Err(bad(
            name,
            other,
            "ignore, verifyIfPresent, verifyOrFailIfNotPresent",
        )),
    }
}

impl SessionOptions {
    /// These options with `req` applied; nothing changes on an error.
    pub fn apply(&self, req: &OptionsRequest) -> Result<SessionOptions, TicketError> {
        let mut o = *self;
        if let Some(v) = req.signature_type.as_deref() {
            o.attached = match v {
                "attached" => true,
                "detached" => false,
                other => return Err(bad("signatureType", other, "attached, detached")),
            };
        }
        if let Some(v) = req.cades_type.as_deref() {
            // The vendor's clients spell the levels several ways.
            let key: String = v
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            o.cades = match key.as_str() {
                "cadesbes" => CadesType::Bes,
                "cadest" => CadesType::T,
                "cadesxlong" | "cadesxlongtype1" => CadesType::XLong,
                "undefined" => CadesType::Undefined,
                _ => {
                    return Err(bad(
                        "cadesType",
                        v,
                        "CAdESBES, CAdEST, CAdESXLong, undefined",
                    ));
                }
            };
        }
        if let Some(v) = req.embed_signature_ts.as_deref() {
            o.embed_signature_ts = flag("embedSignatureTs", v)?;
        }
        if let Some(v) = req.embed_data_ts.as_deref() {
            o.embed_data_ts = flag("embedDataTs", v)?;
        }
        if let Some(v) = req.embed_certificate_type.as_deref() {
            o.embed_certificates = match v {
                "signerCert" | "signerCertAndCaInfo" => EmbedCertificates::Signer,
                "signerAndCaCert" => EmbedCertificates::SignerAndCa,
                "nothing" => EmbedCertificates::Nothing,
                other => {
                    return Err(bad(
                        "embedCertificateType",
                        other,
                        "signerCert, signerAndCaCert, signerCertAndCaInfo, nothing",
                    ));
                }
            };
        }
        if let Some(v) = req.data_to_sign_qualifier.as_deref() {
            o.already_signed = match v {
                "notSignedBefore" => false,
                "alreadySigned" => true,
                other => {
                    return Err(bad(
                        "dataToSignQualifier",
                        other,
                        "notSignedBefore, alreadySigned",
                    ));
                }
            };
        }
        if let Some(v) = req.duplicate_sign.as_deref() {
            o.duplicate_sign = flag("duplicateSign", v)?;
        }
        if let Some(v) = req.signature_ts_verify_option.as_deref() {
            o.signature_ts = ts_verify("signatureTsVerifyOption", v)?;
        }
        if let Some(v) = req.data_ts_verify_option.as_deref() {
            o.data_ts = ts_verify("dataTsVerifyOption", v)?;
        }
        if let Some(v) = req.asic_form.as_deref()
            && v != "NONE"
        {
            return Err(TicketError::BadRequest(format!(
                "asicForm: not supported: ASiC containers ({v})"
            )));
        }
        Ok(o)
    }

    /// The options in the vendor's spelling, for the answer.
    pub fn to_request(&self) -> OptionsRequest {
        let s = |v: &str| Some(v.to_owned());
        let b = |v: bool| s(if v { "true" } else { "false" });
        let ts = |t: TsVerify| {
            s(match t {
                TsVerify::Ignore => "ignore",
                TsVerify::IfPresent => "verifyIfPresent",
                TsVerify::Required => "verifyOrFailIfNotPresent",
            })
        };
        OptionsRequest {
            signature_type: s(if self.attached {
                "attached"
            } else {
                "detached"
            }),
            cades_type: s(match self.cades {
                CadesType::Bes => "CAdESBES",
                CadesType::T => "CAdEST",
                CadesType::XLong => "CAdESXLong",
                CadesType::Undefined => "undefined",
            }),
            embed_signature_ts: b(self.embed_signature_ts),
            embed_data_ts: b(self.embed_data_ts),
            embed_certificate_type: s(match self.embed_certificates {
                EmbedCertificates::Signer => "signerCert",
                EmbedCertificates::SignerAndCa => "signerAndCaCert",
                EmbedCertificates::Nothing => "nothing",
            }),
            data_to_sign_qualifier: s(if self.already_signed {
                "alreadySigned"
            } else {
                "notSignedBefore"
            }),
            duplicate_sign: b(self.duplicate_sign),
            signature_ts_verify_option: ts(self.signature_ts),
            data_ts_verify_option: ts(self.data_ts),
            asic_form: s("NONE"),
        }
    }

    /// Whether new signatures get a signature time-stamp.
    pub fn wants_signature_ts(&self) -> bool {
        match self.cades {
            CadesType::T | CadesType::XLong => true,
            CadesType::Undefined => self.embed_signature_ts,
            CadesType::Bes => false,
        }
    }

    /// Whether new signatures get a content time-stamp.
    pub fn wants_data_ts(&self) -> bool {
        self.cades == CadesType::Undefined && self.embed_data_ts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_apply_and_round_trip() {
        let req = OptionsRequest {
            signature_type: Some("attached".into()),
            cades_type: Some("CAdES-T".into()),
            embed_certificate_type: Some("signerAndCaCert".into()),
            ..Default::default()
        };
        let o = SessionOptions::default().apply(&req).unwrap();
        assert!(o.attached);
        assert_eq!(o.cades, CadesType::T);
        assert!(o.wants_signature_ts());
        assert_eq!(o.apply(&o.to_request()).unwrap(), o);
    }

    #[test]
    fn a_bad_value_changes_nothing() {
        let base = SessionOptions::default();
        let req = OptionsRequest {
            signature_type: Some("attached".into()),
            duplicate_sign: Some("yes".into()),
            ..Default::default()
        };
        let err = base.apply(&req).unwrap_err();
        assert!(err.to_string().contains("duplicateSign"), "{err}");
        let asic = OptionsRequest {
            asic_form: Some("ASIC_S".into()),
            ..Default::default()
        };
        assert!(base.apply(&asic).is_err());
    }

    proptest::proptest! {
        /// Any JSON object of strings is applied or refused, never a panic,
        /// and a refusal leaves the options as they were.
        #[test]
        fn arbitrary_options_never_panic(
            pairs in proptest::collection::vec(("[a-zA-Z]{0,24}", "\\PC{0,16}"), 0..12),
        ) {
            let object: serde_json::Map<String, serde_json::Value> = pairs
                .into_iter()
                .map(|(k, v)| (k, serde_json::Value::String(v)))
                .collect();
            if let Ok(req) = serde_json::from_value::<OptionsRequest>(object.into()) {
                let base = SessionOptions::default();
                if let Ok(o) = base.apply(&req) {
                    proptest::prop_assert_eq!(o.apply(&o.to_request()).ok(), Some(o));
                }
            }
        }
    }
}
