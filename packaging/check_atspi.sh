#!/usr/bin/env bash
# Check that SIEC Desk is usable through the Linux accessibility bus (AT-SPI): starts the
# app under Xvfb with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 and lists what assistive tools
# see: every interactive node must carry a stable accessible id.
#   bash packaging/check_atspi.sh [--lang fr|ar] [--db FILE]
# Needs: apt-get install xvfb at-spi2-core python3-pyatspi gir1.2-atspi-2.0 dbus dbus-x11
set -euo pipefail
cd "$(dirname "$0")/.."
args=("$@")
inner=$(mktemp)
cat > "$inner" <<INNER
export QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1
/usr/libexec/at-spi-bus-launcher --launch-immediately &
sleep 1
.venv/bin/siec-desk ${args[*]:-} &
app=\$!
sleep 4
/usr/bin/python3 packaging/atspi_probe.py || status=\$?
kill \$app
exit \${status:-0}
INNER
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash "$inner"
