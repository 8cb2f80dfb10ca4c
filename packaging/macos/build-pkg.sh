#!/bin/sh
# Builds the macOS installer package from a release archive, on a macOS build machine:
#
#   packaging/macos/build-pkg.sh databricks-claude-<version>-macos-<arch>.tar.gz <version> \
#       [--sign-identity "Acme Claude Code Signing"] [--out DIR] [--payload-only]
#
# The package installs the tool into /usr/local/databricks-claude and links
# /usr/local/bin/databricks-claude and /usr/local/bin/databricks-claude-credential-helper — the
# path `desktop generate-config --for-pkg` writes into the Claude Desktop profile.
# With --sign-identity, the runtime's executables and libraries are signed with that keychain
# identity (see make-signing-cert.sh) before packaging; ship the matching trust profile
# (`desktop generate-trust-profile`) through MDM first. --payload-only stops after laying out the
# payload (any OS; used by the tests and for inspection).
set -eu

[ $# -ge 2 ] || { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
archive=$1
version=$2
shift 2
identity=""
out=.
payload_only=false
while [ $# -gt 0 ]; do
  case $1 in
    --sign-identity) identity=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --payload-only) payload_only=true; shift ;;
    *) echo "build-pkg: unknown option $1" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d "${TMPDIR:-/tmp}/dbc-pkg.XXXXXX")
root=$work/root
app=$root/usr/local/databricks-claude
mkdir -p "$app" "$root/usr/local/bin"
tar -xzf "$archive" -C "$app"
ln -s ../databricks-claude/bin/databricks-claude "$root/usr/local/bin/databricks-claude"
ln -s ../databricks-claude/bin/databricks-claude-credential-helper \
  "$root/usr/local/bin/databricks-claude-credential-helper"
rm -f "$app/bin/databricks-claude.cmd" "$app/bin/databricks-claude-credential-helper.cmd"

if $payload_only; then
  mkdir -p "$out"
  rm -rf "$out/root"
  mv "$root" "$out/root"
  rm -rf "$work"
  echo "Payload laid out in $out/root" >&2
  exit 0
fi

if [ -n "$identity" ]; then
  # The runtime's executables and libraries. No hardened runtime (--options runtime): it would
  # need JIT entitlements, and a self-signed fleet identity is not notarised anyway.
  find "$app/runtime" -type f \( -name '*.dylib' -o -perm -u+x \) -print0 |
    xargs -0 codesign --force --timestamp=none --sign "$identity"
fi

mkdir -p "$out"
pkgbuild --root "$root" --identifier io.github.dbclaude.databricks-claude --version "$version" \
  --install-location / "$out/databricks-claude-$version.pkg"
rm -rf "$work"
echo "Wrote $out/databricks-claude-$version.pkg" >&2
