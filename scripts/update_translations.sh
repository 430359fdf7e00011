#!/usr/bin/env bash
# Refresh i18n/deeptraj_zh_CN.ts from the sources (pylupdate5 keeps existing translations) and compile the .qm.
#   make translations
# Needs Debian's pyqt5-dev-tools (pylupdate5) and qttools5-dev-tools (lrelease).
set -euo pipefail
cd "$(dirname "$0")/.."
# tracked and new (untracked, not ignored) modules: strings of a module not yet committed must not be dropped
files=$(git ls-files --cached --others --exclude-standard '*.py' 2>/dev/null | grep -E '^(plugin|processing_provider)/' \
        || find plugin processing_provider -name '*.py')
for lang in zh_CN; do
  pylupdate5 -noobsolete $files -ts "i18n/deeptraj_${lang}.ts"
  if [ -f "i18n/translations_${lang}.py" ]; then
    python3 "i18n/translations_${lang}.py" "i18n/deeptraj_${lang}.ts"
  fi
  lrelease -silent "i18n/deeptraj_${lang}.ts" -qm "i18n/deeptraj_${lang}.qm"
done
