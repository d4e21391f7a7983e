#!/usr/bin/env bash
# System packages the test suite uses beside the Python ones in requirements.txt:
# the real kubectl client (Debian package "kubectl") that drives the lab's
# Kubernetes API twin. Installed when missing and we are root (CI is); on a
# machine where we are not, say so: the kubectl tests then skip with a reason.
set -euo pipefail
if command -v kubectl >/dev/null 2>&1; then
  exit 0
fi
if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq kubectl >/dev/null
  echo "installed kubectl: $(kubectl version --client 2>/dev/null | head -1)"
else
  echo "note: kubectl is not installed and this is not root; tests that drive the real kubectl will skip" >&2
fi
