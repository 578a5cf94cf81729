#!/usr/bin/env python3
"""A peer for signet's `POST /v3/validate`: a small CAdES-BES verifier on
Python `cryptography` (OpenSSL underneath) and `asn1crypto` (CMS parsing),
served over HTTP/1.1 for the same load generator, on the same machine, with
the same signatures (scripts/bench, section `peer`).

    validate_peer.py serve --root ca.pem --listen 127.0.0.1:PORT [--workers N]
    validate_peer.py check --root ca.pem CONTENT SIGNATURE     (exit 0 valid)

Request: the /v3/validate body, JSON {"Content": base64, "Signature":
base64, ...} (Content may be absent for an attached signature). Answer 200
{"valid": true|false, "signers": [{"subject", "status"}]}, 400 for a body
that is not JSON or not base64.

What it checks, for every SignerInfo (all must pass for "valid"):
  * the signer's certificate is in the CMS certificates (issuerAndSerial
    or subjectKeyIdentifier);
  * signed attributes present; content-type equals eContentType;
    message-digest equals the content's digest (SHA-1/2);
    ESS signing-certificate(-v2), when present, hashes to the signer's
    certificate;
  * the signature over the DER signed attributes: RSA PKCS#1 v1.5, RSA-PSS,
    ECDSA, Ed25519;
  * the certificate path: signer → (intermediates in the CMS) → a root of
    --root, each link's issuer name and signature
    (`Certificate.verify_directly_issued_by`), basicConstraints CA on the
    issuers, every certificate's validity period at the time of the request.
What it does not check, where signet does: revocation (the bench runs
signet with `--revocation off` too), key usage / extended key usage, name
and policy constraints, CAdES-T/X time-stamps, GOST and DSTU algorithms,
the signing-time attribute against the certificate, BER input.

Like signet, it keeps parsed certificates and remembers CA signatures it
has verified (keyed by the exact DER), so that a steady stream costs one
signature verification per request plus parsing. HTTP is asyncio streams
(keep-alive, Content-Length bodies), one process per worker sharing the
port with SO_REUSEPORT, so that Python's global lock does not cap it at
one core.
"""

import argparse
import asyncio
import base64
import binascii
import datetime
import hashlib
import json
import os
import signal
import socket
import sys

from asn1crypto import cms, tsp  # noqa: F401 (tsp registers the ESS signing-certificate attributes)
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

HASHES = {
    "sha1": (hashes.SHA1, hashlib.sha1),
    "sha224": (hashes.SHA224, hashlib.sha224),
    "sha256": (hashes.SHA256, hashlib.sha256),
    "sha384": (hashes.SHA384, hashlib.sha384),
    "sha512": (hashes.SHA512, hashlib.sha512),
}
CONTENT_TYPE = "1.2.840.113549.1.9.3"
MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
SIGNING_CERT = "1.2.840.113549.1.9.16.2.12"
SIGNING_CERT_V2 = "1.2.840.113549.1.9.16.2.47"


class Invalid(Exception):
    pass


# Older `cryptography` releases (Debian 12 ships 38) lack a few of the
# calls used here; these fall back to what they do.
def not_before(c):
    return getattr(c, "not_valid_before_utc", None) or c.not_valid_before.replace(tzinfo=datetime.timezone.utc)


def not_after(c):
    return getattr(c, "not_valid_after_utc", None) or c.not_valid_after.replace(tzinfo=datetime.timezone.utc)


def verify_issued_by(child, issuer):
    if hasattr(child, "verify_directly_issued_by"):
        child.verify_directly_issued_by(issuer)
        return
    if child.issuer != issuer.subject:
        raise ValueError("issuer name mismatch")
    key = issuer.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        key.verify(child.signature, child.tbs_certificate_bytes, padding.PKCS1v15(), child.signature_hash_algorithm)
    elif isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(child.signature, child.tbs_certificate_bytes, ec.ECDSA(child.signature_hash_algorithm))
    elif isinstance(key, ed25519.Ed25519PublicKey):
        key.verify(child.signature, child.tbs_certificate_bytes)
    else:
        raise TypeError("issuer key type not supported")


def load_pems(data: bytes):
    if hasattr(x509, "load_pem_x509_certificates"):
        return x509.load_pem_x509_certificates(data)
    end = b"-----END CERTIFICATE-----"
    return [x509.load_pem_x509_certificate(part + end) for part in data.split(end) if b"-----BEGIN" in part]


class Verifier:
    def __init__(self, roots_pem: bytes):
        self.roots = load_pems(roots_pem)
        self.parsed = {}  # DER -> x509.Certificate
        self.issued = set()  # (child DER, issuer DER) whose signature verified

    def cert(self, der: bytes) -> x509.Certificate:
        c = self.parsed.get(der)
        if c is None:
            if len(self.parsed) > 10_000:
                self.parsed.clear()
            c = self.parsed[der] = x509.load_der_x509_certificate(der)
        return c

    def check_issued(self, child: x509.Certificate, child_der: bytes, issuer: x509.Certificate, issuer_der: bytes):
        key = (child_der, issuer_der)
        if key in self.issued:
            return
        try:
            bc = issuer.extensions.get_extension_for_class(x509.BasicConstraints).value
        except x509.ExtensionNotFound:
            raise Invalid("issuer is not a CA")
        if not bc.ca:
            raise Invalid("issuer is not a CA")
        try:
            verify_issued_by(child, issuer)
        except (ValueError, TypeError, InvalidSignature) as e:
            raise Invalid(f"certificate signature: {e}")
        if len(self.issued) > 10_000:
            self.issued.clear()
        self.issued.add(key)

    def path(self, leaf_der: bytes, pool: list, now):
        """signer → intermediates from the CMS → a root."""
        der, cert = leaf_der, self.cert(leaf_der)
        for _ in range(8):
            if not not_before(cert) <= now <= not_after(cert):
                raise Invalid("certificate outside its validity period")
            for root in self.roots:
                if root.subject == cert.issuer:
                    if not not_before(root) <= now <= not_after(root):
                        raise Invalid("root outside its validity period")
                    self.check_issued(cert, der, root, root.public_bytes(_DER))
                    return
            nxt = next(((d, c) for d, c in pool if c.subject == cert.issuer and d != der), None)
            if nxt is None:
                raise Invalid("no path to a trusted root")
            self.check_issued(cert, der, nxt[1], nxt[0])
            der, cert = nxt
        raise Invalid("path too long")

    def verify(self, content, signature: bytes):
        ci = cms.ContentInfo.load(signature)
        if ci["content_type"].dotted != "1.2.840.113549.1.7.2":
            raise Invalid("not SignedData")
        sd = ci["content"]
        eci = sd["encap_content_info"]
        attached = eci["content"].native
        if attached is not None and content is None:
            content = attached if isinstance(attached, bytes) else eci["content"].parsed.dump()
        if content is None:
            raise Invalid("detached signature without content")
        certs = [c.chosen.dump() for c in sd["certificates"] if c.name == "certificate"] if sd["certificates"] else []
        pool = [(d, self.cert(d)) for d in certs]
        now = datetime.datetime.now(datetime.timezone.utc)
        signers = []
        for si in sd["signer_infos"]:
            subject, status = None, "valid"
            try:
                sid = si["sid"]
                if sid.name == "issuer_and_serial_number":
                    serial = sid.chosen["serial_number"].native
                    issuer = sid.chosen["issuer"].dump()
                    found = next(((d, c) for d, c in pool if c.serial_number == serial
                                  and c.issuer.public_bytes() == issuer), None)
                else:
                    ski = sid.chosen.native
                    found = None
                    for d, c in pool:
                        try:
                            if c.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest == ski:
                                found = (d, c)
                                break
                        except x509.ExtensionNotFound:
                            pass
                if found is None:
                    raise Invalid("signer certificate not in the signature")
                der, cert = found
                subject = cert.subject.rfc4514_string()
                alg = si["digest_algorithm"]["algorithm"].native
                if alg not in HASHES:
                    raise Invalid(f"digest {alg} not supported")
                chash, lhash = HASHES[alg]
                attrs = si["signed_attrs"]
                if not attrs:
                    raise Invalid("no signed attributes")
                # The exact bytes, taken before reading the attributes
                # (asn1crypto re-encodes what it has parsed).
                signed = b"\x31" + attrs.dump()[1:]  # [0] IMPLICIT -> SET OF
                by_type = {a["type"].dotted: a["values"] for a in attrs}
                ct = by_type.get(CONTENT_TYPE)
                if ct is None or ct[0].dotted != eci["content_type"].dotted:
                    raise Invalid("content-type attribute")
                md = by_type.get(MESSAGE_DIGEST)
                if md is None or md[0].native != lhash(content).digest():
                    raise Invalid("message digest does not match the content")
                if SIGNING_CERT_V2 in by_type:
                    ids = by_type[SIGNING_CERT_V2][0]["certs"]
                    h = ids[0]["hash_algorithm"]["algorithm"].native
                    if ids[0]["cert_hash"].native != HASHES[h][1](der).digest():
                        raise Invalid("signing-certificate-v2 does not match the signer")
                elif SIGNING_CERT in by_type:
                    if by_type[SIGNING_CERT][0]["certs"][0]["cert_hash"].native != hashlib.sha1(der).digest():
                        raise Invalid("signing-certificate does not match the signer")
                sig = si["signature"].native
                key = cert.public_key()
                sig_alg = si["signature_algorithm"]
                name = sig_alg.signature_algo
                try:
                    if isinstance(key, rsa.RSAPublicKey) and name == "rsassa_pss":
                        p = sig_alg["parameters"]
                        h = HASHES[p["hash_algorithm"]["algorithm"].native][0]()
                        key.verify(sig, signed, padding.PSS(padding.MGF1(h), p["salt_length"].native), h)
                    elif isinstance(key, rsa.RSAPublicKey):
                        key.verify(sig, signed, padding.PKCS1v15(), chash())
                    elif isinstance(key, ec.EllipticCurvePublicKey):
                        key.verify(sig, signed, ec.ECDSA(chash()))
                    elif isinstance(key, ed25519.Ed25519PublicKey):
                        key.verify(sig, signed)
                    else:
                        raise Invalid("key type not supported")
                except InvalidSignature:
                    raise Invalid("signature does not verify")
                self.path(der, pool, now)
            except Invalid as e:
                status = str(e)
            signers.append({"subject": subject, "status": status})
        return {"valid": bool(signers) and all(s["status"] == "valid" for s in signers), "signers": signers}

    def answer(self, body: bytes):
        try:
            req = json.loads(body)
            content = base64.b64decode(req["Content"], validate=True) if req.get("Content") else None
            signature = base64.b64decode(req["Signature"], validate=True)
        except (ValueError, KeyError, TypeError, binascii.Error) as e:
            return 400, {"error": f"bad request: {e}"}
        try:
            return 200, self.verify(content, signature)
        except Invalid as e:
            return 200, {"valid": False, "signers": [], "error": str(e)}
        except Exception as e:  # a CMS asn1crypto cannot read
            return 200, {"valid": False, "signers": [], "error": f"cannot read: {e}"}


_DER = __import__("cryptography.hazmat.primitives.serialization", fromlist=["Encoding"]).Encoding.DER
REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 413: "Payload Too Large"}
MAX_BODY = 64 << 20


async def handle(verifier: Verifier, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, target, _ = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    k, v = line.split(":", 1)
                    headers[k.strip().lower()] = v.strip()
            length = int(headers.get("content-length", "0"))
            if length > MAX_BODY:
                status, answer = 413, {"error": "body too large"}
                keep = False
            else:
                body = await reader.readexactly(length) if length else b""
                if method == "POST" and target.split("?")[0] in ("/v3/validate", "/validate"):
                    status, answer = verifier.answer(body)
                else:
                    status, answer = 404, {"error": "not found"}
                keep = headers.get("connection", "").lower() != "close"
            out = json.dumps(answer).encode()
            writer.write(f"HTTP/1.1 {status} {REASONS[status]}\r\nContent-Type: application/json\r\n"
                         f"Content-Length: {len(out)}\r\n\r\n".encode() + out)
            await writer.drain()
            if not keep:
                break
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, ValueError):
        pass
    finally:
        writer.close()


def serve_worker(verifier: Verifier, host: str, port: int):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(1024)

    async def main():
        server = await asyncio.start_server(lambda r, w: handle(verifier, r, w), sock=sock, limit=1 << 16)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def serve(args):
    host, port = args.listen.rsplit(":", 1)
    verifier = Verifier(open(args.root, "rb").read())
    children = []
    for _ in range(args.workers):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            try:
                serve_worker(verifier, host, int(port))
            finally:
                os._exit(0)
        children.append(pid)

    def stop(*_):
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for pid in children:
        while True:
            try:
                os.waitpid(pid, 0)
                break
            except ChildProcessError:
                break
            except InterruptedError:
                continue


def check(args):
    verifier = Verifier(open(args.root, "rb").read())
    content = open(args.content, "rb").read() if args.content != "-" else None
    result = verifier.verify(content, open(args.signature, "rb").read())
    print(json.dumps(result))
    return 0 if result["valid"] else 1


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--root", required=True, help="trusted roots, PEM")
    s.add_argument("--listen", default="127.0.0.1:8090")
    s.add_argument("--workers", type=int, default=os.cpu_count())
    c = sub.add_parser("check")
    c.add_argument("--root", required=True)
    c.add_argument("content", help="the content, or - for an attached signature")
    c.add_argument("signature")
    args = p.parse_args()
    if args.cmd == "serve":
        serve(args)
        return 0
    return check(args)


if __name__ == "__main__":
    sys.exit(main())
