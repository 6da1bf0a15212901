#!/usr/bin/env bash
# Debian packages the test suites use. Installs only what is missing, so reruns are fast.
set -euo pipefail

# "command package" pairs; add a pair when a test needs a new tool.
needs=(
  "git git"
  "chromium chromium"
  # Exports are read back by independent tools (issue 6): LibreOffice, poppler, python-docx,
  # and pandoc as the export benchmark's peer.
  "soffice libreoffice-writer-nogui"
  "pdftotext poppler-utils"
  "pandoc pandoc"
  # The relay's systemd unit is checked with systemd-analyze verify (test/ship/deploy.test.ts).
  "systemd-analyze systemd"
)

# python-docx has no command of its own: check the module with the system Python.
if ! /usr/bin/python3 -c 'import docx' >/dev/null 2>&1; then
  extra_python_docx=1
else
  extra_python_docx=0
fi

wanted=()
for pair in "${needs[@]}"; do
  read -r cmd pkg <<<"$pair"
  command -v "$cmd" >/dev/null 2>&1 || wanted+=("$pkg")
done
[ "$extra_python_docx" = 1 ] && wanted+=("python3-docx")

if [ ${#wanted[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing system packages: ${wanted[*]} (install them: apt-get install ${wanted[*]})" >&2
    exit 1
  fi
  echo "Installing system packages: ${wanted[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${wanted[@]}"
fi
