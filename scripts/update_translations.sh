#!/usr/bin/env bash
# Refresh i18n/deeptraj_<lang>.ts from the sources and compile the .qm:
#   make translations
# The .ts file is the only store of translations: pylupdate5 keeps the translated messages whose source text is
# unchanged, adds new ones as unfinished (translate them in Qt Linguist, or by editing the .ts) and drops
# obsolete ones. The strings of the parameter specs (processing_provider/specs), and the texts of translate()/tr()
# calls written over several lines (pylupdate5 reads only one-line literals), reach pylupdate5 through
# build/spec_strings.py, written by scripts/spec_strings.py; specs are translated one sentence or label at a time.
# Needs Debian's pyqt5-dev-tools (pylupdate5) and qttools5-dev-tools (lrelease).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
[ -x "$PY" ] || PY=python3
mkdir -p build
# tracked and new (untracked, not ignored) modules: strings of a module not yet committed must not be dropped
files=$(git ls-files --cached --others --exclude-standard '*.py' 2>/dev/null | grep -E '^(plugin|processing_provider)/' \
        || find plugin processing_provider -name '*.py')
"$PY" scripts/spec_strings.py $files > build/spec_strings.py
for lang in zh_CN; do
  pylupdate5 -noobsolete $files build/spec_strings.py -ts "i18n/deeptraj_${lang}.ts"
  lrelease -silent "i18n/deeptraj_${lang}.ts" -qm "i18n/deeptraj_${lang}.qm"
  total=$(grep -c '<message' "i18n/deeptraj_${lang}.ts" || true)
  todo=$(grep -c 'type="unfinished"' "i18n/deeptraj_${lang}.ts" || true)
  echo "i18n/deeptraj_${lang}.ts: $((total - todo))/${total} translated"
done
