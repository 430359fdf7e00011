#!/usr/bin/env bash
# Desktop smoke test: start the real QGIS under Xvfb with a throw-away profile where DeepTraj is enabled, let
# scripts/desktop_smoke.py check the Processing provider, open the toolbox, take a screenshot and quit.
# Writes out/desktop_smoke.{json,png,log}; fails when the provider or its algorithms are not listed.
#   scripts/desktop_smoke.sh                      plugin = this checkout (symlinked into the profile)
#   scripts/desktop_smoke.sh --zip FILE.zip       plugin = the package as users install it (make package)
#   scripts/desktop_smoke.sh --project FILE.qgz   also open a project first (e.g. out/demo.qgz) and screenshot
#                                                 its map to out/desktop_smoke_project.png; fails when the
#                                                 project does not open or its map canvas shows no layer
# The options combine. DEEPTRAJ_SMOKE_OUT: where the results go (default out/).
set -euo pipefail
zip=""
project=""
while [ $# -gt 0 ]; do
  case "$1" in
    --zip)
      [ -f "${2:-}" ] || { echo "desktop_smoke: no such zip: ${2:-}" >&2; exit 2; }
      zip=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    --project)
      [ -f "${2:-}" ] || { echo "desktop_smoke: no such project: ${2:-}" >&2; exit 2; }
      project=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    -h|--help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *)
      echo "desktop_smoke: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
root=$(pwd)
out=${DEEPTRAJ_SMOKE_OUT:-$root/out}
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -f "$out"/desktop_smoke.json "$out"/desktop_smoke*.png "$out"/desktop_smoke.log

for tool in qgis xvfb-run; do
  command -v "$tool" >/dev/null || { echo "desktop_smoke: '$tool' not found (run 'make setup' first)" >&2; exit 1; }
done

tmp=$(mktemp -d)
# DEEPTRAJ_SMOKE_KEEP=1 keeps the profile's QGIS3.ini as QGIS left it (to see which settings it wrote)
trap '[ -n "${DEEPTRAJ_SMOKE_KEEP:-}" ] && cp "$prof/QGIS/QGIS3.ini" "$out/desktop_smoke_QGIS3.ini"; rm -rf "$tmp"' EXIT
prof="$tmp/profiles/default"
mkdir -p "$prof/QGIS" "$prof/python/plugins"
if [ -n "$zip" ]; then
  python3 -m zipfile -e "$zip" "$prof/python/plugins/"   # the zip holds the top folder deeptraj/
  [ -f "$prof/python/plugins/deeptraj/metadata.txt" ] || { echo "desktop_smoke: $zip has no deeptraj/metadata.txt" >&2; exit 1; }
else
  ln -s "$root" "$prof/python/plugins/deeptraj"   # the plugin folder must be named deeptraj
fi
# QGIS 3.22 shows no modal first-run dialog; these keys stop the start-up network checks (new QGIS version,
# plugin updates, news feed) that would only time out on a machine without internet.
cat > "$prof/QGIS/QGIS3.ini" <<'INI'
[PythonPlugins]
deeptraj=true
processing=true

[qgis]
checkVersion=false

[app]
plugin_installer\checkOnStart=false
plugin_installer\allowExperimental=true

[core]
NewsFeed\httpsfeedqgisorg\disabled=true
INI

# desktop QGIS runs the system Python: let it see the venv's packages (torch, h3, ...)
site=$(ls -d "$root"/.venv/lib/python3*/site-packages 2>/dev/null | head -n 1 || true)
[ -n "$site" ] && export PYTHONPATH="$site${PYTHONPATH:+:$PYTHONPATH}"
export DEEPTRAJ_SMOKE_OUT="$out"
export DEEPTRAJ_SMOKE_PROJECT="$project"
unset QT_QPA_PLATFORM   # the Makefile's offscreen platform would hide the window from Xvfb

echo "desktop_smoke: starting QGIS under Xvfb with the plugin from ${zip:-$root} (log: $out/desktop_smoke.log)"
start=$(date +%s)
rc=0
timeout -k 10 "${DEEPTRAJ_SMOKE_TIMEOUT:-180}" \
  xvfb-run -a -s "-screen 0 1600x1000x24" \
  qgis --profiles-path "$tmp" --profile default --nologo --noversioncheck --code "$root/scripts/desktop_smoke.py" \
  >"$out/desktop_smoke.log" 2>&1 || rc=$?
echo "desktop_smoke: QGIS exited with $rc after $(( $(date +%s) - start )) s"

python3 - "$out/desktop_smoke.json" <<'PY'
import json, sys
path = sys.argv[1]
try:
    r = json.load(open(path, encoding="utf-8"))
except (OSError, ValueError) as e:
    sys.exit(f"desktop_smoke: FAILED, no result file ({e}); see the log")
algs = r.get("algorithms", [])
print(f"desktop_smoke: QGIS {r.get('qgis_version')}, plugin loaded: {r.get('plugin_loaded')}, "
      f"provider 'deeptraj': {r.get('provider')}, {len(algs)} algorithms")
for a in algs:
    print("   ", a, "(cannot run: " + r["cannot_execute"][a] + ")" if a in r.get("cannot_execute", {}) else "")
if r.get("modules_not_loaded"):
    print("    modules that did not load:", ", ".join(r["modules_not_loaded"]))
print(f"    menu: {r.get('menu_actions')}; toolbox visible: {r.get('toolbox_visible')}, "
      f"filter: {r.get('toolbox_filter')!r}; screenshots: {r.get('screenshot')}, {r.get('screenshot_installer')}")
print(f"    installer dialog opened: {r.get('installer_visible')}; pip would run {r.get('pip_python')} "
      f"(sys.executable in QGIS: {r.get('sys_executable')})")
if "project" in r:
    print(f"    project {r['project']}: opened {r.get('project_opened')}, {r.get('project_layers_drawn')} layer(s) "
          f"drawn, canvas scale 1:{r.get('canvas_scale', 0):.0f}, extent {r.get('canvas_extent')}; "
          f"screenshot: {r.get('screenshot_project')}")
for e in r.get("errors", []):
    print("    error:", e)
ok = r.get("plugin_loaded") and r.get("provider") and algs and all(a.startswith("deeptraj:") for a in algs) \
    and not r.get("errors")
sys.exit(0 if ok else "desktop_smoke: FAILED")
PY
