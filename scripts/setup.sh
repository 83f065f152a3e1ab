#!/usr/bin/env bash
# Install what a fresh Debian/Ubuntu machine lacks, then the npm packages, then build.
#  - Mesa's llvmpipe: WebGPU on the CPU when there is no GPU (Dawn reaches it through GLES);
#  - Chromium: the browser test runs the compiled module on WebGPU there.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for pkg in libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri chromium; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

npm ci --no-audit --no-fund --loglevel=error   # also builds: the package's prepare script
