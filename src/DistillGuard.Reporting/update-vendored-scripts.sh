#!/usr/bin/env bash
# Refreshes the chart libraries committed under Assets/vendor from the versions package.json / package-lock.json pin.
# Only for changing those versions: building needs no npm (the files are in the repository and embedded from there).
#
#   edit package.json, then: (cd src/DistillGuard.Reporting && npm install --package-lock-only --ignore-scripts)
#   bash src/DistillGuard.Reporting/update-vendored-scripts.sh
set -euo pipefail
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund
cp node_modules/chart.js/dist/chart.umd.min.js Assets/vendor/chart.umd.min.js
cp node_modules/chart.js/LICENSE.md Assets/vendor/chart.js.LICENSE.md
cp node_modules/cytoscape/dist/cytoscape.min.js Assets/vendor/cytoscape.min.js
cp node_modules/cytoscape/LICENSE Assets/vendor/cytoscape.LICENSE
echo "Assets/vendor now holds chart.js $(node -p 'require("chart.js/package.json").version') and cytoscape $(node -p 'require("cytoscape/package.json").version')"
