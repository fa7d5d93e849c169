#!/usr/bin/env bash
# Validate the Linux desktop files, build the bundle, smoke-test it outside the checkout.
#   bash packaging/check_bundle.sh        (CI runs it: SIEC_DESK_CHECK_BUNDLE=1 in .ci/run)
# Any failure fails the run. Prints the build time and the bundle size.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/linux/validate.sh
start=$(date +%s)
bash packaging/build_bundle.sh
echo "Bundle built in $(( $(date +%s) - start )) s"
.venv/bin/python packaging/smoke_bundle.py dist/siec-desk
