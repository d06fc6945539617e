#!/usr/bin/env bash
# Installs code-server (a real VS Code 1.99.3 that installs from npm) into a folder of its
# own, outside the extension's node_modules: it is a test tool and must never end up in the
# .vsix. Idempotent: does nothing when the right version is already there.
# Usage: tools/vscode/installCodeServer.sh [TARGET_DIR]   (default: .test-tools/code-server)
set -euo pipefail

VERSION=4.99.4
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${1:-$repo_root/.test-tools/code-server}"
bin="$target/node_modules/.bin/code-server"
manifest="$target/node_modules/code-server/package.json"

installed_version() {
  [[ -f "$manifest" ]] && node -p "require(process.argv[1]).version" "$manifest" 2>/dev/null || true
}

if [[ -x "$bin" && "$(installed_version)" == "$VERSION" ]]; then
  echo "code-server $VERSION already installed in $target"
  exit 0
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here. It
# looks in this cache first, so we put Debian's rg there under the exact expected name.
if [[ ! -x /usr/bin/rg ]]; then
  echo "error: /usr/bin/rg missing (apt-get install -y ripgrep)" >&2
  exit 1
fi
tmp_root="${TMPDIR:-/tmp}"
rg_cache="$tmp_root/vscode-ripgrep-cache-1.15.11"
rg_tarball="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [[ ! -s "$rg_tarball" ]]; then
  mkdir -p "$rg_cache"
  staging="$(mktemp -d)"
  cp /usr/bin/rg "$staging/rg"
  tar -C "$staging" -czf "$rg_tarball" rg
  rm -rf "$staging"
fi

mkdir -p "$target"
cat > "$target/package.json" <<JSON
{ "name": "conv-inspector-test-tools", "private": true, "dependencies": { "code-server": "$VERSION" } }
JSON

echo "installing code-server $VERSION into $target ..."
started=$SECONDS
# unsafe_perm: code-server's postinstall refuses to run as root otherwise.
# yes: node-pty's postinstall runs `npx node-gyp`, which would wait for a "yes" on stdin.
(
  cd "$target"
  npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --loglevel=error < /dev/null
)
if [[ "$(installed_version)" != "$VERSION" || ! -x "$bin" ]]; then
  echo "error: code-server $VERSION did not install correctly in $target" >&2
  exit 1
fi
echo "code-server $VERSION installed in $((SECONDS - started)) s"
