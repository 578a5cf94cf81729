// DSTU 4145-2002 signatures and key agreement with the `jkurwa` npm
// package, as an independent implementation for signet's cross-checks
// (crates/signet-crypto/tests/dstu4145_interop.rs) and speed comparison.
//
//   NODE_PATH=$HOME/.cache/signet-npm/node_modules \
//     node scripts/peers/jkurwa_dstu.js < requests.json
//   NODE_PATH=… node scripts/peers/jkurwa_dstu.js bench M257 [SECONDS]
//
// requests.json is an array; each request names a curve ("M163", "M257"
// or "M431") and an operation, all numbers in hexadecimal:
//   {"op": "sign", "curve", "d", "hash", "e"?}  -> {"pub", "sig"}
//   {"op": "verify", "curve", "pub", "hash", "sig"} -> {"valid"}
//   {"op": "derive", "curve", "d", "peer"}        -> {"zz"}
// d and e are big-endian integers; hash is the hash function's output
// bytes as they are (jkurwa reads them little-endian); pub and peer are
// compressed points and sig is r‖s, all little-endian as certificates and
// CMS carry them; zz is jkurwa's Priv.derive output (x, big-endian). Without
// e, jkurwa draws the nonce itself. The answer is an array in request order.
//
// jkurwa ships only M257 and M431 (lib/standard.js); M163 is built here from
// Bouncy Castle's DSTU4145NamedCurves parameters.
"use strict";

// jkurwa's lib/rand.js calls crypto.rng, which Node removed (DEP0115).
const crypto = require("crypto");
if (typeof crypto.rng !== "function") {
  crypto.rng = (n) => crypto.randomBytes(n);
}

const jk = require("jkurwa");
const Priv = require("jkurwa/lib/models/Priv.js");

function curve(name) {
  switch (name) {
    case "M257":
      return jk.std_curve("DSTU_PB_257");
    case "M431":
      return jk.std_curve("DSTU_PB_431");
    case "M163":
      if (!curve.m163) {
        curve.m163 = new jk.Curve({
          m: 163,
          ks: [7, 6, 3],
          a: "1",
          b: "5FF6108462A2DC8210AB403925E638A19C1455D21",
          order: "400000000000000000002BEC12BE2262D39BCF14D",
          kofactor: [2],
          base: {
            x: "2E2F85F5DD74CE983A5C4237229DAF8A3F35823BE",
            y: "3826F008A8C51D7B95284D9D03FF0E00CE2CD723A",
          },
        });
      }
      return curve.m163;
    default:
      throw new Error("unknown curve " + name);
  }
}

const reversed = (hex) => Buffer.from(hex, "hex").reverse();

function pubFromLe(c, hexLe) {
  return c.pubkey(reversed(hexLe), "buf8");
}

function handle(req) {
  const c = curve(req.curve);
  switch (req.op) {
    case "sign": {
      const priv = c.pkey(req.d, "hex");
      const hash = Buffer.from(req.hash, "hex");
      let sig;
      if (req.e) {
        const hashV = new jk.Field(Array.from(hash).reverse(), "buf8", c);
        const raw = priv.help_sign(hashV, new jk.Field(req.e, "hex", c));
        if (raw === null) throw new Error("nonce gives r = 0");
        sig = Priv.sign_serialise(raw, "le");
      } else {
        sig = priv.sign(hash, "le");
      }
      return {
        pub: priv.pub().point.compress().le().toString("hex"),
        sig: Buffer.from(sig).toString("hex"),
      };
    }
    case "verify": {
      const pub = pubFromLe(c, req.pub);
      let valid;
      try {
        valid = pub.verify(Buffer.from(req.hash, "hex"), Buffer.from(req.sig, "hex"), "le");
      } catch (e) {
        valid = false;
      }
      return { valid };
    }
    case "derive": {
      const priv = c.pkey(req.d, "hex");
      return { zz: priv.derive(pubFromLe(c, req.peer)).toString("hex") };
    }
    default:
      throw new Error("unknown op " + req.op);
  }
}

function bench(name, seconds) {
  const c = curve(name);
  const priv = c.keygen();
  const pub = priv.pub();
  const hash = crypto.randomBytes(32);
  const sig = priv.sign(hash, "le");
  if (!pub.verify(hash, sig, "le")) throw new Error("jkurwa does not verify its own signature");
  const rate = (f) => {
    f(); // warm up
    let n = 0;
    const start = process.hrtime.bigint();
    const limit = BigInt(Math.round(seconds * 1e9));
    let elapsed = 0n;
    while (elapsed < limit) {
      f();
      n += 1;
      elapsed = process.hrtime.bigint() - start;
    }
    return n / (Number(elapsed) / 1e9);
  };
  return {
    curve: name,
    sign_per_s: rate(() => priv.sign(hash, "le")),
    verify_per_s: rate(() => pub.verify(hash, sig, "le")),
  };
}

const args = process.argv.slice(2);
if (args[0] === "bench") {
  console.log(JSON.stringify(bench(args[1] || "M257", Number(args[2] || 3))));
} else {
  const input = require("fs").readFileSync(0, "utf8");
  console.log(JSON.stringify(JSON.parse(input).map(handle)));
}
