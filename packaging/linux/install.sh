#!/usr/bin/env bash
# Install SIEC Desk from this bundle folder, with its menu entry and icon.
#   ./install.sh                 for the current user (~/.local), no root needed
#   sudo ./install.sh --system   for every user of the PC (/opt/siec-desk, /usr/local)
#   ./install.sh --prefix DIR    anywhere (programs in DIR/lib/siec-desk)
#   ./install.sh --uninstall [--system|--prefix DIR]
# The program goes to PREFIX/lib/siec-desk (or /opt/siec-desk with --system), a link to it
# to PREFIX/bin/siec-desk, the menu entry, icons and AppStream metadata under PREFIX/share.
# The user's data (database, backups, letters) is never touched, not even by --uninstall.
set -euo pipefail

APP_ID=org.siec_desk.SiecDesk
here=$(cd "$(dirname "$0")" && pwd)
prefix="$HOME/.local"
programs=""
uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --system) prefix=/usr/local; programs=/opt/siec-desk ;;
    --prefix) prefix="$2"; shift ;;
    --uninstall) uninstall=1 ;;
    *) echo "usage: ./install.sh [--system | --prefix DIR] [--uninstall]" >&2; exit 2 ;;
  esac
  shift
done
programs="${programs:-$prefix/lib/siec-desk}"
share="$prefix/share"
sizes=(16 24 32 48 64 128 256 512)

refresh() {  # menus and icon caches pick the change up; harmless where the tools are missing
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
}

if [ "$uninstall" = 1 ]; then
  rm -f "$prefix/bin/siec-desk" "$share/applications/$APP_ID.desktop" \
    "$share/metainfo/$APP_ID.metainfo.xml" "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
  for n in "${sizes[@]}"; do rm -f "$share/icons/hicolor/${n}x${n}/apps/$APP_ID.png"; done
  rm -rf "$programs"
  refresh
  echo "SIEC Desk removed from $prefix (your data stays where it was)."
  exit 0
fi

[ -x "$here/siec-desk" ] || { echo "install.sh must stay in the SIEC Desk bundle folder." >&2; exit 1; }
mkdir -p "$programs" "$prefix/bin" "$share/applications" "$share/metainfo"
if [ "$(cd "$programs" && pwd)" != "$here" ]; then
  rm -rf "$programs"
  cp -a "$here" "$programs"
fi
ln -sfn "$programs/siec-desk" "$prefix/bin/siec-desk"
# The menu entry starts the installed program by its full path: ~/.local/bin is not on
# every desktop session's PATH.
sed -e "s|^Exec=siec-desk|Exec=$programs/siec-desk|" -e "s|^TryExec=siec-desk|TryExec=$programs/siec-desk|" \
  "$here/share/applications/$APP_ID.desktop" > "$share/applications/$APP_ID.desktop"
cp "$here/share/metainfo/$APP_ID.metainfo.xml" "$share/metainfo/"
for n in "${sizes[@]}"; do
  install -D -m 644 "$here/share/icons/hicolor/${n}x${n}/apps/$APP_ID.png" \
    "$share/icons/hicolor/${n}x${n}/apps/$APP_ID.png"
done
install -D -m 644 "$here/share/icons/hicolor/scalable/apps/$APP_ID.svg" \
  "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
refresh
echo "SIEC Desk installed: $programs (menu entry: $share/applications/$APP_ID.desktop)."
