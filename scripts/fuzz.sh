#!/usr/bin/env bash
# `make fuzz`: schemathesis generates requests for every operation in factdb's OpenAPI schema and
# sends them to a live server on 127.0.0.1, once with an Editor's token and once with a
# Journalist's. The server is gunicorn with DEBUG off, on a throwaway SQLite database seeded with
# the fixtures (FUZZ_DATABASE_URL=postgres://… to fuzz PostgreSQL instead; it is migrated, seeded
# and written to, so give it a scratch database). Bounded: FUZZ_EXAMPLES cases per operation and
# phase, FUZZ_MAX_TIME seconds per role.
#
# Checks: no 5xx (not_a_server_error), every response matches its documented schema
# (response_schema_conformance) and status codes (status_code_conformance). Reports land in
# artifacts/fuzz/; the summary says operations covered, cases run, server errors, schema
# violations. Exit status is non-zero when any check failed.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
ST=.venv/bin/st
PORT=${FUZZ_PORT:-8765}
EXAMPLES=${FUZZ_EXAMPLES:-20}
MAX_TIME=${FUZZ_MAX_TIME:-600}
REPORTS=artifacts/fuzz
work=$(mktemp -d)
mkdir -p "$REPORTS"

export DATABASE_URL=${FUZZ_DATABASE_URL:-sqlite:///$work/fuzz.sqlite3}
export DEBUG=0 SECRET_KEY="fuzz-$(date +%s)-$RANDOM$RANDOM" ALLOWED_HOSTS=127.0.0.1
# Plain HTTP on loopback; the fuzzer is one client sending thousands of requests.
export SECURE_SSL_REDIRECT=0 FACTDB_SECURE_COOKIES=0
export FACTDB_THROTTLE_USER=1000000/minute FACTDB_THROTTLE_ANON=1000000/minute
export FACTDB_THROTTLE_LOGIN=1000000/minute

server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== throwaway database: migrate, seed, an editor and a journalist with tokens"
$PY manage.py migrate --noinput -v0
$PY manage.py seed -v0
declare -A TOKENS
for role in editor journalist; do
    group=$([ "$role" = editor ] && echo Editors || echo Journalists)
    TOKENS[$role]=$($PY manage.py shell -v0 -c "
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
user, _ = User.objects.get_or_create(username='fuzz-$role')
user.groups.add(Group.objects.get(name='$group'))
print(Token.objects.get_or_create(user=user)[0].key)")
done

echo "== gunicorn on 127.0.0.1:$PORT"
.venv/bin/gunicorn factdb.wsgi --bind "127.0.0.1:$PORT" --workers 2 --threads 2 \
    --log-level warning >"$REPORTS/server.log" 2>&1 &
server=$!

status=0
for role in editor journalist; do
    echo "== schemathesis as the $role"
    # Not revoking or rotating the fuzzer's own token, which would turn every later case into a
    # 401 (tests/factdb/api/test_tokens.py covers both).
    # One worker: with two, Hypothesis' lambda-source reading (ast.parse) can race on Python 3.11
    # and end an operation with a SystemError inside the fuzzer itself.
    $ST run "http://127.0.0.1:$PORT/api/schema/" \
        --wait-for-schema 30 \
        --header "Authorization: Token ${TOKENS[$role]}" \
        --checks not_a_server_error,response_schema_conformance,status_code_conformance \
        --exclude-operation-id v1_auth_token_destroy \
        --exclude-operation-id v1_auth_token_rotate_create \
        --phases examples,coverage,fuzzing \
        --max-examples "$EXAMPLES" \
        --max-time "$MAX_TIME" \
        --max-response-time 10 \
        --request-timeout 30 \
        --workers 1 \
        --seed 20190607 \
        --continue-on-failure \
        --report ndjson --report-ndjson-path "$REPORTS/$role.ndjson" \
        >"$REPORTS/$role.txt" 2>&1 || status=1
    tail -n 25 "$REPORTS/$role.txt"
done

$PY scripts/fuzz_summary.py "$REPORTS"/editor.ndjson "$REPORTS"/journalist.ndjson
exit $status
