// GOST 34.311-95 under an S-box other than DKE №1, and a DSTU 4145
// certificate whose key names such a DKE, from the `gost89` and `jkurwa`
// npm packages: the independent side of signet's tests of DKE unpacking
// (crates/signet-pki/tests/dstu_kupyna_dke.rs).
//
//   NODE_PATH=$HOME/.cache/signet-npm/node_modules \
//     node scripts/peers/gost89_dke.js hash DKE_HEX < data   # -> hash, hex
//   NODE_PATH=… node scripts/peers/gost89_dke.js cert DKE_HEX CURVE D > cert.der
//
// DKE_HEX is the 64-byte packed S-box as DSTU4145Params.dke carries it.
// gost89 keeps an S-box unpacked, 128 nibbles with K8 first (lib/gost89.js
// Subst), and packs it with lib/dstu.js packSbox; the unpacking here is
// checked to be packSbox's inverse before it is used. gost89's Hash has no
// S-box argument: its GOST 28147 instance (`hash.gost`) is replaced by one
// made with gost89.init(sbox).
//
// `cert` makes a self-signed certificate for the key d = D (big-endian hex)
// on CURVE (M257 or M431) with jkurwa's Certificate.signCert: the key's dke is DKE_HEX
// and the TBS is hashed under that S-box, as Bouncy Castle's DSTU 4145
// SignatureSpi hashes with the key's DKE.
"use strict";

const crypto = require("crypto");
if (typeof crypto.rng !== "function") {
  crypto.rng = (n) => crypto.randomBytes(n);
}
const fs = require("fs");
const gost89 = require("gost89");
const Hash = require("gost89/lib/hash.js");
const dstu = require("gost89/lib/dstu.js");
const jk = require("jkurwa");

function unpack(dke) {
  if (dke.length !== 64) throw new Error("a DKE is 64 bytes");
  const sbox = Buffer.alloc(128);
  for (let q = 0; q < 64; q++) {
    // Packed row q >> 3 is K(row + 1); gost89's row 0 is K8.
    const idx = ((7 - (q >> 3)) << 4) | ((q & 7) << 1);
    sbox[idx] = dke[q] >> 4;
    sbox[idx + 1] = dke[q] & 0x0f;
  }
  if (!dstu.packSbox(sbox).equals(dke)) {
    throw new Error("unpack is not packSbox's inverse");
  }
  return sbox;
}

function hasher(dke) {
  const sbox = unpack(dke);
  return (data) => {
    const h = new Hash();
    h.gost = gost89.init(sbox);
    h.update(Buffer.from(data));
    return Buffer.from(h.finish(new Uint8Array(32)));
  };
}

const [op, dkeHex, curveName, dHex] = process.argv.slice(2);
if (!op || !dkeHex) {
  console.error("usage: gost89_dke.js hash DKE_HEX < data | cert DKE_HEX M257|M431 D");
  process.exit(2);
}
const dke = Buffer.from(dkeHex, "hex");
const hash = hasher(dke);
// DKE №1 must give gost89's own default table and hash.
if (!unpack(dstu.packSbox(dstu.defaultSbox)).equals(dstu.defaultSbox)) {
  throw new Error("DKE 1 does not round-trip");
}

if (op === "hash") {
  process.stdout.write(hash(fs.readFileSync(0)).toString("hex"));
} else if (op === "cert") {
  const curve = jk.std_curve({ M257: "DSTU_PB_257", M431: "DSTU_PB_431" }[curveName]);
  const privkey = curve.pkey(dHex, "hex");
  privkey.sbox = dke;
  const name = { organizationName: "DKE test " + curveName, serialNumber: "UA-99999998" };
  const cert = jk.Certificate.signCert({
    privkey,
    hash,
    certData: {
      serial: 434343 << 8, // eslint-disable-line no-bitwise
      issuer: name,
      subject: name,
      valid: { from: 1500000000000, to: 2051222400000 },
      usage: "\x03\x02\x06\xC0",
    },
  });
  process.stdout.write(cert.as_asn1());
} else {
  console.error("unknown operation " + op);
  process.exit(2);
}
