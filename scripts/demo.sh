#!/usr/bin/env bash
# Walks a running command service and query service through the seed's story and checks what it shows:
# an account with deposits and a withdrawal, its events in the event store, the read model catching up,
# a projection replay, an order paid and an order rejected. Exits non-zero at the first thing that is wrong.
#
# Environment (defaults in parentheses):
#   COMMAND_URL (http://localhost:$COMMAND_PORT), QUERY_URL (http://localhost:$QUERY_PORT), with the ports of
#   scripts/run-local.sh: COMMAND_PORT (8080), QUERY_PORT (8081)
#   EVENTSTORE_DB (eventstore) and PGHOST, PGPORT, PGUSER, PGPASSWORD (localhost, 5432, postgres, postgres):
#     where psql reads the events view
#   PSQL (psql): the psql command, e.g. PSQL='docker compose exec -T postgres psql -U postgres'
#   DEMO_TIMEOUT (60): seconds to wait for each eventually consistent result
# Needs curl and jq.
set -euo pipefail

COMMAND_URL="${COMMAND_URL:-http://localhost:${COMMAND_PORT:-8080}}"
QUERY_URL="${QUERY_URL:-http://localhost:${QUERY_PORT:-8081}}"
EVENTSTORE_DB="${EVENTSTORE_DB:-eventstore}"
export PGHOST="${PGHOST:-localhost}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGPASSWORD="${PGPASSWORD:-postgres}"
read -r -a PSQL <<<"${PSQL:-psql}"
DEMO_TIMEOUT="${DEMO_TIMEOUT:-60}"

if [ -t 1 ]; then
    bold=$'\e[1m' dim=$'\e[2m' green=$'\e[32m' red=$'\e[31m' reset=$'\e[0m'
else
    bold='' dim='' green='' red='' reset=''
fi
heading() { printf '\n%s== %s%s\n' "$bold" "$*" "$reset"; }
say() { printf '%s\n' "$*"; }
ok() { printf '%s[ok]%s %s\n' "$green" "$reset" "$*"; }
fail() {
    printf '\n%sDEMO FAILED:%s %s\n' "$red" "$reset" "$*" >&2
    exit 1
}

for tool in curl jq; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is needed (Debian: apt-get install $tool)"
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# request METHOD URL [JSON]: sets STATUS, BODY, ETAG and LOCATION; prints nothing
request() {
    local method="$1" url="$2" data="${3:-}" args
    args=(-sS -X "$method" -o "$work/body" -D "$work/headers" -w '%{http_code}' --max-time 10)
    [ -z "$data" ] || args+=(-H 'Content-Type: application/json' -d "$data")
    STATUS=$(curl "${args[@]}" "$url" 2>"$work/error") || STATUS="unreachable ($(cat "$work/error"))"
    BODY=$(cat "$work/body" 2>/dev/null || true)
    ETAG=$(tr -d '\r' <"$work/headers" | awk -F': ' 'tolower($1) == "etag" { print $2 }')
    LOCATION=$(tr -d '\r' <"$work/headers" | awk -F': ' 'tolower($1) == "location" { print $2 }')
}

# show METHOD URL [JSON] [EXPECTED_STATUS] [brief]: prints the curl command and the answer (the body as it came,
# unless brief), checks the status
show() {
    local method="$1" url="$2" data="${3:-}" expected="${4:-200}" brief="${5:-}"
    if [ -n "$data" ]; then
        printf '%s$ curl -X %s %s -H '\''Content-Type: application/json'\'' -d '\''%s'\''%s\n' "$dim" "$method" "$url" "$data" "$reset"
    elif [ "$method" = GET ]; then
        printf '%s$ curl %s%s\n' "$dim" "$url" "$reset"
    else
        printf '%s$ curl -X %s %s%s\n' "$dim" "$method" "$url" "$reset"
    fi
    request "$method" "$url" "$data"
    printf 'HTTP %s%s%s\n' "$STATUS" "${ETAG:+   ETag: $ETAG}" "${LOCATION:+   Location: $LOCATION}"
    [ -z "$BODY" ] || [ -n "$brief" ] || say "  $BODY"
    [ "$STATUS" = "$expected" ] || fail "$method $url answered $STATUS, expected $expected"
}

# json FILTER: jq on the last BODY, raw output
json() { jq -r "$1" <<<"$BODY"; }

# table FILTER FORMAT: one printf line per row of tab-separated values that FILTER makes from the last BODY
table() { json "$1 | @tsv" | while IFS=$'\t' read -r -a row; do printf "  $2\n" "${row[@]}"; done; }

projections_table() {
    printf '  %-10s %-10s %10s %10s %6s  %s\n' name status position head lag replaying
    table '(if type == "array" then .[] else . end) | [.name, .status, .position, .headPosition, .lag, .replaying]' \
        '%-10s %-10s %10s %10s %6s  %s'
}

# await DESCRIPTION URL JQ_CONDITION: GET URL until it answers 200 and the condition holds, or DEMO_TIMEOUT passes
await() {
    local description="$1" url="$2" condition="$3" deadline=$((SECONDS + DEMO_TIMEOUT))
    while :; do
        request GET "$url"
        if [ "$STATUS" = 200 ] && jq -e "$condition" <<<"$BODY" >/dev/null 2>&1; then
            return 0
        fi
        [ $SECONDS -lt $deadline ] || fail "$description: not seen within ${DEMO_TIMEOUT} s; last answer of GET $url: $STATUS $BODY"
        sleep 0.5
    done
}

heading "0. Both services are up"
await "command service health" "$COMMAND_URL/actuator/health" '.status == "UP"'
ok "command service $COMMAND_URL"
await "query service health" "$QUERY_URL/actuator/health" '.status == "UP"'
ok "query service $QUERY_URL"

heading "1. Commands: open an account, deposit 10000 and 50000, withdraw 10000"
say "Each command is checked by the Account aggregate; if it passes, an event is appended to the event store."
say "ETag is the aggregate's version: the sequence number of its latest event."
show POST "$COMMAND_URL/api/accounts" '{"holderName": "Kim Minji"}' 201
account=$(json .accountId)
[ "$(json .version)" = 0 ] || fail "a new account should have version 0"
show POST "$COMMAND_URL/api/accounts/$account/deposits" '{"amount": 10000}'
show POST "$COMMAND_URL/api/accounts/$account/deposits" '{"amount": 50000}'
show POST "$COMMAND_URL/api/accounts/$account/withdrawals" '{"amount": 10000}'
[ "$(json .version)" = 3 ] || fail "after open, two deposits and a withdrawal the version should be 3"
ok "account $account is at version 3"
say
say "A refused command writes no event; the answer is application/problem+json:"
show POST "$COMMAND_URL/api/accounts/$account/withdrawals" '{"amount": 999999}' 422
[ "$(json .type)" = "urn:problem:insufficient-funds" ] || fail "expected problem type urn:problem:insufficient-funds"
ok "withdrawing more than the balance is refused (422 insufficient-funds)"

heading "2. The event store: the account is nothing but its events"
say "Axon's domain_event_entry table, read through the 'events' view (database $EVENTSTORE_DB):"
command -v "${PSQL[0]}" >/dev/null 2>&1 ||
    fail "psql not found: install the PostgreSQL client, or set PSQL (with Docker: PSQL='docker compose exec -T postgres psql -U postgres')"
events_sql="SELECT event_version, event_type, event_data->>'amount' AS amount, event_data->>'balanceAfter' AS balance
FROM events WHERE aggregate_id = '$account' ORDER BY event_version"
shown_psql="${PSQL[*]}"
[ "$shown_psql" != psql ] || shown_psql="psql -h $PGHOST -p $PGPORT -U $PGUSER"
printf '%s$ %s -d %s -c "%s"%s\n' "$dim" "$shown_psql" "$EVENTSTORE_DB" "${events_sql//$'\n'/ }" "$reset"
"${PSQL[@]}" -X -v ON_ERROR_STOP=1 -d "$EVENTSTORE_DB" -c "$events_sql" || fail "cannot read the events view with ${PSQL[*]}"
events=$("${PSQL[@]}" -X -At -v ON_ERROR_STOP=1 -d "$EVENTSTORE_DB" -c \
    "SELECT string_agg(event_type || ' ' || coalesce(event_data->>'amount', '-') || ' ' || coalesce(event_data->>'balanceAfter', '-'), ', ' ORDER BY event_version)
     FROM events WHERE aggregate_id = '$account'")
expected_events="AccountOpened - -, MoneyDeposited 10000.00 10000.00, MoneyDeposited 50000.00 60000.00, MoneyWithdrawn 10000.00 50000.00"
[ "$events" = "$expected_events" ] || fail "events of the account: expected '$expected_events', found '$events'"
ok "4 events: opened, 10000 in, 50000 in, 10000 out; balance after them 50000.00"

heading "3. The query side: read models built from those events"
say "The query service follows the event store and updates its own database; it catches up within moments."
await "the account summary with balance 50000" "$QUERY_URL/api/accounts/$account" '.balance == 50000 and .version == 3'
show GET "$QUERY_URL/api/accounts/$account"
ok "summary: Kim Minji, balance 50000.00"
ledger_condition='[.content[] | [.type, .amount, .balanceAfter]] == [["DEPOSIT", 10000, 10000], ["DEPOSIT", 50000, 60000], ["WITHDRAWAL", 10000, 50000]]'
await "the ledger 10000 -> 60000 -> 50000" "$QUERY_URL/api/accounts/$account/transactions" "$ledger_condition"
say "$dim\$ curl $QUERY_URL/api/accounts/$account/transactions$reset"
printf '  %8s  %-14s %12s %14s\n' sequence type amount "balance after"
table '.content[] | [.sequence, .type, .amount, .balanceAfter]' '%8s  %-14s %12.2f %14.2f'
ok "ledger: 10000 -> 60000 -> 50000"

heading "4. Replay: the read model is disposable, the events are the truth"
say "The projections (event processors) and how far each has read the event store:"
show GET "$QUERY_URL/api/admin/projections" "" 200 brief
projections_table
say
say "Replaying 'accounts' empties its read model and rebuilds it from the first event:"
show POST "$QUERY_URL/api/admin/projections/accounts/replay" "" 202 brief
projections_table
await "the accounts projection to finish replaying" "$QUERY_URL/api/admin/projections" \
    '[.[] | select(.name == "accounts")] | length == 1 and (.[0].replaying | not) and .[0].lag == 0'
say "$dim\$ curl $QUERY_URL/api/admin/projections$reset"
projections_table
await "the summary after the replay" "$QUERY_URL/api/accounts/$account" '.balance == 50000 and .version == 3'
await "the ledger after the replay" "$QUERY_URL/api/accounts/$account/transactions" "$ledger_condition"
ok "after the replay the summary still says 50000.00 and the ledger is the same"

heading "5. Orders: a saga charges the account"
say "Placing an order starts the payment saga: it charges the account, then marks the order PAID or REJECTED."
show POST "$COMMAND_URL/api/orders" "{\"accountId\": \"$account\", \"items\": [{\"productId\": \"sku-1\", \"quantity\": 2, \"unitPrice\": 12.50}]}" 201
paid_order=$(json .orderId)
await "order $paid_order to leave PLACED" "$QUERY_URL/api/orders/$paid_order" '.status != "PLACED"'
show GET "$QUERY_URL/api/orders/$paid_order"
[ "$(json .status)" = PAID ] || fail "order $paid_order should be PAID, is $(json .status)"
ok "2 x 12.50 = 25.00 paid"
say
show POST "$COMMAND_URL/api/orders" "{\"accountId\": \"$account\", \"items\": [{\"productId\": \"sku-2\", \"quantity\": 1, \"unitPrice\": 100000}]}" 201
rejected_order=$(json .orderId)
await "order $rejected_order to leave PLACED" "$QUERY_URL/api/orders/$rejected_order" '.status != "PLACED"'
show GET "$QUERY_URL/api/orders/$rejected_order"
[ "$(json .status)" = REJECTED ] || fail "order $rejected_order should be REJECTED, is $(json .status)"
json '.rejectionReason' | grep -qi insufficient || fail "the rejection reason should be insufficient funds, is $(json .rejectionReason)"
ok "100000.00 rejected: insufficient funds; the refusal is an event too (OrderRejected)"
await "the balance after the payment" "$QUERY_URL/api/accounts/$account" '.balance == 49975'
await "the payment in the ledger" "$QUERY_URL/api/accounts/$account/transactions" \
    "(.content | length) == 4 and .content[3].type == \"ORDER_PAYMENT\" and .content[3].orderId == \"$paid_order\""
say "$dim\$ curl $QUERY_URL/api/accounts/$account/transactions$reset"
printf '  %8s  %-14s %12s %14s\n' sequence type amount "balance after"
table '.content[] | [.sequence, .type, .amount, .balanceAfter]' '%8s  %-14s %12.2f %14.2f'
ok "balance 50000.00 - 25.00 = 49975.00; the rejected order charged nothing"

heading "6. The order list view"
await "both orders in the list" "$QUERY_URL/api/orders?accountId=$account" \
    "[.content[] | {orderId, status}] | sort_by(.orderId) == ([{orderId: \"$paid_order\", status: \"PAID\"}, {orderId: \"$rejected_order\", status: \"REJECTED\"}] | sort_by(.orderId))"
say "$dim\$ curl '$QUERY_URL/api/orders?accountId=$account'$reset"
printf '  %-24s  %-12s %5s %12s  %s\n' createdAt customerName items total status
table '.content[] | [.createdAt, .customerName, .itemCount, .total, .status]' '%-24s  %-12s %5s %12.2f  %s'
[ "$(json '[.content[].customerName] | unique | join(",")')" = "Kim Minji" ] || fail "customerName should be the holder's name"
ok "newest first, with the customer's name, item count, total and status"

printf '\n%sThe demo passed:%s commands became events, the read models followed them, and a replay rebuilt them.\n' "$green" "$reset"
