#!/usr/bin/env bash
# Makes the TLS test certificates in this folder (committed; run again only to change them).
# A private test CA signs the fake upstreams' certificates, and tests trust it through the
# provider's "caFile" setting, never through the system store. Every certificate is valid from
# 2000 to 2125, so the tests neither expire nor depend on the machine's clock being right.
# Keys are EC P-256: fast handshakes on a loaded machine.
#
#   ca.pem                the test CA (what a provider's caFile points at)
#   server.pem/.key       localhost, upstream.test (reached through a test proxy), 127.0.0.1
#                         and ::1, signed by the test CA
#   wrong-host.pem/.key   signed by the test CA, but for other.invalid only
#   self-signed.pem/.key  localhost and 127.0.0.1, signed by nobody: no CA file trusts it
#   other-ca.pem          an unrelated CA: trusting it must not make server.pem trusted
set -euo pipefail
cd "$(dirname "$0")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
start=20000101000000Z
end=21250101000000Z

cat >"$work/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
dir = $work
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
[any]
organizationName = optional
commonName = supplied
[req]
distinguished_name = dn
prompt = no
[dn]
CNF
: >"$work/index.txt"
openssl rand -hex 8 >"$work/serial"

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
sign() { # sign CSR OUT ISSUER_CERT ISSUER_KEY EXTENSIONS [-selfsign]
    printf '%s\n' "$5" >"$work/ext"
    openssl ca -batch -config "$work/ca.cnf" -in "$1" -out "$2" -notext \
        -startdate "$start" -enddate "$end" -cert "$3" -keyfile "$4" -extfile "$work/ext" \
        "${@:6}" 2>/dev/null
}
csr() { # csr KEY CN OUT
    openssl req -new -key "$1" -subj "/O=LLM Gateway tests/CN=$2" -out "$3"
}
ca() { # ca NAME CN
    key "$work/$1.key"
    csr "$work/$1.key" "$2" "$work/$1.csr"
    sign "$work/$1.csr" "$1.pem" /dev/null "$work/$1.key" \
        "$(printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash')" \
        -selfsign
}
leaf() { # leaf NAME SUBJECT_ALT_NAMES ISSUER
    key "$1.key"
    csr "$1.key" "$1" "$work/$1.csr"
    local ext="subjectAltName=$2
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth"
    if [ "$3" = self ]; then
        sign "$work/$1.csr" "$1.pem" /dev/null "$1.key" "$ext" -selfsign
    else
        sign "$work/$1.csr" "$1.pem" "$3.pem" "$work/$3.key" \
            "$ext
authorityKeyIdentifier=keyid"
    fi
}

ca ca "LLM Gateway test CA"
ca other-ca "Unrelated test CA"
leaf server "DNS:localhost,DNS:upstream.test,IP:127.0.0.1,IP:::1" ca
leaf wrong-host "DNS:other.invalid" ca
leaf self-signed "DNS:localhost,IP:127.0.0.1" self
chmod 644 ./*.key
echo "made: $(ls ./*.pem ./*.key | tr '\n' ' ')"
