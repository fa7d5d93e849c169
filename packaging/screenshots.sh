#!/usr/bin/env bash
# Regenerate the README screenshots: every main view, in French (a French centre) and in
# Arabic (a Moroccan centre), from deterministic demo data, rendered offscreen.
#   bash packaging/screenshots.sh            (after: bash packaging/quickstart.sh test)
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
export SIEC_DESK_HOME="$work/home" QT_QPA_PLATFORM=offscreen
for spec in fr:FR ar:MA; do
  lang=${spec%%:*}; country=${spec##*:}
  db="$work/demo-$country.sqlite3"
  .venv/bin/siec-desk --lang "$lang" --db "$db" demo --households 2000 --country "$country" --seed 7 >/dev/null
  for view in today households household consultations consultation followups activity letters settings backups retention audit; do
    .venv/bin/siec-desk --lang "$lang" --db "$db" screenshot --view "$view" --size 1280x800 \
      --out "$out/$view-$lang.png" >/dev/null
    echo "$out/$view-$lang.png"
  done
done
rm -rf "$work"
