#!/usr/bin/env bash
# Installs the pinned audit tools of .ci/package-lock.json (axe-core,
# the Nu Html Checker, Lighthouse) into .ci/node_modules, unless they are
# there at the locked versions already.
#
#   .ci/audit-tools.sh            install; fail if that cannot be done
#   .ci/audit-tools.sh --if-can   as make test runs it: without npm, or
#                                 offline, say why and go on; the audit
#                                 tests then skip saying so (and fail
#                                 under CI=true)
#
# npm ci installs into a folder beside node_modules, which takes its
# place only once complete: npm ci begins by deleting node_modules, and
# a failed install (offline) must not lose tools that worked.
set -euo pipefail
cd "$(dirname "$0")"
lenient=false
[ "${1:-}" = --if-can ] && lenient=true
give_up() {
  if $lenient; then
    echo "make test: cannot install the audit tools: $*; the axe and Nu Html Checker audits use what .ci/node_modules holds, or skip saying why (make audit-tools tries again)" >&2
    exit 0
  fi
  echo "audit-tools: $*" >&2
  exit 1
}
command -v node >/dev/null 2>&1 || give_up "node is not installed (apt-get install nodejs npm)"
why=$(node installed.js .) && exit 0
command -v npm >/dev/null 2>&1 || give_up "npm is not installed (apt-get install npm)"
echo "installing the audit tools into .ci/node_modules: $why" >&2
tmp=$(mktemp -d .audit-tools.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cp package.json package-lock.json "$tmp/"
npm ci --prefix "$tmp" --ignore-scripts --no-audit --no-fund --loglevel=error >&2 ||
  give_up "npm ci failed (offline?)"
rm -rf node_modules
mv "$tmp/node_modules" node_modules
