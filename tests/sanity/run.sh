#!/usr/bin/env bash
# Run `ansible-test sanity` on this checkout.
#
# ansible-test wants the collection at .../ansible_collections/kubevrf/tenancy,
# so the files git knows about (tracked, plus untracked files that are not
# ignored) are copied to such a path in a temporary directory and tested there.
# Usage: tests/sanity/run.sh [extra ansible-test arguments]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv_bin="${VENV_BIN:-$repo/.venv/bin}"
export PATH="$venv_bin:$PATH"

stage="$(mktemp -d "${TMPDIR:-/tmp}/kubevrf-sanity.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
dest="$stage/ansible_collections/kubevrf/tenancy"
mkdir -p "$dest"

# The collections/ symlink points back at the checkout; the staged copy *is*
# the collection, so it is left out (galaxy.yml's build_ignore does the same).
cd "$repo"
git ls-files --cached --others --exclude-standard -z \
  | while IFS= read -r -d '' f; do
      [[ "$f" == collections/* ]] && continue
      [[ -e "$f" || -L "$f" ]] || continue   # tracked but deleted in the work tree
      printf '%s\0' "$f"
    done \
  | xargs -0 -r cp -P --parents -t "$dest"

# Tests skipped on purpose, each for a reason:
#  - pslint: PowerShell analysis; there is no PowerShell code and no pwsh here.
#  - shellcheck: needs the shellcheck binary, which the pinned Python tooling
#    does not provide; bash scripts here (.ci/run, this file) run under set -euo pipefail.
#  - changelog: needs antsibull-changelog and rstcheck, heavy and not otherwise
#    used; changelogs/ is checked by ansible-lint's galaxy rule instead.
skips=(--skip-test pslint --skip-test shellcheck --skip-test changelog)

# Golden manifests named all.yaml are multi-document streams by design (one
# `kubectl apply -f`), which ansible-test's yamllint rejects. Each one gets its
# ignore entry here, in the staged copy, so a new golden file needs no hand edit.
ignore="$dest/tests/sanity/ignore-2.19.txt"
while IFS= read -r -d '' f; do
  if [[ "$(grep -c '^---' "$f")" -gt 1 ]]; then
    printf '%s yamllint:multiple-yaml-documents # multi-document manifest by design\n' "${f#"$dest"/}" >> "$ignore"
  fi
done < <(find "$dest/tests" -path '*/golden/*' -name all.yaml -print0 | sort -z)

# Real device captures in the parser corpus keep the CRLF line endings the
# device or the capturing terminal produced: the parsers must read them as
# printed, so rewriting them to LF would test something no device sends. Each
# such file gets its line-endings ignore entry here, found by content, so a new
# capture needs no hand edit (and a CRLF file anywhere else still fails).
while IFS= read -r -d '' f; do
  if grep -q $'\r' "$f"; then
    printf '%s line-endings # real capture, CRLF kept as the device printed it\n' "${f#"$dest"/}" >> "$ignore"
  fi
done < <(find "$dest/tests/data/parsers" "$dest/tests/unit/parse/fixtures" -type f -name '*.txt' -print0 | sort -z)

# ansible-test seeds each sanity venv with a get-pip.py it downloads from a
# host that is unreachable here; give it a local stand-in (see the shim).
pip_version="$(python -c 'from ansible_test._internal.python_requirements import get_venv_packages as g; print(g(type("P", (), {"version": "3.11"})())["pip"])')"
get_pip_cache="$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py"
if [[ ! -s "$get_pip_cache" ]]; then
  mkdir -p "$(dirname "$get_pip_cache")"
  cp "$repo/tests/sanity/get_pip_shim.py" "$get_pip_cache"
fi

cd "$dest"
ansible-test sanity --local --python 3.11 --color no "${skips[@]}" "$@"
