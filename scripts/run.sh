#!/usr/bin/env bash
# Serve Accord on 127.0.0.1:8000 with a Celery worker and beat, all stopped by one Ctrl-C.
# No DATABASE_URL / REDIS_URL: SQLite under var/ and a folder as the Celery broker.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBUG="${DEBUG:-1}"
export EMAIL_BACKEND="${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}"
export SITE_URL="${SITE_URL:-http://127.0.0.1:8000}"
PY=.venv/bin/python
mkdir -p var

# The compiled French catalogue is committed; refresh it when gettext is at hand.
if command -v msgfmt >/dev/null; then
    $PY manage.py compilemessages --ignore=.venv --ignore=var -v0
fi
$PY manage.py migrate --noinput -v0
$PY manage.py load_demo --password "${DEMO_PASSWORD:-demo}"

pids=()
cleanup() {
    trap - INT TERM EXIT
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

.venv/bin/celery -A config worker --loglevel=INFO --concurrency=2 &
pids+=($!)
.venv/bin/celery -A config beat --loglevel=INFO &
pids+=($!)

$PY manage.py runserver 127.0.0.1:8000 &
pids+=($!)
sleep 4  # let the worker's and server's start-up lines pass, so the logins stay in view
cat <<TXT

  Accord is running at http://127.0.0.1:8000/   (Ctrl-C stops web, worker and beat)

  Demo logins (password: ${DEMO_PASSWORD:-demo})
    us-official   official, U.S. Department of Commerce
    ca-official   official, Innovation, Science and Economic Development Canada
    us-signatory  official who signs the U.S. side of each quarter's record
    ca-signatory  official who signs the Canadian side of each quarter's record
    staff         minister's staff (read-only)
    admin         administrator (Django admin at /admin/)

TXT
wait -n "${pids[@]}"
