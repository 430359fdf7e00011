#!/usr/bin/env bash
# Build dist/deeptraj.zip for QGIS's "Install from ZIP": one top folder deeptraj/ with the plugin's runtime files
# (no tests, benchmarks, virtualenv, caches or outputs). Tracked files only when run inside a git checkout.
# Usage: scripts/package.sh [ZIP]   (default dist/deeptraj.zip; a relative ZIP is taken from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=${1:-dist/deeptraj.zip}
case "$out" in /*) ;; *) out="$root/$out" ;; esac

INCLUDE=(metadata.txt __init__.py plugin processing_provider models resources i18n docs
         requirements.txt constraints.txt README.md LICENSE)

list_files() {
  if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    # tracked files plus new files that are not ignored (so a fresh, uncommitted module is not forgotten)
    git ls-files --cached --others --exclude-standard -- "${INCLUDE[@]}" 2>/dev/null
  else
    for p in "${INCLUDE[@]}"; do
      [ -e "$p" ] && find "$p" -type f
    done
  fi
}

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/deeptraj"
n=0
while IFS= read -r f; do
  [ -f "$f" ] || continue   # deleted but still in the index
  case "$f" in
    *__pycache__*|*.pyc|*.pyo|.venv/*|tests/*|benchmarks/*|out/*|dist/*|.qgis-settings/*) continue ;;
  esac
  mkdir -p "$stage/deeptraj/$(dirname "$f")"
  cp -p "$f" "$stage/deeptraj/$f"
  n=$((n + 1))
done < <(list_files | sort -u)

for required in metadata.txt __init__.py LICENSE; do
  [ -f "$stage/deeptraj/$required" ] || { echo "package.sh: $required missing from the package" >&2; exit 1; }
done

mkdir -p "$(dirname "$out")"
rm -f "$out"
python3 - "$stage" "$out" <<'PY'
import os, sys, zipfile
stage, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, dirs, files in os.walk(stage):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            z.write(path, os.path.relpath(path, stage))
PY
version=$(sed -n 's/^version=//p' metadata.txt)
echo "${out#"$root"/}: DeepTraj $version, $n files, $(du -h "$out" | cut -f1)"
