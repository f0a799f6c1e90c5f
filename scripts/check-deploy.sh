#!/usr/bin/env bash
# Checks what runs the project without Docker being needed: the shell scripts, docker-compose.yml (two
# validators), Prometheus (scrape targets, alert rules) and the Grafana dashboard, the Keycloak realm and its wiring
# into the services, the Dockerfile, the nginx proxy config, and the PostgreSQL init script with its roles, run by
# psql (as Compose does) and over JDBC on this server and on an embedded PostgreSQL (as run-local.sh does), which
# must leave the same roles and privileges (it builds test-support for that when it is not built).
# As root on Debian it installs the tools it lacks (docker-compose, shellcheck, nginx, jq; npx runs pinned npm tools).
# The init script check needs a PostgreSQL superuser connection (PGHOST, PGPORT, PGUSER, PGPASSWORD).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

DCLINT=dclint@3.1.0
DOCKERFILE_UTILS=dockerfile-utils@0.16.3
export NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

section() { printf '\n== %s\n' "$*"; }

section "shell scripts: bash -n and shellcheck"
ensure_command shellcheck
scripts=(.ci/run scripts/*.sh deploy/docker/healthcheck.sh)
for script in "${scripts[@]}"; do bash -n "$script"; done
shellcheck --version | sed -n 2p
shellcheck -x --severity=warning "${scripts[@]}"
echo "ok: ${scripts[*]}"

section "docker-compose.yml: docker-compose config (Compose file schema, interpolation)"
ensure_command docker-compose
docker-compose version --short
docker-compose config -q
services=$(docker-compose config --services | sort | tr '\n' ' ')
[ "$services" = "command-service grafana kafka kafka-topic keycloak postgres prometheus query-proxy query-service " ] || {
    echo "error: unexpected services: $services" >&2
    exit 1
}
echo "ok: $services"

section "docker-compose.yml: Kafka (KRaft, one node), its topic, and the command service publishing to it"
docker-compose config | python3 -c '
import sys, yaml
services = yaml.safe_load(sys.stdin)["services"]
def fail(message):
    sys.exit("error: " + message)
kafka, topic, command = services["kafka"], services["kafka-topic"], services["command-service"]
for name, service in (("kafka", kafka), ("kafka-topic", topic)):
    if not service["image"].startswith("apache/kafka:"):
        fail(name + " runs " + service["image"] + ", not the official apache/kafka image")
env = {key: str(value) for key, value in kafka["environment"].items()}
if set(env.get("KAFKA_PROCESS_ROLES", "").split(",")) != {"broker", "controller"}:
    fail("kafka is not one KRaft node (broker and controller): " + env.get("KAFKA_PROCESS_ROLES", "unset"))
if not env.get("KAFKA_CONTROLLER_QUORUM_VOTERS", "").startswith(env["KAFKA_NODE_ID"] + "@kafka:"):
    fail("kafka is not the voter of its own quorum")
internal = [l for l in env["KAFKA_ADVERTISED_LISTENERS"].split(",") if l.endswith("://kafka:9092")]
if not internal:
    fail("kafka does not advertise kafka:9092, the address the command service is given")
bootstrap = command["environment"].get("KAFKA_BOOTSTRAP_SERVERS")
if bootstrap != "kafka:9092":
    fail("the command service does not publish to kafka:9092: KAFKA_BOOTSTRAP_SERVERS=" + str(bootstrap))
if "kafka" in command.get("depends_on", {}):
    fail("the command service waits for kafka: it must start and take commands without it")
args = topic["command"]
def arg(flag):
    return args[args.index(flag) + 1]
if "--create" not in args or arg("--topic") != command["environment"]["KAFKA_TOPIC"]:
    fail("kafka-topic does not create the topic the command service publishes to")
partitions = int(arg("--partitions"))
if partitions < 4 or int(env["KAFKA_NUM_PARTITIONS"]) != partitions:
    fail("the topic needs as many partitions as a consumer group has consumers (at least 4), also when auto-created")
if "retention.ms=-1" not in args:
    fail("the topic does not keep every event: a new consumer could not replay from the first")
if topic["depends_on"]["kafka"]["condition"] != "service_healthy":
    fail("kafka-topic runs before kafka is healthy")
print("ok: apache/kafka KRaft node, topic", arg("--topic"), "with", partitions, "partitions, publisher on")
'

section "docker-compose.yml and deploy/prometheus, deploy/grafana: metrics of every replica, alert rules, the dashboard"
docker-compose config | python3 -c '
import json, os, sys, yaml
def fail(message):
    sys.exit("error: " + message)
services = yaml.safe_load(sys.stdin)["services"]
prometheus, grafana = services["prometheus"], services["grafana"]
if not prometheus["image"].startswith("prom/prometheus:"):
    fail("prometheus runs " + prometheus["image"] + ", not the official prom/prometheus image")
if not grafana["image"].startswith("grafana/grafana:"):
    fail("grafana runs " + grafana["image"] + ", not the official grafana/grafana image")
config = yaml.safe_load(open("deploy/prometheus/prometheus.yml"))
jobs = {job["job_name"]: job for job in config["scrape_configs"]}
if sorted(jobs) != ["command-service", "query-service"]:
    fail("prometheus scrapes " + str(sorted(jobs)) + ", not exactly the two services")
for name, job in jobs.items():
    service = services[name]
    port = str(service["environment"].get("MANAGEMENT_SERVER_PORT", ""))
    if not port:
        fail(name + " sets no MANAGEMENT_SERVER_PORT: metrics would need an admin token")
    if port not in [str(p) for p in service.get("expose", [])]:
        fail(name + " does not expose its management port " + port + " to the internal network")
    for published in service.get("ports", []):
        target = str(published["target"] if isinstance(published, dict) else str(published).split(":")[-1])
        if target == port:
            fail(name + " publishes its management port " + port + ": it answers without authentication")
    if job.get("metrics_path") != "/actuator/prometheus":
        fail("job " + name + " does not read /actuator/prometheus")
    sd = job.get("dns_sd_configs", [])
    if len(sd) != 1 or sd[0].get("names") != [name] or str(sd[0].get("port")) != port or sd[0].get("type") != "A":
        fail("job " + name + " does not find every replica of " + name + " by DNS on port " + port)
mounts = [str(v) for v in prometheus.get("volumes", [])]
if not any("deploy/prometheus" in m and "/etc/prometheus" in m for m in mounts):
    fail("prometheus does not mount deploy/prometheus at /etc/prometheus")
alerts = set()
for rule_file in config["rule_files"]:
    local = os.path.join("deploy/prometheus", os.path.relpath(rule_file, "/etc/prometheus"))
    for group in yaml.safe_load(open(local))["groups"]:
        for rule in group["rules"]:
            if not rule.get("expr") or not rule.get("alert"):
                fail("a rule of " + local + " has no alert name or no expr")
            alerts.add(rule["alert"])
expected = {"ProjectionLagTooHigh", "ProjectionEventsParked", "ProjectionSegmentFailing", "ServerErrorRate"}
if not expected <= alerts:
    fail("alert rules missing: " + str(sorted(expected - alerts)))
datasources = yaml.safe_load(open("deploy/grafana/provisioning/datasources/prometheus.yml"))["datasources"]
if [d["url"] for d in datasources] != ["http://prometheus:9090"]:
    fail("grafana does not read the compose prometheus")
uid = datasources[0]["uid"]
provider = yaml.safe_load(open("deploy/grafana/provisioning/dashboards/eventbank.yml"))["providers"][0]
gmounts = [str(v) for v in grafana.get("volumes", [])]
if not any("deploy/grafana/dashboards" in m and provider["options"]["path"] in m for m in gmounts):
    fail("the dashboard folder is not mounted where the provider reads it: " + provider["options"]["path"])
dashboard = json.load(open("deploy/grafana/dashboards/eventbank.json"))
titles = [panel["title"] for panel in dashboard["panels"]]
for panel in dashboard["panels"]:
    if panel["datasource"]["uid"] != uid or not panel.get("targets"):
        fail("panel " + panel["title"] + " does not query the provisioned data source")
    for target in panel["targets"]:
        if not target.get("expr") or target["datasource"]["uid"] != uid:
            fail("a query of panel " + panel["title"] + " has no expression or another data source")
print("ok:", prometheus["image"], "scraping", ", ".join(sorted(jobs)), "on their management ports;",
      len(alerts), "alert rules;", grafana["image"], "with", len(titles), "panels")
'

section "deploy/keycloak/eventbank-realm.json: the realm Compose and run-local.sh import"
ensure_command jq
realm_file=deploy/keycloak/eventbank-realm.json
jq -e 'type == "object"' "$realm_file" >/dev/null || { echo "error: $realm_file is not a JSON object" >&2; exit 1; }
# expect JSON WHAT JQ_CONDITION: the condition's last output must be true
expect() {
    jq -e "$3" <<<"$1" >/dev/null || { echo "error: $2" >&2; exit 1; }
    echo "ok: $2"
}
realm=$(cat "$realm_file")
client='.clients[] | select(.clientId == "eventbank-cli")'
expect "$realm" "the realm eventbank, enabled" '.realm == "eventbank" and .enabled'
expect "$realm" "access tokens live 5 minutes, sessions at most an hour" \
    '.accessTokenLifespan == 300 and .ssoSessionMaxLifespan <= 3600 and .ssoSessionIdleTimeout <= 3600'
expect "$realm" "realm roles customer, teller and admin" '[.roles.realm[].name] | sort == ["admin", "customer", "teller"]'
expect "$realm" "one client, eventbank-cli: public, password grant only" \
    "(.clients | length == 1) and ($client | .enabled and .publicClient and .directAccessGrantsEnabled
     and (.standardFlowEnabled | not) and (.implicitFlowEnabled | not) and (.serviceAccountsEnabled | not))"
expect "$realm" "its audience mapper puts eventbank into the access token's aud" \
    "$client | any(.protocolMappers[]; .protocolMapper == \"oidc-audience-mapper\"
     and .config[\"included.custom.audience\"] == \"eventbank\" and .config[\"access.token.claim\"] == \"true\")"
expect "$realm" "its default scopes give the token sub (basic) and realm_access.roles (roles)" \
    "$client | .fullScopeAllowed and (.defaultClientScopes | index(\"basic\") and index(\"roles\"))"
for user_role in kim:customer lee:customer tina:teller adam:admin; do
    expect "$realm" "demo user ${user_role%%:*}: enabled, a fixed id, a password, the realm role ${user_role#*:} only" \
        "[.users[] | select(.username == \"${user_role%%:*}\")] | length == 1 and (.[0] | .enabled
         and (.id | test(\"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\$\"))
         and any(.credentials[]; .type == \"password\" and (.value | length > 0) and (.temporary | not))
         and .realmRoles == [\"${user_role#*:}\"])"
done
expect "$realm" "no other users, and distinct ids" '(.users | length == 4) and ([.users[].id] | unique | length == 4)'

section "docker-compose.yml: Keycloak and the services' AUTH_* wiring"
# docker-compose 1.x prints the resolved file as YAML; its Debian package brings python3-yaml
compose=$(docker-compose config | python3 -c 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)')
keycloak_version=$(sed -n 's/^KEYCLOAK_VERSION=//p' scripts/run-local.sh)
expect "$compose" "Keycloak: the official image, the version run-local.sh runs ($keycloak_version)" \
    ".services.keycloak.image == \"quay.io/keycloak/keycloak:$keycloak_version\""
expect "$compose" "Keycloak: start-dev importing the realm, on port 8180 (the command service has 8080)" \
    '.services.keycloak.command == ["start-dev", "--import-realm", "--http-port=8180"]'
expect "$compose" "Keycloak: published on 127.0.0.1:8180 only" '.services.keycloak.ports == ["127.0.0.1:8180:8180/tcp"]'
expect "$compose" "Keycloak: the realm file mounted read-only into its import directory" \
    "[.services.keycloak.volumes[] | select(endswith(\"/$realm_file:/opt/keycloak/data/import/eventbank-realm.json:ro\"))] | length == 1"
expect "$compose" "Keycloak: issues tokens for http://localhost:8180 on every channel, health enabled" \
    '.services.keycloak.environment | .KC_HOSTNAME == "http://localhost:8180"
     and .KC_HOSTNAME_BACKCHANNEL_DYNAMIC == "true" and .KC_HEALTH_ENABLED == "true"'
expect "$compose" "Keycloak: a health check of its readiness on the management port, by the mounted bash check" \
    '.services.keycloak | (.healthcheck.test[-1] | test("SERVER_PORT=9000 HEALTH_PATH=/health/ready bash /opt/eventbank/healthcheck.sh"))
     and any(.volumes[]; endswith("/deploy/docker/healthcheck.sh:/opt/eventbank/healthcheck.sh:ro"))'
for service in command-service query-service; do
    expect "$compose" "$service: keys from the realm inside the network, issuer the URL users log in at" \
        ".services[\"$service\"].environment | .AUTH_JWK_SET_URI == \"http://keycloak:8180/realms/eventbank/protocol/openid-connect/certs\"
         and .AUTH_ISSUER == \"http://localhost:8180/realms/eventbank\""
    expect "$compose" "$service: starts once Keycloak is healthy" \
        ".services[\"$service\"].depends_on.keycloak.condition == \"service_healthy\""
done

section "docker-compose.yml: $DCLINT (compose-spec JSON schema and lint rules)"
# deploy/dclint.json turns off two rules: services stay in data-flow order, and no top-level 'name'
# (docker-compose 1.x rejects it)
ensure_command npx npm
npx --yes "$DCLINT" -c deploy/dclint.json --max-warnings 0 docker-compose.yml
echo "ok"

section "Dockerfile: $DOCKERFILE_UTILS lint"
npx --yes "$DOCKERFILE_UTILS" lint Dockerfile
echo "ok"

section "deploy/nginx/query-service.conf: nginx -t"
ensure_command nginx
nginx_dir=$(mktemp -d)
trap 'rm -rf "$nginx_dir"' EXIT
cat >"$nginx_dir/nginx.conf" <<EOF
pid $nginx_dir/nginx.pid;
error_log stderr;
events {}
http {
    access_log off;
    include $PWD/deploy/nginx/query-service.conf;
}
EOF
nginx -t -q -p "$nginx_dir" -c "$nginx_dir/nginx.conf"
echo "ok ($(nginx -v 2>&1))"

section "deploy/postgres/init.sql: run twice, then check what each role may do"
ensure_java21
ensure_postgres
ensure_psql15
suffix="check_$$"
export EVENTSTORE_DB="es_$suffix" READMODEL_DB="rm_$suffix" COMMAND_DB_USER="cmd_$suffix" QUERY_DB_USER="qry_$suffix"
export COMMAND_DB_PASSWORD="cmd-$RANDOM$RANDOM" QUERY_DB_PASSWORD="qry-$RANDOM$RANDOM"
admin=(psql -X -q -v ON_ERROR_STOP=1 -h "${PGHOST:-localhost}" -p "${PGPORT:-5432}")
# drop_names SUFFIX: the databases and roles of one run of the init script
drop_names() {
    "${admin[@]}" -d postgres -c "DROP DATABASE IF EXISTS es_$1 WITH (FORCE)" -c "DROP DATABASE IF EXISTS rm_$1 WITH (FORCE)" \
        -c "DROP ROLE IF EXISTS cmd_$1" -c "DROP ROLE IF EXISTS qry_$1" >/dev/null 2>&1 || true
}
embedded_run=$(mktemp -d)
cleanup_databases() {
    drop_names "$suffix"
    drop_names "jdbc_$suffix"
    RUN_DIR="$embedded_run" scripts/run-local.sh stop >/dev/null 2>&1 || true
    rm -rf "$embedded_run"
}
trap 'rm -rf "$nginx_dir"; cleanup_databases' EXIT
for run in 1 2; do
    "${admin[@]}" -d postgres -f deploy/postgres/init.sql >/dev/null
    echo "ok: run $run"
done

# The same script creates the databases and roles three ways: psql runs it in Compose (as above), and run-local.sh
# runs it over JDBC (test-support's LocalPostgres) on this machine's server when it answers, or on the embedded
# PostgreSQL it starts. What each leaves behind (roles, databases, schemas, privileges, names generalized) must be
# the same. 'run-local.sh database' is run-local.sh's own way to PostgreSQL, without Keycloak and the services.
by_jdbc=$(
    export EVENTSTORE_DB="es_jdbc_$suffix" READMODEL_DB="rm_jdbc_$suffix" COMMAND_DB_USER="cmd_jdbc_$suffix" QUERY_DB_USER="qry_jdbc_$suffix"
    for _ in 1 2; do RUN_DIR="$embedded_run" scripts/run-local.sh database >&2; done
    local_postgres roles
)
by_psql=$(local_postgres roles)
embedded_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
by_embedded=$(
    export EVENTBANK_EMBEDDED_POSTGRES=true PGPORT="$embedded_port" EMBEDDED_PGDATA="$embedded_run/postgres" RUN_DIR="$embedded_run"
    scripts/run-local.sh database >&2 && scripts/run-local.sh stop >&2 && scripts/run-local.sh database >&2
    PGUSER=postgres PGPASSWORD=postgres local_postgres roles
)
RUN_DIR="$embedded_run" scripts/run-local.sh stop
compare_setup() { # WHAT EXPECTED ACTUAL
    if [ "$2" != "$3" ]; then
        echo "error: $1 differ from psql's (Compose):" >&2
        diff <(echo "$2") <(echo "$3") >&2 || true
        exit 1
    fi
    echo "ok: $1 are psql's ($(wc -l <<<"$3") facts)"
}
[ "$(wc -l <<<"$by_psql")" -ge 7 ] || { echo "error: too little to compare: $by_psql" >&2; exit 1; }
compare_setup "the roles, databases and privileges run-local.sh makes over JDBC on this server" "$by_psql" "$by_jdbc"
compare_setup "the roles, databases and privileges run-local.sh makes on the embedded PostgreSQL" "$by_psql" "$by_embedded"
as_role() { # ROLE PASSWORD DATABASE SQL
    PGUSER="$1" PGPASSWORD="$2" psql -X -q -At -v ON_ERROR_STOP=1 -h "${PGHOST:-localhost}" -p "${PGPORT:-5432}" -d "$3" -c "$4" 2>&1
}
expect_allowed() { # WHAT ROLE PASSWORD DATABASE SQL
    local out
    out=$(as_role "$2" "$3" "$4" "$5") || { echo "error: $1 should work: $out" >&2; exit 1; }
    echo "ok: $1"
}
expect_denied() { # WHAT ROLE PASSWORD DATABASE SQL
    local out
    if out=$(as_role "$2" "$3" "$4" "$5"); then echo "error: $1 should be refused" >&2; exit 1; fi
    grep -q 'permission denied' <<<"$out" || { echo "error: $1 failed for another reason: $out" >&2; exit 1; }
    echo "ok: refused: $1"
}
command_role=("$COMMAND_DB_USER" "$COMMAND_DB_PASSWORD")
query_role=("$QUERY_DB_USER" "$QUERY_DB_PASSWORD")
expect_allowed "the command role creates a table in the event store (as Flyway does)" "${command_role[@]}" "$EVENTSTORE_DB" \
    "CREATE TABLE created_later (id int); INSERT INTO created_later VALUES (1)"
expect_allowed "the query role reads that table" "${query_role[@]}" "$EVENTSTORE_DB" "SELECT id FROM created_later"
expect_denied "the query role inserts into the event store" "${query_role[@]}" "$EVENTSTORE_DB" "INSERT INTO created_later VALUES (2)"
expect_denied "the query role deletes from the event store" "${query_role[@]}" "$EVENTSTORE_DB" "DELETE FROM created_later"
expect_denied "the query role creates a table in the event store" "${query_role[@]}" "$EVENTSTORE_DB" "CREATE TABLE sneaky (id int)"
expect_denied "the query role creates a temporary table in the event store" "${query_role[@]}" "$EVENTSTORE_DB" "CREATE TEMP TABLE sneaky (id int)"
expect_allowed "the query role creates a table in the read-model database" "${query_role[@]}" "$READMODEL_DB" "CREATE TABLE view_table (id int)"
expect_denied "the command role connects to the read-model database" "${command_role[@]}" "$READMODEL_DB" "SELECT 1"
"${admin[@]}" -d postgres -f deploy/postgres/init.sql >/dev/null
echo "ok: run 3, after the command role created a table"
expect_allowed "the query role still reads the event store table" "${query_role[@]}" "$EVENTSTORE_DB" "SELECT id FROM created_later"

printf '\nall deployment checks passed\n'
