# Sourced by the bin/ scripts: a virtual environment with the pinned packages, and the
# front-end packages from npm. REQUIREMENTS names the file to install (default
# requirements-dev.txt: the portal's own packages and the tools of the tests and the
# benchmark; bin/demo asks for requirements.txt alone). Re-running is cheap: nothing is
# reinstalled unless a requirements file or package-lock.json changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv …"
  "$PYTHON" -m venv .venv
fi
REQUIREMENTS=${REQUIREMENTS:-requirements-dev.txt}
stamp=".venv/.installed-$(cat "$REQUIREMENTS" requirements.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "Installing Python packages from $REQUIREMENTS …"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$REQUIREMENTS"
  touch "$stamp"
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is needed for the front-end packages (Debian: apt-get install npm)." >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.lock-installed; then
  echo "Installing front-end packages from package-lock.json …"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.lock-installed
fi
export PATH="$PWD/.venv/bin:$PATH"
