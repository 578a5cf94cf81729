// Ukrainian CMS EnvelopedData (DSTU 4145 key agreement, GOST 28147-89)
// made and read by the `jkurwa` npm package (lib/models/Message.js
// constructEnveloped/decrypt, lib/models/Priv.js encrypt/decrypt with the
// `gost89` package's compat algorithms), as the independent peer of
// crates/signet-pki/tests/enveloped_dstu.rs.
//
//   NODE_PATH=$HOME/.cache/signet-npm/node_modules \
//     node scripts/peers/jkurwa_envelope.js decrypt ENVELOPE.p7 KEY.der [ORIGINATOR.cer...]
//   NODE_PATH=... node scripts/peers/jkurwa_envelope.js \
//     encrypt PLAINTEXT SENDER_KEY.der SENDER.cer RECIPIENT.cer > envelope.p7
//
// KEY.der and SENDER_KEY.der are private keys in jkurwa's DER form (the
// test data's Key40A0.cer, PRIV1.cer). decrypt writes the plaintext to
// standard output; an originator named by issuer and serial number is
// looked up among the ORIGINATOR certificates by serial number (jkurwa
// reads an originatorKey without one). encrypt writes the DER of the
// EnvelopedData jkurwa makes: static-static key agreement with the sender's
// key, the sender's certificate as originator (issuerAndSerialNumber), a
// 64-byte ukm. Errors go to standard error with exit status 1.
"use strict";

const crypto = require("crypto");
if (typeof crypto.rng !== "function") {
  // jkurwa's lib/rand.js calls crypto.rng, which node no longer has.
  crypto.rng = (n) => crypto.randomBytes(n);
}
const fs = require("fs");
const gost89 = require("gost89");
const jk = require("jkurwa");
const Message = require("jkurwa/lib/models/Message.js");

const usage =
  "usage: jkurwa_envelope.js decrypt ENVELOPE KEY [ORIGINATOR...] | " +
  "encrypt PLAINTEXT SENDER_KEY SENDER_CERT RECIPIENT_CERT";
const [mode, ...args] = process.argv.slice(2);
const algo = gost89.compat.algos();
const cert = (path) => jk.Certificate.from_asn1(fs.readFileSync(path));
const key = (path) => jk.Priv.from_asn1(fs.readFileSync(path));

try {
  if (mode === "decrypt" && args.length >= 2) {
    const [envelopePath, keyPath, ...originatorPaths] = args;
    const originators = originatorPaths.map(cert);
    const msg = new Message(fs.readFileSync(envelopePath));
    const lookup = (query) =>
      originators.find((c) => c.nameSerial().serialNumber.eq(query.serialNumber));
    const plain = msg.decrypt(key(keyPath), algo, lookup);
    process.stdout.write(plain);
  } else if (mode === "encrypt" && args.length === 4) {
    const [plainPath, senderKeyPath, senderCertPath, recipientPath] = args;
    const msg = new Message({
      type: "envelopedData",
      data: fs.readFileSync(plainPath),
      cert: cert(senderCertPath),
      toCert: cert(recipientPath),
      crypter: key(senderKeyPath),
      algo,
    });
    process.stdout.write(msg.as_asn1());
  } else {
    console.error(usage);
    process.exit(2);
  }
} catch (e) {
  console.error(String(e && e.stack ? e.stack : e));
  process.exit(1);
}
