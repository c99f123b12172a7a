#!/usr/bin/env bash
# The Python client's checks: a virtual environment in .venv (made again when
# requirements-dev.txt changes), the wheel built and installed into it (so the
# tests import what users install), then ruff, mypy --strict and pytest.
# Arguments go to pytest. The integration tests need KEYLEDGER_ADDR,
# KEYLEDGER_TOKEN (a service token) and KEYLEDGER_TEST_ADMIN_TOKEN; without
# them they are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
want=$(sha256sum requirements-dev.txt | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat .venv/requirements.sha256 2>/dev/null)" != "$want" ]; then
  rm -rf .venv
  "$python" -m venv .venv
  # --retries 0: where only the local package indexes answer, do not wait on the others.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --retries 0 -r requirements-dev.txt
  echo "$want" >.venv/requirements.sha256
fi

rm -rf dist
.venv/bin/python -m build --wheel --no-isolation --outdir dist . >/dev/null
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall dist/keyledger-*.whl

.venv/bin/ruff format --check --quiet src tests
.venv/bin/ruff check --quiet src tests
.venv/bin/mypy --strict src tests
exec .venv/bin/python -m pytest -p no:cacheprovider "$@"
