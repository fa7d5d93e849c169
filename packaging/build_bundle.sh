#!/usr/bin/env bash
# Build the Linux one-folder bundle of SIEC Desk with PyInstaller (docs/packaging.md).
#   bash packaging/build_bundle.sh [--archive]     (after: bash packaging/quickstart.sh test)
# Output: dist/siec-desk/ with the siec-desk executable, _internal/ (Python, Qt, Pango,
# resources, catalogues, migrations), install.sh and share/ (menu entry, icons, AppStream
# metadata). --archive also writes dist/siec-desk-<version>-linux-<arch>.tar.gz.
set -euo pipefail
cd "$(dirname "$0")/.."

archive=0
[ "${1:-}" = "--archive" ] && archive=1
app_id=org.siec_desk.SiecDesk
version=$(.venv/bin/python -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')

.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/pyinstaller/siec-desk.spec

out=dist/siec-desk
cp packaging/linux/install.sh LICENSE "$out/"
install -D -m 644 "packaging/linux/$app_id.desktop" "$out/share/applications/$app_id.desktop"
install -D -m 644 "packaging/linux/$app_id.metainfo.xml" "$out/share/metainfo/$app_id.metainfo.xml"
install -D -m 644 resources/icons/siec-desk.svg "$out/share/icons/hicolor/scalable/apps/$app_id.svg"
for png in resources/icons/siec-desk-*.png; do
  n=${png##*-}; n=${n%.png}
  install -D -m 644 "$png" "$out/share/icons/hicolor/${n}x${n}/apps/$app_id.png"
done
echo "Bundle: $out ($(du -sh "$out" | cut -f1), version $version)"

if [ "$archive" = 1 ]; then
  name="siec-desk-$version-linux-$(uname -m)"
  tar -C dist --transform "s|^siec-desk|$name|" -czf "dist/$name.tar.gz" siec-desk
  echo "Archive: dist/$name.tar.gz"
fi
