#!/usr/bin/env bash
# SIEC Desk quick start on Debian/Ubuntu: installs what is missing, then runs the app or the tests.
#   bash packaging/quickstart.sh app  [siec-desk arguments…]   start the application
#   bash packaging/quickstart.sh test [pytest arguments…]      lint, type-check and run every test
# With SIEC_DESK_CHECK_BUNDLE=1 (set by .ci/run), `test` also validates the Linux desktop
# files, builds the PyInstaller bundle and smoke-tests it (packaging/check_bundle.sh, ~2 min).
# System packages come from apt-get (only the missing ones, with sudo when not root); Python
# packages go into .venv, pinned by packaging/constraints.txt. Re-running is fast: nothing is
# reinstalled unless pyproject.toml or the constraints changed.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-}"
case "$mode" in
  app|test) shift ;;
  *) echo "usage: bash packaging/quickstart.sh app|test [arguments…]" >&2; exit 2 ;;
esac

# WeasyPrint needs Pango/HarfBuzz; Qt needs EGL/GL, fontconfig, xkbcommon and the xcb libraries
# to open a window; poppler-utils renders PDFs in tests; gettext gives msgfmt --check.
packages=(python3 python3-venv python3-dev gcc libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b
  libharfbuzz-subset0 libfontconfig1 libegl1 libgl1 libxkbcommon0 libdbus-1-3 libglib2.0-0
  fonts-dejavu-core poppler-utils gettext desktop-file-utils appstream)
bundle="${SIEC_DESK_CHECK_BUNDLE:-0}"
if [ "$mode" = app ] || [ "$bundle" = 1 ]; then  # the bundle carries the xcb libraries
  packages+=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
    libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xfixes0 libxcb-xkb1)
fi
if [ "$bundle" = 1 ]; then
  packages+=(binutils)  # PyInstaller reads libraries with objdump
fi
# The tests run on PostgreSQL too: a private server started from these binaries
# (tests/testkit/postgres.py), never the system's own cluster service. LibreOffice Calc
# (headless) opens every workbook SIEC Desk writes (tests/integration/test_xlsx_libreoffice.py).
if [ "$mode" = test ]; then
  packages+=(postgresql libreoffice-calc-nogui)
fi
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python=python3
if ! $python -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "SIEC Desk needs Python 3.11 or newer (found $($python --version))." >&2
  exit 1
fi

stamp=.venv/.siec-desk-installed
want=$(cat pyproject.toml packaging/constraints.txt packaging/hatch_build.py translations/*.po | sha256sum | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  [ -x .venv/bin/python ] || $python -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -c packaging/constraints.txt -e ".[dev]"
  echo "$want" > "$stamp"
fi

if [ "$mode" = app ]; then
  exec .venv/bin/siec-desk "$@"
fi

export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check siec_desk tests benchmarks packaging
.venv/bin/mypy
if [ "$bundle" = 1 ]; then
  bash packaging/check_bundle.sh
fi
exec .venv/bin/python -m pytest "$@"
