#!/usr/bin/env bash
# Regenerate the user guide's pictures (resources/guide/images/<lang>/<view>.png): one
# small screenshot per section, in English and French (a French centre) and in Arabic (a
# Moroccan centre), from deterministic demo data rendered offscreen, then shrunk to a
# 600-pixel-wide, 64-colour PNG of at most 60 KB (tests/unit/test_user_guide.py checks).
#   bash packaging/guide_screenshots.sh            (after: bash packaging/quickstart.sh test)
set -euo pipefail
cd "$(dirname "$0")/.."
out=resources/guide/images
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SIEC_DESK_HOME="$work/home" QT_QPA_PLATFORM=offscreen
views="today households consultation letters followups activity events export backups"
for spec in en:FR fr:FR ar:MA; do
  lang=${spec%%:*}; country=${spec##*:}
  db="$work/demo-$country.sqlite3"
  if [ ! -f "$db" ]; then
    .venv/bin/siec-desk --lang "$lang" --db "$db" demo --households 300 --country "$country" \
      --seed 7 >/dev/null
  fi
  mkdir -p "$out/$lang" "$work/$lang"
  for view in $views; do
    .venv/bin/siec-desk --lang "$lang" --db "$db" screenshot --view "$view" --size 1200x750 \
      --out "$work/$lang/$view.png" >/dev/null
  done
done
.venv/bin/python - "$work" "$out" $views <<'PY'
"""Shrink each screenshot to 600 px wide and 64 colours; refuse one above 60 KB."""
import sys
from pathlib import Path

from PIL import Image

work, out, views = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
for lang in ("en", "fr", "ar"):
    for view in views:
        image = Image.open(work / lang / f"{view}.png").convert("RGB")
        image = image.resize((600, round(image.height * 600 / image.width)), Image.LANCZOS)
        target = out / lang / f"{view}.png"
        image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)
        size = target.stat().st_size
        print(f"{target} {size // 1024} KB")
        if size > 60 * 1024:
            sys.exit(f"{target} is over 60 KB")
PY
