#!/usr/bin/env bash
# Runs the command service and the query service without Docker, against PostgreSQL on this machine.
#
#   scripts/run-local.sh                in the foreground; Ctrl-C stops both services
#   scripts/run-local.sh --background   returns once both are healthy; stop them with:
#   scripts/run-local.sh stop
#
# It runs deploy/postgres/init.sql as the PostgreSQL superuser (idempotent: databases and least-privilege roles),
# builds the jars when they are missing or older than the sources, and starts each service with its own role.
# Environment (defaults in parentheses):
#   PGHOST (localhost), PGPORT (5432), PGUSER (postgres), PGPASSWORD (postgres)   superuser, for the init script
#   EVENTSTORE_DB (eventstore), READMODEL_DB (readmodel)                           database names
#   COMMAND_DB_USER (eventbank_command), COMMAND_DB_PASSWORD (command)             the command service's role
#   QUERY_DB_USER (eventbank_query), QUERY_DB_PASSWORD (query)                     the query service's role
#   COMMAND_PORT (8080), QUERY_PORT (8081)                                         HTTP ports
#   RUN_DIR (target/run-local)                                                     logs and PID files
#   STARTUP_TIMEOUT (180)                                                          seconds to wait for health
#   JAVA_OPTS                                                                      extra JVM options
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

export PGHOST="${PGHOST:-localhost}" PGPORT="${PGPORT:-5432}"
export EVENTSTORE_DB="${EVENTSTORE_DB:-eventstore}" READMODEL_DB="${READMODEL_DB:-readmodel}"
export COMMAND_DB_USER="${COMMAND_DB_USER:-eventbank_command}" COMMAND_DB_PASSWORD="${COMMAND_DB_PASSWORD:-command}"
export QUERY_DB_USER="${QUERY_DB_USER:-eventbank_query}" QUERY_DB_PASSWORD="${QUERY_DB_PASSWORD:-query}"
COMMAND_PORT="${COMMAND_PORT:-8080}"
QUERY_PORT="${QUERY_PORT:-8081}"
RUN_DIR="${RUN_DIR:-$PWD/target/run-local}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-180}"
SERVICES=(command-service query-service)

usage() {
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

port_of() {
    case "$1" in
        command-service) echo "$COMMAND_PORT" ;;
        query-service) echo "$QUERY_PORT" ;;
    esac
}

pid_file() { echo "$RUN_DIR/$1.pid"; }

# The PID recorded for a service, if that process is still the java started from this run directory.
running_pid() {
    local file pid
    file=$(pid_file "$1")
    [ -f "$file" ] || return 1
    pid=$(cat "$file")
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "-Deventbank.run-dir=$RUN_DIR " || return 1
    echo "$pid"
}

stop_services() {
    local service pid stopped=()
    for service in "${SERVICES[@]}"; do
        if pid=$(running_pid "$service"); then
            kill -TERM "$pid" 2>/dev/null || true
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
            kill -KILL "$pid" 2>/dev/null || true
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

# True when a jar is missing or a pom or source file is newer than it.
build_needed() {
    local service jar
    for service in "${SERVICES[@]}"; do
        jar=$(jar_of "$service") || return 0
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

# wait_healthy SERVICE...: polls each service's /actuator/health until UP, for at most STARTUP_TIMEOUT seconds
wait_healthy() {
    local deadline=$((SECONDS + STARTUP_TIMEOUT)) service waiting
    while :; do
        waiting=()
        for service in "$@"; do
            running_pid "$service" >/dev/null || {
                echo "error: $service exited during start-up; the end of $RUN_DIR/$service.log:" >&2
                tail -n 30 "$RUN_DIR/$service.log" >&2
                return 1
            }
            SERVER_PORT=$(port_of "$service") deploy/docker/healthcheck.sh 2>/dev/null || waiting+=("$service")
        done
        [ ${#waiting[@]} -gt 0 ] || return 0
        if [ $SECONDS -ge $deadline ]; then
            echo "error: not healthy after ${STARTUP_TIMEOUT} s: ${waiting[*]} (logs in $RUN_DIR)" >&2
            return 1
        fi
        sleep 1
    done
}

background=false
case "${1:-}" in
    "") ;;
    --background) background=true ;;
    stop) stop_services; exit 0 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
esac

ensure_java21
ensure_postgres
ensure_psql15
mkdir -p "$RUN_DIR"

for service in "${SERVICES[@]}"; do
    if pid=$(running_pid "$service"); then
        echo "error: $service is already running from $RUN_DIR (pid $pid); stop it with: $0 stop" >&2
        exit 1
    fi
    port=$(port_of "$service")
    if port_in_use "$port"; then
        echo "error: port $port (for $service) is in use; choose another with COMMAND_PORT / QUERY_PORT" >&2
        exit 1
    fi
done

echo "PostgreSQL $PGHOST:$PGPORT: databases $EVENTSTORE_DB and $READMODEL_DB, roles $COMMAND_DB_USER and $QUERY_DB_USER"
psql -X -q -v ON_ERROR_STOP=1 -d postgres -f deploy/postgres/init.sql >/dev/null

if build_needed; then
    echo "building the jars: ./mvnw -B -DskipTests package (log: $RUN_DIR/build.log)"
    ./mvnw -B -DskipTests package >"$RUN_DIR/build.log" 2>&1 || {
        tail -n 40 "$RUN_DIR/build.log" >&2
        echo "error: the build failed; see $RUN_DIR/build.log" >&2
        exit 1
    }
fi

started=false
on_exit() {
    local status=$?
    if [ "$started" = false ] || [ "$background" = false ]; then stop_services; fi
    exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# One after the other: the query service reads the event store tables that the command service's Flyway creates.
for service in "${SERVICES[@]}"; do
    start_service "$service"
    wait_healthy "$service"
done
started=true

cat <<EOF

Both services are up (logs in $RUN_DIR):
  command service  http://localhost:$COMMAND_PORT   (Swagger UI: http://localhost:$COMMAND_PORT/swagger-ui.html)
  query service    http://localhost:$QUERY_PORT   (Swagger UI: http://localhost:$QUERY_PORT/swagger-ui.html)
Walk through the example: COMMAND_PORT=$COMMAND_PORT QUERY_PORT=$QUERY_PORT scripts/demo.sh
EOF

if [ "$background" = true ]; then
    echo "Stop them with: $0 stop"
    exit 0
fi
echo "Press Ctrl-C to stop both."
pids=()
for service in "${SERVICES[@]}"; do pids+=("$(running_pid "$service")"); done
wait -n "${pids[@]}" || true
for service in "${SERVICES[@]}"; do
    running_pid "$service" >/dev/null || echo "error: $service stopped; the end of $RUN_DIR/$service.log:" >&2
done
exit 1
