#!/usr/bin/env bash
# Makes a throwaway certificate authority and a server certificate signed by it, for the HTTPS
# target of bench/cloud.sh: DIR/ca.pem (the CA to trust), DIR/server.pem, DIR/server.key. The
# server certificate is ECDSA P-256 (as AWS Certificate Manager can issue), valid 2 days, for
# DNS:localhost and IP:127.0.0.1. Usage: bench/make-cert.sh DIR
set -eu
dir="$1"
command -v openssl >/dev/null || { echo "openssl not found" >&2; exit 1; }
mkdir -p "$dir"
cd "$dir"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj "/CN=flashcrowd bench CA" -keyout ca.key -out ca.pem \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -subj "/CN=localhost" -keyout server.key -out server.csr 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
  -extfile server.ext -out server.pem 2>/dev/null
rm -f server.csr server.ext ca.srl
echo "$dir"
