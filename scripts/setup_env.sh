#!/usr/bin/env bash
# One-time set-up of a Debian 12 machine for DeepTraj development:
#  1. the QGIS 3.22 apt packages (only the missing ones; needs root or sudo),
#  2. .venv made from /usr/bin/python3 with --system-site-packages (so it sees Debian's qgis module),
#  3. the pinned Python requirements (numpy<2 so Debian's GDAL keeps working).
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PKGS="python3-qgis qgis-providers qgis python3-venv xvfb xauth pyqt5-dev-tools qttools5-dev-tools imagemagick"
missing=""
for p in $APT_PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installing apt packages:$missing"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing
fi

if [ ! -x .venv/bin/python ]; then
  /usr/bin/python3 -m venv --system-site-packages .venv
fi
stamp=.venv/.deeptraj-reqs
want=$(cat requirements.txt requirements-dev.txt constraints.txt | sha1sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/pip install -q --disable-pip-version-check -c constraints.txt -r requirements-dev.txt
  echo "$want" > "$stamp"
fi
.venv/bin/python -c "import qgis.core, numpy, torch, h3, sklearn, pyproj; print('environment ok: QGIS', qgis.core.Qgis.QGIS_VERSION, '| numpy', numpy.__version__, '| torch', torch.__version__, '| h3', h3.__version__)"
