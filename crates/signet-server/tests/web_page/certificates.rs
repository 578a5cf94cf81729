//! `/web/certificate`: a certificate read in Ukrainian, English and Russian,
//! with its DER, and the errors.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;

use super::*;

async fn certificate(state: AppState, body: &[u8], lang: &str) -> (StatusCode, Value) {
    let uri = if lang.is_empty() {
        "/web/certificate".to_owned()
    } else {
        format!("/web/certificate?lang={lang}")
    };
    let (status, _, bytes) = send(
        state,
        Request::post(uri)
            .header(header::CONTENT_TYPE, "application/octet-stream")
            .body(Body::from(body.to_vec()))
            .expect("request"),
    )
    .await;
    (status, json(&bytes))
}

fn field<'a>(v: &'a Value, section: &str, label: &str) -> Option<&'a str> {
    v["sections"]
        .as_array()?
        .iter()
        .find(|s| s["id"] == section)?["fields"]
        .as_array()?
        .iter()
        .find(|f| f["label"] == label)?["value"]
        .as_str()
}

#[tokio::test]
async fn a_certificate_reads_in_three_languages_with_its_der() {
    let e = env().await;
    let (status, uk) = certificate(e.state.clone(), &e.signer.cert.der, "uk").await;
    assert_eq!(status, StatusCode::OK, "{uk}");
    let (_, ru) = certificate(e.state.clone(), &e.signer.cert.pem, "ru").await;
    let (_, en) = certificate(e.state.clone(), &e.signer.cert.base64, "en").await;
    let cert = Certificate::parse(&e.signer.cert.der).expect("cert");
    let serial = hex::encode_upper(&cert.fields().serial_number);
    assert_eq!(
        field(&uk, "general", "Серійний номер"),
        Some(serial.as_str())
    );
    assert_eq!(
        field(&ru, "general", "Серийный номер"),
        Some(serial.as_str())
    );
    assert_eq!(
        field(&en, "general", "Serial number"),
        Some(serial.as_str())
    );
    assert_eq!(uk["sections"][0]["title"], "Загальні відомості");
    assert_eq!(en["sections"][0]["title"], "General");
    assert_eq!(field(&en, "subject", "Common name"), Some(SIGNER_NAME));
    assert_eq!(field(&uk, "subject", "Загальне ім'я"), Some(SIGNER_NAME));
    assert_eq!(
        field(&en, "extensions", "Key usage"),
        Some("Digital signature\nNon-repudiation")
    );
    assert_eq!(
        field(&uk, "extensions", "Використання ключа"),
        Some("Електронний підпис\nНевідрікаємість")
    );
    for v in [&uk, &ru, &en] {
        assert_eq!(v["name"], SIGNER_NAME);
        assert_eq!(v["thumbprint"], cert.thumbprint_hex());
        assert_eq!(
            B64.decode(v["der"].as_str().expect("der")).expect("base64"),
            e.signer.cert.der
        );
        assert_eq!(v["fileName"], format!("{}.cer", cert.thumbprint_hex()));
        assert_eq!(v["identifiers"][0]["value"], "771234567890");
        // Every value that is a field is present and worded.
        for s in v["sections"].as_array().expect("sections") {
            for f in s["fields"].as_array().expect("fields") {
                assert!(!f["label"].as_str().expect("label").is_empty(), "{f}");
                assert!(!f["value"].as_str().expect("value").is_empty(), "{f}");
            }
        }
    }
    assert_eq!(uk["lang"], "uk");
    assert_eq!(ru["lang"], "ru");

    // Without lang: Accept-Language, else English.
    let (_, _, bytes) = send(
        e.state.clone(),
        Request::post("/web/certificate")
            .header(header::ACCEPT_LANGUAGE, "ru-RU,ru;q=0.9")
            .body(Body::from(e.signer.cert.der.clone()))
            .expect("request"),
    )
    .await;
    assert_eq!(json(&bytes)["lang"], "ru");
    let (_, none) = certificate(e.state.clone(), &e.signer.cert.der, "").await;
    assert_eq!(none["lang"], "en");

    // Larger than the body limit: 413, in the page's error format.
    let (status, v) = certificate(e.state.clone(), &vec![b'A'; 3 << 20], "en").await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    assert!(v["error"].is_string());

    for (what, body, lang) in [
        ("garbage", &b"not a certificate"[..], "en"),
        ("empty", &b""[..], "en"),
        ("a signature", &b"0\x03\x02\x01\x01"[..], "en"),
        ("an unknown language", &e.signer.cert.der[..], "de"),
    ] {
        let (status, v) = certificate(e.state.clone(), body, lang).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {v}");
        assert!(v["error"].is_string(), "{what}");
    }
}
