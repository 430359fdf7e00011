#!/usr/bin/env bash
# One-time set-up of a Debian 12 machine for DeepTraj development:
#  1. the QGIS 3.22 apt packages (only the missing ones; needs root or sudo),
#  2. .venv made from /usr/bin/python3 with --system-site-packages (so it sees Debian's qgis module),
#  3. PyTorch, as TORCH=auto|cpu|cuda says (scripts/torch_plan.py decides and prints the plan first),
#  4. the pinned Python requirements (numpy<2 so Debian's GDAL keeps working).
# Idempotent: a second run only checks. Network: Debian's mirror (apt), PyPI, and PyTorch's CPU index only when
# the CPU wheel has to come from there. Root (or sudo) only for apt.
#   TORCH=auto (default)  CUDA only when `nvidia-smi -L` lists a GPU and CI is not set, else CPU
#   TORCH=cpu             the CPU build (about 200 MB), never CUDA packages
#   TORCH=cuda            PyPI's build, which on Linux brings the NVIDIA CUDA libraries (several GB)
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PKGS="python3-qgis qgis-providers qgis python3-venv xvfb xauth pyqt5-dev-tools qttools5-dev-tools imagemagick"
missing=""
for p in $APT_PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installing apt packages (needs root or sudo; several hundred MB from Debian's mirror):$missing"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing
fi

if [ ! -x .venv/bin/python ]; then
  /usr/bin/python3 -m venv --system-site-packages .venv
fi
# PyTorch first, so that the requirements below find the chosen build already installed and keep it
plan=$(.venv/bin/python scripts/torch_plan.py --shell --python .venv/bin/python --torch "${TORCH:-auto}")
eval "$plan"
case "$TORCH_ACTION" in
  keep) ;;
  error) exit 1 ;;
  install|replace)
    echo "Other Python packages: about 100 MB from PyPI the first time."
    [ "$TORCH_ACTION" = replace ] && .venv/bin/pip uninstall -q -y torch
    .venv/bin/pip install -q --disable-pip-version-check -c constraints.txt \
      ${TORCH_INDEX:+--index-url "$TORCH_INDEX"} "$TORCH_SPEC"
    ;;
  *) echo "setup_env.sh: unexpected plan from scripts/torch_plan.py: $plan" >&2; exit 1 ;;
esac

stamp=.venv/.deeptraj-reqs
want=$(cat requirements.txt requirements-dev.txt constraints.txt | sha1sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/pip install -q --disable-pip-version-check -c constraints.txt -r requirements-dev.txt
  echo "$want" > "$stamp"
fi
.venv/bin/python -c "import qgis.core, numpy, torch, h3, sklearn, pyproj; print('environment ok: QGIS', qgis.core.Qgis.QGIS_VERSION, '| numpy', numpy.__version__, '| torch', torch.__version__, '| h3', h3.__version__)"
