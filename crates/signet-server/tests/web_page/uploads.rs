//! Uploads: malformed multipart bodies are 400 with an error, and a large
//! document streams past the small body limits (413 past the content limit).

use super::*;

#[tokio::test]
async fn malformed_uploads_are_400_with_an_error() {
    let e = env().await;
    let detached = e.pki.sign(&[&e.signer], DOC, &cades());
    let multipart_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let cases: Vec<(&str, Option<String>, Vec<u8>)> = vec![
        (
            "not multipart",
            Some("application/json".into()),
            b"{\"signature\": \"\"}".to_vec(),
        ),
        (
            "no content type",
            None,
            multipart(&[("signature", Some("s"), &detached)]),
        ),
        (
            "no parts",
            Some(multipart_type.clone()),
            format!("--{BOUNDARY}--\r\n").into_bytes(),
        ),
        (
            "document first",
            Some(multipart_type.clone()),
            multipart(&[
                ("document", Some("d"), DOC),
                ("signature", Some("s"), &detached),
            ]),
        ),
        (
            "a signature that is not one",
            Some(multipart_type.clone()),
            multipart(&[
                ("signature", Some("s"), b"garbage"),
                ("document", Some("d"), DOC),
            ]),
        ),
        (
            "an empty signature",
            Some(multipart_type.clone()),
            multipart(&[("signature", Some("s"), b"")]),
        ),
        (
            "a detached signature without its document",
            Some(multipart_type.clone()),
            multipart(&[("signature", Some("s"), &detached)]),
        ),
        (
            "two documents",
            Some(multipart_type.clone()),
            multipart(&[
                ("signature", Some("s"), &detached),
                ("document", Some("d"), DOC),
                ("document", Some("e"), DOC),
            ]),
        ),
        (
            "an unknown part",
            Some(multipart_type.clone()),
            multipart(&[
                ("signature", Some("s"), &detached),
                ("comment", None, b"hi"),
            ]),
        ),
        ("a body cut short", Some(multipart_type.clone()), {
            let full = multipart(&[
                ("signature", Some("s"), &detached),
                ("document", Some("d"), DOC),
            ]);
            full[..full.len() - 30].to_vec()
        }),
    ];
    for (what, content_type, body) in cases {
        let mut req = Request::post("/web/verify");
        if let Some(ct) = content_type {
            req = req.header(header::CONTENT_TYPE, ct);
        }
        let (status, headers, bytes) = send(
            e.state.clone(),
            req.body(Body::from(body)).expect("request"),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "{what}: {}",
            String::from_utf8_lossy(&bytes)
        );
        assert!(
            headers[header::CONTENT_TYPE]
                .to_str()
                .expect("type")
                .starts_with("application/json"),
            "{what}"
        );
        let v = json(&bytes);
        assert!(
            !v["error"].as_str().expect("error").is_empty(),
            "{what}: {v}"
        );
    }
}

/// A document streamed in 64 KiB chunks, larger than every small body
/// limit, is hashed on the way; past the content limit it is a 413.
#[tokio::test]
async fn a_large_document_streams_past_the_small_limits() {
    let pki = TestPki::new(KeyType::Rsa(2048));
    let signer = signer(&pki);
    let mut config = config();
    config.max_body_bytes = 64 * 1024;
    config.validate_max_body_bytes = 256 * 1024;
    config.content_max_bytes = 12 << 20;
    let (state, _dir) = state_with(&pki.root.cert.der, config).await;
    let big: Vec<u8> = (0..(8u32 << 20)).map(|i| (i % 251) as u8).collect();
    let sig = pki.sign(&[&signer], &big, &cades());

    let stream_of = |document: Vec<u8>| {
        let head = multipart(&[("signature", Some("big.p7s"), &sig)]);
        // Drop the closing boundary, then add the document part.
        let head = head[..head.len() - (BOUNDARY.len() + 6)].to_vec();
        let doc_head = format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"big.bin\"\r\n\r\n"
        );
        let tail = format!("\r\n--{BOUNDARY}--\r\n");
        let mut chunks: Vec<Result<bytes::Bytes, std::io::Error>> =
            vec![Ok(head.into()), Ok(doc_head.into_bytes().into())];
        for c in document.chunks(64 * 1024) {
            chunks.push(Ok(bytes::Bytes::copy_from_slice(c)));
        }
        chunks.push(Ok(tail.into_bytes().into()));
        Body::from_stream(futures_util::stream::iter(chunks))
    };

    let (status, _, bytes) = send(state.clone(), verify_request(stream_of(big.clone()))).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    let v = json(&bytes);
    assert_eq!(v["verdict"], "valid", "{v}");
    assert_eq!(v["documentSize"], big.len());

    let mut bigger = big.clone();
    bigger.extend_from_slice(&big[..5 << 20]);
    let (status, _, bytes) = send(state.clone(), verify_request(stream_of(bigger))).await;
    assert_eq!(
        status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    assert!(json(&bytes)["error"].is_string());

    // Too large by its Content-Length: refused before it is read.
    let mut req = verify_request(Body::from(vec![0u8; 16]));
    req.headers_mut()
        .insert(header::CONTENT_LENGTH, (100u64 << 20).into());
    let (status, _, bytes) = send(state, req).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(json(&bytes)["error"].is_string());
}
