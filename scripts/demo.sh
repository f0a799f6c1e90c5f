#!/usr/bin/env bash
# Walks a running command service and query service through the seed's story and checks what it shows:
# the demo users logging in to Keycloak, an account with deposits and a withdrawal, its events in the event
# store, the read model catching up, who may see and do what, a projection replay, an order paid and an order
# rejected. Exits non-zero at the first thing that is wrong.
#
# Environment (defaults in parentheses):
#   COMMAND_URL (http://localhost:$COMMAND_PORT), QUERY_URL (http://localhost:$QUERY_PORT),
#   KEYCLOAK_URL (http://localhost:$KEYCLOAK_PORT), with the ports of scripts/run-local.sh: COMMAND_PORT (8080),
#   QUERY_PORT (8081), KEYCLOAK_PORT (8180)
#   AUTH_ISSUER ($KEYCLOAK_URL/realms/eventbank): the realm; the issuer its tokens must carry
#   AUTH_CLIENT_ID (eventbank-cli): the public client the demo users log in with (password grant)
#   The demo users and their passwords are those of deploy/keycloak/eventbank-realm.json (demo only).
#   DEMO_TIMEOUT (60): seconds to wait for each eventually consistent result
# Needs curl and jq, nothing else: it reads the event store through the services.
set -euo pipefail

COMMAND_URL="${COMMAND_URL:-http://localhost:${COMMAND_PORT:-8080}}"
QUERY_URL="${QUERY_URL:-http://localhost:${QUERY_PORT:-8081}}"
KEYCLOAK_URL="${KEYCLOAK_URL:-http://localhost:${KEYCLOAK_PORT:-8180}}"
AUTH_ISSUER="${AUTH_ISSUER:-$KEYCLOAK_URL/realms/eventbank}"
AUTH_CLIENT_ID="${AUTH_CLIENT_ID:-eventbank-cli}"
TOKEN_URL="$AUTH_ISSUER/protocol/openid-connect/token"
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
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is needed and not found on PATH (Debian and Ubuntu: apt-get install $tool; macOS: brew install $tool)"
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The demo users' access tokens and when each expires (in $SECONDS); AS is the user requests act as ('' = none).
declare -A TOKEN=() EXPIRES=()
AS=''

# login USER: a token for USER by the password grant, kept until 30 s before it expires
login() {
    local user="$1" status
    [ -z "${TOKEN[$user]:-}" ] || [ "${EXPIRES[$user]}" -gt $((SECONDS + 30)) ] || TOKEN[$user]=''
    [ -z "${TOKEN[$user]:-}" ] || return 0
    # a freshly started Keycloak on a busy machine may take longer than 10 s for its first login
    status=$(curl -sS -o "$work/token" -w '%{http_code}' --max-time 60 -d grant_type=password \
        --data-urlencode "client_id=$AUTH_CLIENT_ID" --data-urlencode "username=$user" \
        --data-urlencode "password=$user-demo" "$TOKEN_URL" 2>"$work/error") || status="unreachable ($(cat "$work/error"))"
    [ "$status" = 200 ] || fail "$user cannot log in at $TOKEN_URL: $status $(cat "$work/token" 2>/dev/null)"
    TOKEN[$user]=$(jq -r .access_token "$work/token")
    EXPIRES[$user]=$((SECONDS + $(jq -r .expires_in "$work/token")))
}

# as USER: the following requests carry USER's token; 'as' alone: no token
as() {
    AS="${1:-}"
    [ -z "$AS" ] || login "$AS"
}

# claims USER: the payload of USER's access token (base64url-decoded JSON)
claims() {
    jq -R 'split(".")[1] | gsub("-"; "+") | gsub("_"; "/") | . + ("=" * ((4 - length % 4) % 4)) | @base64d | fromjson' <<<"${TOKEN[$1]}"
}

# request METHOD URL [JSON]: as AS; sets STATUS, BODY, ETAG, LOCATION and POSITION (Event-Position); prints
# nothing. With MIN_POSITION set, the request carries Min-Event-Position: the query side answers once its read
# model has reached that position (read your own writes), so no polling is needed. With ACCEPT_TYPE set, Accept.
request() {
    local method="$1" url="$2" data="${3:-}" args
    args=(-sS -X "$method" -o "$work/body" -D "$work/headers" -w '%{http_code}' --max-time 10)
    [ -z "$data" ] || args+=(-H 'Content-Type: application/json' -d "$data")
    [ -z "${MIN_POSITION:-}" ] || args+=(-H "Min-Event-Position: $MIN_POSITION")
    [ -z "${ACCEPT_TYPE:-}" ] || args+=(-H "Accept: $ACCEPT_TYPE")
    if [ -n "$AS" ]; then
        login "$AS"
        args+=(-H "Authorization: Bearer ${TOKEN[$AS]}")
    fi
    STATUS=$(curl "${args[@]}" "$url" 2>"$work/error") || STATUS="unreachable ($(cat "$work/error"))"
    BODY=$(cat "$work/body" 2>/dev/null || true)
    ETAG=$(header etag)
    LOCATION=$(header location)
    POSITION=$(header event-position)
}

# header NAME: the value of the last answer's header NAME
header() { tr -d '\r' <"$work/headers" | awk -F': ' -v name="$1" 'tolower($1) == name { print $2 }'; }

# curl_line METHOD URL: prints how to make that request as AS with curl (no body)
curl_line() {
    local auth=''
    [ -z "$AS" ] || auth=" -H \"Authorization: Bearer \$${AS^^}_TOKEN\""
    [ -z "${MIN_POSITION:-}" ] || auth+=" -H 'Min-Event-Position: $MIN_POSITION'"
    [ -z "${ACCEPT_TYPE:-}" ] || auth+=" -H 'Accept: $ACCEPT_TYPE'"
    if [ "$1" = GET ]; then
        printf '%s$ curl%s %s%s\n' "$dim" "$auth" "$2" "$reset"
    else
        printf '%s$ curl -X %s%s %s%s\n' "$dim" "$1" "$auth" "$2" "$reset"
    fi
}

# show METHOD URL [JSON] [EXPECTED_STATUS] [brief]: prints the curl command and the answer (the body as it came,
# unless brief), checks the status
show() {
    local method="$1" url="$2" data="${3:-}" expected="${4:-200}" brief="${5:-}"
    if [ -n "$data" ]; then
        curl_line "$method" "$url -H 'Content-Type: application/json' -d '$data'"
    else
        curl_line "$method" "$url"
    fi
    request "$method" "$url" "$data"
    printf 'HTTP %s%s%s%s\n' "$STATUS" "${ETAG:+   ETag: $ETAG}" "${POSITION:+   Event-Position: $POSITION}" \
        "${LOCATION:+   Location: $LOCATION}"
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

heading "0. Both services are up; the demo users log in"
await "command service health" "$COMMAND_URL/actuator/health" '.status == "UP"'
ok "command service $COMMAND_URL"
await "query service health" "$QUERY_URL/actuator/health" '.status == "UP"'
ok "query service $QUERY_URL"
say
say "Every /api call carries an access token. The demo users get theirs from Keycloak's realm by the password grant"
say "(demo only: a real client uses the authorization code flow):"
printf '%s$ KIM_TOKEN=$(curl -s -d grant_type=password -d client_id=%s -d username=kim -d password=kim-demo \\\n    %s | jq -r .access_token)%s\n' \
    "$dim" "$AUTH_CLIENT_ID" "$TOKEN_URL" "$reset"
printf '  %-5s %-9s %-38s %-10s %s\n' user roles sub aud "expires in"
for user in kim lee tina adam; do
    login "$user"
    claims "$user" >"$work/claims"
    jq -r --arg user "$user" --argjson left $((EXPIRES[$user] - SECONDS)) \
        '[$user, (.realm_access.roles // [] | join(",")), .sub, ([.aud] | flatten | join(",")), "\($left) s"] | @tsv' "$work/claims" |
        { IFS=$'\t' read -r -a row; printf '  %-5s %-9s %-38s %-10s %s\n' "${row[@]}"; }
    jq -e --arg iss "$AUTH_ISSUER" '.iss == $iss and ([.aud] | flatten | index("eventbank")) and (.sub | length > 0)' \
        "$work/claims" >/dev/null || fail "$user's token should carry iss $AUTH_ISSUER, aud eventbank and a sub: $(cat "$work/claims")"
done
for pair in kim:customer lee:customer tina:teller adam:admin; do
    claims "${pair%%:*}" | jq -e --arg role "${pair#*:}" '.realm_access.roles | index($role)' >/dev/null ||
        fail "${pair%%:*}'s token should carry the realm role ${pair#*:}"
done
ok "four tokens issued by $AUTH_ISSUER for the audience eventbank, with the roles in realm_access.roles"
say
say "Without a token, every /api call is refused with 401 and WWW-Authenticate: Bearer:"
as
show POST "$COMMAND_URL/api/accounts" '{"holderName": "Nobody"}' 401 brief
header www-authenticate | grep -q '^Bearer' || fail "a 401 should carry WWW-Authenticate: Bearer"
show GET "$QUERY_URL/api/accounts" "" 401 brief
header www-authenticate | grep -q '^Bearer' || fail "a 401 should carry WWW-Authenticate: Bearer"
ok "no token, no access (401), on both services"

heading "1. Commands: kim opens an account and deposits 10000, teller tina deposits 50000, kim withdraws 10000"
say "Each command is checked by the Account aggregate; if it passes, an event is appended to the event store."
say "ETag is the aggregate's version: the sequence number of its latest event. kim owns the account she opens."
as kim
show POST "$COMMAND_URL/api/accounts" '{"holderName": "Kim Minji"}' 201
account=$(json .accountId)
[ "$(json .version)" = 0 ] || fail "a new account should have version 0"
show POST "$COMMAND_URL/api/accounts/$account/deposits" '{"amount": 10000}'
say "A teller deposits to any account:"
as tina
show POST "$COMMAND_URL/api/accounts/$account/deposits" '{"amount": 50000}'
as kim
show POST "$COMMAND_URL/api/accounts/$account/withdrawals" '{"amount": 10000}'
[ "$(json .version)" = 3 ] || fail "after open, two deposits and a withdrawal the version should be 3"
[ -n "$POSITION" ] || fail "a command answer should carry Event-Position"
position=$POSITION
ok "account $account is at version 3; its last event is at global position $position"
say
say "A teller may not open accounts (403):"
as tina
show POST "$COMMAND_URL/api/accounts" '{"holderName": "Tina Teller"}' 403 brief
ok "tellers operate accounts, customers and admins open them"
as kim
say
say "A refused command writes no event; the answer is application/problem+json:"
show POST "$COMMAND_URL/api/accounts/$account/withdrawals" '{"amount": 999999}' 422
[ "$(json .type)" = "urn:problem:insufficient-funds" ] || fail "expected problem type urn:problem:insufficient-funds"
ok "withdrawing more than the balance is refused (422 insufficient-funds)"

heading "2. The event store: the account is nothing but its events"
say "Its events from the first, as Axon's domain_event_entry table holds them, read by the query service's read-only"
say "connection to the event store (the history names the owner from the read model, so it is asked for with the"
say "withdrawal's position in Min-Event-Position, see 3.; with psql, the 'events' view shows the same rows):"
MIN_POSITION=$position show GET "$QUERY_URL/api/accounts/$account/history" "" 200 brief
printf '  %8s  %-16s %-27s %10s %14s  %s\n' sequence type timestamp amount "balance after" actor
table 'def money: if . == null then "-" else (. * 100 | round) as $cents | "\($cents / 100 | floor).\($cents % 100 + 100 | tostring | .[1:])" end;
       .content[] | [.sequence, .type, .timestamp, (.payload.amount | money), (.payload.balanceAfter | money), (.metadata.actor // "-")]' \
    '%8s  %-16s %-27s %10s %14s  %s'
jq -e '[.content[] | [.type, .payload.amount, .payload.balanceAfter]] == [["AccountOpened", null, null],
       ["MoneyDeposited", 10000, 10000], ["MoneyDeposited", 50000, 60000], ["MoneyWithdrawn", 10000, 50000]]
       and all(.content[]; .metadata.actor | length > 0)' <<<"$BODY" >/dev/null ||
    fail "the account's events should be opened, 10000 in, 50000 in, 10000 out, each with its actor: $BODY"
opened_at=$(json '.content[0].timestamp')
first_deposit_at=$(json '.content[1].timestamp')
second_deposit_at=$(json '.content[2].timestamp')
ok "4 events: opened, 10000 in, 50000 in, 10000 out; balance after them 50000.00; each names who caused it"

heading "3. The query side: read models built from those events"
say "The query service follows the event store and updates its own database; it catches up within moments. A read"
say "naming the withdrawal's Event-Position in Min-Event-Position is answered once the read model has reached it:"
MIN_POSITION=$position show GET "$QUERY_URL/api/accounts/$account"
jq -e '.balance == 50000 and .version == 3' <<<"$BODY" >/dev/null || fail "the summary should say balance 50000, version 3"
ok "summary: Kim Minji, balance 50000.00"
ledger_condition='[.content[] | [.type, .amount, .balanceAfter]] == [["DEPOSIT", 10000, 10000], ["DEPOSIT", 50000, 60000], ["WITHDRAWAL", 10000, 50000]]'
MIN_POSITION=$position request GET "$QUERY_URL/api/accounts/$account/transactions"
[ "$STATUS" = 200 ] && jq -e "$ledger_condition" <<<"$BODY" >/dev/null || fail "the ledger should be 10000 -> 60000 -> 50000: $STATUS $BODY"
MIN_POSITION=$position curl_line GET "$QUERY_URL/api/accounts/$account/transactions"
printf '  %8s  %-14s %12s %14s\n' sequence type amount "balance after"
table '.content[] | [.sequence, .type, .amount, .balanceAfter]' '%8s  %-14s %12.2f %14.2f'
ok "ledger: 10000 -> 60000 -> 50000"
say
say "lee, another customer, opens an account of his own. To kim it does not exist: 404, as for a missing one."
as lee
show POST "$COMMAND_URL/api/accounts" '{"holderName": "Lee Seojun"}' 201 brief
lee_account=$(json .accountId)
lee_position=$POSITION
MIN_POSITION=$lee_position show GET "$QUERY_URL/api/accounts/$lee_account" "" 200 brief
as kim
MIN_POSITION=$lee_position show GET "$QUERY_URL/api/accounts/$lee_account" "" 404
show POST "$COMMAND_URL/api/accounts/$lee_account/deposits" '{"amount": 1}' 404
MIN_POSITION=$lee_position show GET "$QUERY_URL/api/accounts?size=100" "" 200 brief
jq -e '(.content | length > 0) and all(.content[]; .holderName == "Kim Minji")' <<<"$BODY" >/dev/null ||
    fail "kim's list of accounts should hold hers only: $BODY"
table '.content[] | [.accountId, .holderName, .balance]' '%-36s  %-12s %12.2f'
ok "kim reads and operates her own accounts only; her list shows no one else's"

heading "3b. Time: the account at a past moment, its statement"
say "The account as it stood at $first_deposit_at, the moment of the first deposit, before the second ($second_deposit_at):"
show GET "$QUERY_URL/api/accounts/$account?asOf=$first_deposit_at"
jq -e '.balance == 10000 and .version == 1' <<<"$BODY" >/dev/null || fail "as of the first deposit: balance 10000, version 1"
ok "as of the first deposit: balance 10000.00, version 1"
say
statement_to=$(jq -rn '(now | floor) + 86400 | todate')
say "Its statement from its opening to tomorrow: opening and closing balance, money in and out, the entries:"
show GET "$QUERY_URL/api/accounts/$account/statement?from=$opened_at&to=$statement_to"
jq -e '.openingBalance == 0 and .closingBalance == 50000 and .totalIn == 60000 and .totalOut == 10000 and (.entries | length) == 3' \
    <<<"$BODY" >/dev/null || fail "the statement should go from 0 to 50000 with 60000 in and 10000 out"
say "The same as CSV, as a bank statement is downloaded:"
ACCEPT_TYPE=text/csv show GET "$QUERY_URL/api/accounts/$account/statement?from=$opened_at&to=$statement_to" "" 200 brief
say "  Statement-Opening-Balance: $(header statement-opening-balance)   Statement-Closing-Balance: $(header statement-closing-balance)"
printf '%s\n' "$BODY" | sed 's/^/  /'
[ "$(header statement-closing-balance)" = 50000.00 ] || fail "the CSV statement should close at 50000.00"
[ "$(printf '%s\n' "$BODY" | head -1)" = "occurredAt,sequence,type,amount,balanceAfter,orderId" ] ||
    fail "the CSV should start with its header row"
ok "statement: 0.00 -> 50000.00, 60000.00 in, 10000.00 out, three entries"

heading "4. Replay: the read model is disposable, the events are the truth"
say "Operating the projections is for admins; a customer is refused (403):"
show GET "$QUERY_URL/api/admin/projections" "" 403 brief
say "adam, an admin: the projections (event processors) and how far each has read the event store:"
as adam
show GET "$QUERY_URL/api/admin/projections" "" 200 brief
projections_table
say
say "Replaying 'accounts' empties its read model and rebuilds it from the first event:"
show POST "$QUERY_URL/api/admin/projections/accounts/replay" "" 202 brief
projections_table
await "the accounts projection to finish replaying" "$QUERY_URL/api/admin/projections" \
    '[.[] | select(.name == "accounts")] | length == 1 and (.[0].replaying | not) and .[0].lag == 0'
curl_line GET "$QUERY_URL/api/admin/projections"
projections_table
as kim
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
curl_line GET "$QUERY_URL/api/accounts/$account/transactions"
printf '  %8s  %-14s %12s %14s\n' sequence type amount "balance after"
table '.content[] | [.sequence, .type, .amount, .balanceAfter]' '%8s  %-14s %12.2f %14.2f'
ok "balance 50000.00 - 25.00 = 49975.00; the rejected order charged nothing"

heading "6. The order list view"
await "both orders in the list" "$QUERY_URL/api/orders?accountId=$account" \
    "[.content[] | {orderId, status}] | sort_by(.orderId) == ([{orderId: \"$paid_order\", status: \"PAID\"}, {orderId: \"$rejected_order\", status: \"REJECTED\"}] | sort_by(.orderId))"
curl_line GET "'$QUERY_URL/api/orders?accountId=$account'"
printf '  %-24s  %-12s %5s %12s  %s\n' createdAt customerName items total status
table '.content[] | [.createdAt, .customerName, .itemCount, .total, .status]' '%-24s  %-12s %5s %12.2f  %s'
[ "$(json '[.content[].customerName] | unique | join(",")')" = "Kim Minji" ] || fail "customerName should be the holder's name"
ok "newest first, with the customer's name, item count, total and status"

printf '\n%sThe demo passed:%s commands became events, the read models followed them, a replay rebuilt them, and each\n' "$green" "$reset"
say "user saw and did only what their role and ownership allow."
