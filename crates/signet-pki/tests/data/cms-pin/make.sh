#!/bin/sh
# Makes the fixed keys, certificates, CRL and OCSP answer of tests/sign_pinned.rs
# (OpenSSL 3). Run in this directory. The pinned signatures (*.p7s) are then
# written by `SIGNET_PIN_WRITE=1 cargo test -p signet-pki --test sign_pinned`
# from the signing code of the commit that made them, and read back by
# every later commit: a change that alters one byte of a signature fails.
set -e
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out root.key
openssl req -new -x509 -key root.key -subj "/CN=signet pin root/O=signet" \
  -days 36500 -set_serial 1 -sha256 -out root.pem \
  -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature"
cat > ca.cnf <<CNF
[ ca ]
default_ca = pin
[ pin ]
database = index.txt
crlnumber = crlnumber
default_md = sha256
default_crl_days = 36500
CNF
: > index.txt
echo 01 > crlnumber
for who in rsa ed25519; do
  if [ $who = rsa ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $who.key
  else
    openssl genpkey -algorithm ED25519 -out $who.key
  fi
  openssl pkcs8 -topk8 -nocrypt -in $who.key -outform DER -out $who.p8
  openssl req -new -key $who.key -subj "/CN=signet pin $who/O=signet" -out $who.csr
  serial=$([ $who = rsa ] && echo 0A || echo 0B)
  openssl x509 -req -in $who.csr -CA root.pem -CAkey root.key -set_serial 0x$serial \
    -days 36500 -out $who.pem -extfile /dev/stdin <<EXT
basicConstraints=critical,CA:false
keyUsage=critical,digitalSignature,nonRepudiation
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EXT
  rm $who.csr
done
openssl ca -config ca.cnf -gencrl -keyfile root.key -cert root.pem -out root.crl.pem
openssl crl -in root.crl.pem -outform DER -out root.crl
printf 'V\t21000101000000Z\t\t0A\tunknown\t/CN=signet pin rsa/O=signet\n' > index.txt
openssl ocsp -issuer root.pem -cert rsa.pem -no_nonce -reqout ocsp-request.der
openssl ocsp -index index.txt -rsigner root.pem -rkey root.key -CA root.pem \
  -reqin ocsp-request.der -respout ocsp.der -ndays 36500
# A signature OpenSSL makes, for the decode -> encode round trip of the
# CMS types (src/cms/asn1).
printf 'signet pin\n' > doc.txt
openssl cms -sign -binary -in doc.txt -signer rsa.pem -inkey rsa.key -certfile root.pem \
  -outform DER -nodetach -cades -out openssl-rsa.p7s
rm -f doc.txt ca.cnf index.txt* crlnumber* root.crl.pem ocsp-request.der rsa.key ed25519.key root.key
# An RFC 3161 answer of OpenSSL's TSA (accuracy, ordering and its name
# in every TSTInfo), for the decode -> encode round trip of the RFC 3161
# types (src/tsp/asn1.rs).
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out tsa.key
openssl req -new -x509 -key tsa.key -subj "/CN=signet pin TSA/O=signet" -days 36500 \
  -set_serial 2 -out tsa.pem -addext "extendedKeyUsage=critical,timeStamping"
cat > tsa.cnf <<CNF
[ tsa ]
default_tsa = pin
[ pin ]
serial = tsaserial
crypto_device = builtin
signer_cert = tsa.pem
signer_key = tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1, millisecs:500, microsecs:100
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
echo 0100 > tsaserial
printf 'signet pin\n' > doc.txt
openssl ts -query -data doc.txt -sha256 -cert -out tsa-request.der
openssl ts -reply -config tsa.cnf -queryfile tsa-request.der -out tsa-response.der
rm -f tsa.key tsa.cnf tsaserial doc.txt
