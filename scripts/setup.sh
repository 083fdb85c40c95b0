#!/usr/bin/env bash
# Installs what Flotilla's build, lab and tests need on a fresh Debian machine. Idempotent: a second
# run only checks. Used by .ci/run, `npm start` and the README's set-up commands.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v kubectl >/dev/null || need_apt+=(kubectl)
command -v rg >/dev/null || need_apt+=(ripgrep)
# Neovim drives the language server in an LSP test (plain LSP in a second client).
command -v nvim >/dev/null || need_apt+=(neovim)
# code-server's native modules (kerberos) build against the GSSAPI headers.
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v g++ >/dev/null || need_apt+=(g++ make)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# Every apiserver, controller and webhook of the lab watches its certificate files through inotify: a
# lab takes about 60 inotify instances, and the tests run two at a time, past the default of 128.
if [ "$(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null || echo 1024)" -lt 1024 ]; then
  echo "== sysctl fs.inotify.max_user_instances=1024 (the lab's processes watch their certificates)"
  sysctl -qw fs.inotify.max_user_instances=1024 || echo "setup: could not raise fs.inotify.max_user_instances (not root?); two labs at once may fail with 'too many open files'" >&2
fi

command -v go >/dev/null || { echo "setup: Go is required to build the lab's kube-apiserver (https://go.dev/doc/install)" >&2; exit 1; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund
fi

echo "== go mod download (test/lab)"
(cd test/lab && go mod download)

echo "== workbench (code-server + Node 24, cached in .cache/workbench)"
node scripts/workbench.mjs install
