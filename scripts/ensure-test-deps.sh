#!/usr/bin/env bash
# Run by `npm test` before anything else (package.json "pretest"), so the README's test command
# works on a fresh machine: finds the system programs the tests use and installs the missing ones
# when it can (as root, or with password-less sudo, through apt-get); otherwise prints the exact
# command to run and, when a required one is missing, stops before the tests start.
#
#   program              Debian package   needed for
#   /usr/bin/chromium    chromium         the browser tests (required)
#   PostgreSQL server    postgresql       the PostgreSQL tests (left out without it, saying so)
#   xmllint              libxml2-utils    validating XML output (not required yet)
set -euo pipefail

missing=()    # Debian packages to install
required=()   # the ones npm test cannot pass without

[[ -x /usr/bin/chromium ]] || {
  missing+=(chromium)
  required+=(chromium)
}
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && ! command -v initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)

((${#missing[@]})) || exit 0

say() { echo "ensure-test-deps: $*" >&2; }

if command -v apt-get >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    as_root=(none)
  fi
  if [[ ${as_root[0]:-} != none ]]; then
    say "installing ${missing[*]} (apt-get)"
    "${as_root[@]}" apt-get update -qq
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    exit 0
  fi
  say "missing: ${missing[*]}. Install them with:"
  say "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
else
  say "missing: ${missing[*]}, and there is no apt-get here. Install with your system's package manager:"
  for package in "${missing[@]}"; do
    case $package in
      chromium) say "  Chromium, so that /usr/bin/chromium runs it (playwright.config.ts starts that file)" ;;
      postgresql) say "  PostgreSQL's server programs (initdb, postgres), 15 or later" ;;
      libxml2-utils) say "  xmllint (libxml2)" ;;
    esac
  done
fi

if ((${#required[@]})); then
  say "then run npm test again. (Without ${required[*]} the tests cannot pass.)"
  exit 1
fi
say "going on without them: the tests that need them are left out."
