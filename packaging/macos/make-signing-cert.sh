#!/bin/sh
# Creates a self-signed code-signing certificate for a fleet that signs its own macOS installer
# and binaries. Maintainer tool, run once per fleet (or per certificate rotation):
#
#   packaging/macos/make-signing-cert.sh --cn "Acme Claude Code Signing" --org "Acme Corp" \
#       --out-dir ./signing --password-file ./p12-password.txt
#
# Writes <out-dir>/codesign.key (0600), codesign.pem (the certificate: feed it to
# `databricks-claude desktop generate-trust-profile --cert`) and codesign.p12 (key + certificate,
# for the build machine's keychain: `security import codesign.p12 -P <password> -T /usr/bin/codesign`).
#
# The subject defaults are deliberately placeholders: a certificate named "Example" in a fleet
# tells you someone skipped this step. Needs openssl (OpenSSL 1.1+/3.x or macOS LibreSSL).
set -eu

cn="Example Code Signing (CHANGE ME)"
org="Example Organisation (CHANGE ME)"
country=""
days=1095
out_dir=.
password_file=""

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  echo "Options: --cn <name> --org <name> [--country XX] [--days N] [--out-dir DIR] [--password-file F]" >&2
}

while [ $# -gt 0 ]; do
  case $1 in
    --cn) cn=$2; shift 2 ;;
    --org) org=$2; shift 2 ;;
    --country) country=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --out-dir) out_dir=$2; shift 2 ;;
    --password-file) password_file=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "make-signing-cert: unknown option $1" >&2; usage; exit 2 ;;
  esac
done

command -v openssl >/dev/null 2>&1 || { echo "make-signing-cert: openssl not found — install it first" >&2; exit 1; }
if [ -z "$password_file" ]; then
  echo "make-signing-cert: --password-file is required (the .p12 password; never on the command line)" >&2
  exit 2
fi
[ -r "$password_file" ] || { echo "make-signing-cert: cannot read $password_file" >&2; exit 1; }

mkdir -p "$out_dir"
umask 077
config=$(mktemp "${TMPDIR:-/tmp}/codesign-cnf.XXXXXX")
trap 'rm -f "$config"' EXIT

# A config file rather than -addext/-subj: works the same on OpenSSL and macOS LibreSSL, and names
# with slashes or commas need no escaping.
{
  echo "[req]"
  echo "distinguished_name = dn"
  echo "x509_extensions = ext"
  echo "prompt = no"
  echo "[dn]"
  echo "CN = $cn"
  echo "O = $org"
  [ -n "$country" ] && echo "C = $country"
  echo "[ext]"
  echo "basicConstraints = critical, CA:FALSE"
  echo "keyUsage = critical, digitalSignature"
  echo "extendedKeyUsage = critical, codeSigning"
  echo "subjectKeyIdentifier = hash"
} > "$config"

openssl req -x509 -newkey rsa:3072 -nodes -sha256 -days "$days" -config "$config" \
  -keyout "$out_dir/codesign.key" -out "$out_dir/codesign.pem" 2>/dev/null
# 3DES/SHA1 PKCS#12 protection: the only one macOS Keychain imports on every supported release.
openssl pkcs12 -export -inkey "$out_dir/codesign.key" -in "$out_dir/codesign.pem" \
  -name "$cn" -out "$out_dir/codesign.p12" -passout "file:$password_file" \
  -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1
chmod 600 "$out_dir/codesign.key" "$out_dir/codesign.p12"
chmod 644 "$out_dir/codesign.pem"
echo "Wrote $out_dir/codesign.pem, $out_dir/codesign.key and $out_dir/codesign.p12 (subject: CN=$cn, O=$org)" >&2
