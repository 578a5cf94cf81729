// Makes an IIT Key-6.dat with the `gost89` and `jkurwa` npm packages, for
// signet's key-container tests (an independent writer of the format).
//
//   NODE_PATH=$HOME/.cache/signet-npm/node_modules \
//     node scripts/peers/gost89_key6.js KEY.der PASSWORD OUT.dat
//
// The key structure is encrypted as those packages decrypt it (gost89
// `compat.decode_data` for format "IIT"): key = GOST 34.311 of the password
// re-hashed 9 999 times (`dumb_kdf`), GOST 28147 ECB with the default DKE
// S-box over the structure padded with zeros to whole blocks; the bytes past
// the structure's length go to `pad`. The 4-byte MAC is written as zeros:
// neither package computes or checks it. The result is read back with
// jkurwa's parser and gost89's decoder, and must give the key again.
"use strict";

const fs = require("fs");
const gost89 = require("gost89");
const keystore = require("jkurwa/lib/spec/keystore.js");

const [keyPath, password, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error("usage: gost89_key6.js KEY.der PASSWORD OUT.dat");
  process.exit(2);
}
const key = fs.readFileSync(keyPath);
const padded = Buffer.alloc(Math.ceil(key.length / 8) * 8);
key.copy(padded);

const ctx = gost89.init();
ctx.key(gost89.compat.convert_password({ format: "IIT" }, Buffer.from(password, "utf8")));
const encrypted = ctx.crypt(padded);

const store = keystore.StoreIIT.encode(
  {
    cryptParam: {
      cryptType: "IIT Store",
      cryptParam: {
        mac: Buffer.alloc(4),
        pad: encrypted.slice(key.length),
      },
    },
    cryptData: encrypted.slice(0, key.length),
  },
  "der"
);

const parsed = keystore.enc_parse(store);
const back = gost89.compat.decode_data(parsed, Buffer.from(password, "utf8"));
if (!back.equals(key)) {
  console.error("gost89 does not read back the store it wrote");
  process.exit(1);
}
fs.writeFileSync(outPath, store);
