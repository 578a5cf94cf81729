// Verifies a CMS SignedData signed with DSTU 4145-2002 and GOST 34.311-95
// with the `jkurwa` npm package (lib/models/Message.js), as an independent
// check of the signatures signet writes (crates/signet-pki/tests/ua_dstu.rs).
//
//   NODE_PATH=$HOME/.cache/signet-npm/node_modules \
//     node scripts/peers/jkurwa_verify_cms.js SIGNATURE.p7 [CONTENT]
//
// CONTENT is the signed content of a detached signature. jkurwa checks the
// message-digest attribute, signing-time against the embedded certificate's
// validity, and the signature over the signed attributes with the first
// embedded certificate's key (it does not check the chain). Prints "true"
// or "false".
"use strict";

const fs = require("fs");
const gost89 = require("gost89");
const Message = require("jkurwa/lib/models/Message.js");

const [sigPath, contentPath] = process.argv.slice(2);
if (!sigPath) {
  console.error("usage: jkurwa_verify_cms.js SIGNATURE.p7 [CONTENT]");
  process.exit(2);
}
const msg = new Message(fs.readFileSync(sigPath));
if (contentPath) {
  msg.info.contentInfo.content = fs.readFileSync(contentPath);
}
const hash = (data) => gost89.gosthash(data);
let valid;
try {
  valid = msg.verify(hash, () => null, () => null);
} catch (e) {
  console.error(String(e));
  valid = false;
}
console.log(valid ? "true" : "false");
