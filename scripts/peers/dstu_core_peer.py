"""DSTU 4145-2002 with Kupyna-256 from the `dstu-core` PyPI package, as an
independent implementation for signet's cross-checks
(crates/signet-pki/tests/dstu_kupyna_dke.rs). `scripts/test` installs the pinned
package into the virtual environment $HOME/.cache/signet-py.

    $HOME/.cache/signet-py/bin/python scripts/peers/dstu_core_peer.py < requests.json

requests.json is an array; every number is hexadecimal:
  {"op": "keygen"}                    -> {"d", "vk", "pub"}
  {"op": "sign", "d", "msg"}          -> {"sig"}
  {"op": "verify", "vk", "msg", "sig"} -> {"valid"}
  {"op": "vk", "d"}                   -> {"vk", "pub"}
  {"op": "kupyna", "msg"}             -> {"kupyna256", "kupyna512"}
The answer is an array in request order.

dstu-core 0.5 signs on M257 only (and on an M163 whose base point is not
the one of Ukrainian certificates); it hashes the message with Kupyna-256
itself. Its encodings, as the package's `sign257_*` functions take and
give them: d is 33 bytes big-endian; the verifying key `vk` is the point
Q = -d*P uncompressed, x then y, 33 bytes each, big-endian; the signature
is r then s, 33 bytes each, big-endian, and the Kupyna-256 output is read
as a big-endian number (not little-endian as UAPKI and signet read the hash
of a certificate or CMS signature): the test converts.

`pub` is the key compressed as DSTU 4145-2002 section 6.9 says (x with its
lowest bit replaced by tr(y/x)), little-endian, as a dstu4145le certificate
carries it; the GF(2^257) arithmetic for that is done here with Python
integers, x^257 + x^12 + 1 being the M257 field polynomial.
"""

import json
import sys

import dstu_core

M = 257
POLY = (1 << 257) | (1 << 12) | 1
LEN = 33


def mul(a, b):
    r = 0
    while b:
        if b & 1:
            r ^= a
        b >>= 1
        a <<= 1
        if a >> M:
            a ^= POLY
    return r


def inv(a):
    # a^(2^m - 2)
    r, e = 1, (1 << M) - 2
    while e:
        if e & 1:
            r = mul(r, a)
        a = mul(a, a)
        e >>= 1
    return r


def trace(a):
    t, s = 0, a
    for _ in range(M):
        t ^= s
        s = mul(s, s)
    return t & 1


def compress(vk):
    x = int.from_bytes(vk[:LEN], "big")
    y = int.from_bytes(vk[LEN:], "big")
    if x == 0:
        c = 0
    else:
        c = (x & ~1) | trace(mul(y, inv(x)))
    return c.to_bytes(LEN, "little")


def scalar(hex_d):
    # signet writes d in ceil(L(n)/8) = 32 bytes; dstu-core wants 33.
    return bytes.fromhex(hex_d).rjust(LEN, b"\0")


def handle(req):
    op = req["op"]
    if op == "keygen":
        d = dstu_core.sign257_keygen()
        vk = dstu_core.sign257_verifying_key(d)
        return {"d": d.hex(), "vk": vk.hex(), "pub": compress(vk).hex()}
    if op == "vk":
        vk = dstu_core.sign257_verifying_key(scalar(req["d"]))
        return {"vk": vk.hex(), "pub": compress(vk).hex()}
    if op == "sign":
        sig = dstu_core.sign257_message(scalar(req["d"]), bytes.fromhex(req["msg"]))
        return {"sig": sig.hex()}
    if op == "verify":
        valid = dstu_core.sign257_verify(
            bytes.fromhex(req["vk"]), bytes.fromhex(req["msg"]), bytes.fromhex(req["sig"])
        )
        return {"valid": bool(valid)}
    if op == "kupyna":
        msg = bytes.fromhex(req["msg"])
        return {
            "kupyna256": dstu_core.kupyna256(msg).hex(),
            "kupyna512": dstu_core.kupyna512(msg).hex(),
        }
    raise ValueError("unknown operation " + op)


def main():
    dstu_core.selftest()
    requests = json.load(sys.stdin)
    json.dump([handle(r) for r in requests], sys.stdout)


if __name__ == "__main__":
    main()
