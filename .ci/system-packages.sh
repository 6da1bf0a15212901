#!/usr/bin/env bash
# Debian packages the test suites use. Installs only what is missing, so reruns are fast.
set -euo pipefail

# "command package" pairs; add a pair when a test needs a new tool.
needs=(
  "git git"
  "chromium chromium"
)

wanted=()
for pair in "${needs[@]}"; do
  read -r cmd pkg <<<"$pair"
  command -v "$cmd" >/dev/null 2>&1 || wanted+=("$pkg")
done

if [ ${#wanted[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing system packages: ${wanted[*]} (install them: apt-get install ${wanted[*]})" >&2
    exit 1
  fi
  echo "Installing system packages: ${wanted[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${wanted[@]}"
fi
