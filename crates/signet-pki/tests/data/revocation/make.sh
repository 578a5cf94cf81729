#!/bin/sh
# Makes the CRLs and OCSP messages in this directory with OpenSSL 3: a CA
# (EC root, RSA intermediate signing certificates and CRLs, EC delegated
# OCSP responder), two end-entity certificates, one revoked. Run it from
# this directory; it overwrites the files.
set -eu
out=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cat > ca.cnf <<'CNF'
[ ca ]
default_ca = CA_default
[ CA_default ]
dir = .
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
default_days = 36500
default_crl_days = 36500
policy = policy_any
unique_subject = no
[ policy_any ]
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = placeholder
[ v3_root ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ v3_inter ]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_ocsp ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = OCSPSigning
noCheck = ignored
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ v3_ee ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:http://127.0.0.1/inter.crl
authorityInfoAccess = OCSP;URI:http://127.0.0.1/ocsp
[ crl_ext ]
authorityKeyIdentifier = keyid
issuingDistributionPoint = critical,@idp
[ idp ]
fullname = URI:http://127.0.0.1/inter.crl
onlyuser = TRUE
CNF
mkdir newcerts
: > index.txt
echo 1000 > serial
echo 01 > crlnumber
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out root.key
openssl req -config ca.cnf -new -x509 -key root.key -subj "/CN=Revocation Data Root" \
  -days 36500 -extensions v3_root -out root.pem
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out inter.key
openssl req -config ca.cnf -new -key inter.key -subj "/CN=Revocation Data Intermediate" -out inter.csr
openssl x509 -req -in inter.csr -CA root.pem -CAkey root.key -CAcreateserial -days 36500 \
  -extfile ca.cnf -extensions v3_inter -out inter.pem
issue() { # name section
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key"
  openssl req -config ca.cnf -new -key "$1.key" -subj "/CN=$1" -out "$1.csr"
  openssl ca -config ca.cnf -batch -notext -cert inter.pem -keyfile inter.key \
    -in "$1.csr" -out "$1.pem" -extensions "$2"
}
issue responder v3_ocsp
issue good v3_ee
issue revoked v3_ee
openssl ca -config ca.cnf -batch -cert inter.pem -keyfile inter.key \
  -revoke revoked.pem -crl_reason keyCompromise
openssl ca -config ca.cnf -batch -cert inter.pem -keyfile inter.key \
  -gencrl -crlexts crl_ext -out crl.pem
openssl crl -in crl.pem -outform DER -out "$out/crl.der"
# The request for the revoked certificate, with a nonce; the delegated
# responder's answer (by name, its certificate included) and the CA's own
# (by key hash).
openssl ocsp -issuer inter.pem -cert revoked.pem -reqout "$out/ocsp-request.der"
openssl ocsp -index index.txt -rsigner responder.pem -rkey responder.key -CA inter.pem \
  -reqin "$out/ocsp-request.der" -respout "$out/ocsp-response.der" -ndays 36500
openssl ocsp -issuer inter.pem -cert good.pem -no_nonce -reqout good-request.der
openssl ocsp -index index.txt -rsigner inter.pem -rkey inter.key -CA inter.pem -resp_key_id \
  -resp_no_certs -reqin good-request.der -respout "$out/ocsp-response-by-key.der" -ndays 36500
cp inter.pem "$out/inter.pem"
cp revoked.pem "$out/revoked.pem"
cp good.pem "$out/good.pem"
