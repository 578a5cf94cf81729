// A self-signed DSTU 4145 certificate made by the `jkurwa` npm package (its
// Certificate.signCert, GOST 34.311-95 hash from `gost89`), so that a
// signet test can have a signing certificate for a key whose published
// certificate allows only key agreement.
//
//   NODE_PATH=$HOME/.cache/signet-npm/node_modules \
//     node scripts/peers/jkurwa_make_cert.js KEY.der CN > cert.der
//
// KEY.der is a private key in jkurwa's DER form (the test data's
// Key40A0.cer); the certificate's keyUsage is digitalSignature and
// nonRepudiation, valid from 2017-07-14 to 2035-01-01, subject and issuer
// {organizationName: CN, serialNumber: "UA-99999999"}.
"use strict";

const crypto = require("crypto");
if (typeof crypto.rng !== "function") {
  crypto.rng = (n) => crypto.randomBytes(n);
}
const fs = require("fs");
const gost89 = require("gost89");
const jk = require("jkurwa");

const [keyPath, cn] = process.argv.slice(2);
if (!keyPath || !cn) {
  console.error("usage: jkurwa_make_cert.js KEY.der CN");
  process.exit(2);
}
const algo = gost89.compat.algos();
const privkey = jk.Priv.from_asn1(fs.readFileSync(keyPath));
const name = { organizationName: cn, serialNumber: "UA-99999999" };
const cert = jk.Certificate.signCert({
  privkey,
  hash: algo.hash,
  certData: {
    serial: 424242 << 8, // eslint-disable-line no-bitwise
    issuer: name,
    subject: name,
    valid: { from: 1500000000000, to: 2051222400000 },
    usage: "\x03\x02\x06\xC0",
  },
});
process.stdout.write(cert.as_asn1());
