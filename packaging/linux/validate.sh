#!/usr/bin/env bash
# Validate the Linux desktop integration files: the menu entry (desktop-file-validate) and
# the AppStream metainfo (appstreamcli, strict, offline). Run by packaging/check_bundle.sh.
# Needs the Debian packages desktop-file-utils and appstream.
set -euo pipefail
cd "$(dirname "$0")"
desktop-file-validate org.siec_desk.SiecDesk.desktop
appstreamcli validate --strict --no-net org.siec_desk.SiecDesk.metainfo.xml
