# shellcheck shell=bash
# Shared shell helpers for .ci/run and scripts/*.sh: pick a JDK 21+, make sure PostgreSQL answers, run test-support's
# LocalPostgres (an embedded PostgreSQL; the init script over JDBC), install a missing tool. Source it; it defines
# functions only.

# Exports JAVA_HOME and PATH for a JDK 21 or newer, or fails with a clear message.
ensure_java21() {
    local candidate major
    for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
        major=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
        if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
            export JAVA_HOME="$candidate"
            export PATH="$JAVA_HOME/bin:$PATH"
            return 0
        fi
    done
    echo "error: a JDK 21 or newer is needed (found none on PATH, in JAVA_HOME or under /usr/lib/jvm)" >&2
    return 1
}

# Makes sure PostgreSQL answers on ${PGHOST:-localhost}:${PGPORT:-5432}; on this machine it may start (or, as
# root, install) the local cluster. Then checks that user/password login over TCP works.
ensure_postgres() {
    local host="${PGHOST:-localhost}" port="${PGPORT:-5432}"
    export PGUSER="${PGUSER:-postgres}" PGPASSWORD="${PGPASSWORD:-postgres}"
    if ! command -v psql >/dev/null 2>&1 || ! command -v pg_isready >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "PostgreSQL client not found; installing PostgreSQL with apt-get"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
        else
            echo "error: PostgreSQL (psql, pg_isready) is not installed; install PostgreSQL 15+ or run docker compose" >&2
            return 1
        fi
    fi
    if ! pg_isready -q -h "$host" -p "$port"; then
        if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ] && [ "$(id -u)" = 0 ]; then
            local version
            version=$(ls /etc/postgresql | sort -V | tail -n 1)
            echo "PostgreSQL is not running; starting cluster $version/main"
            pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
        fi
        for _ in $(seq 1 30); do pg_isready -q -h "$host" -p "$port" && break; sleep 1; done
    fi
    if ! pg_isready -q -h "$host" -p "$port"; then
        echo "error: PostgreSQL does not answer on $host:$port" >&2
        return 1
    fi
    if ! psql -h "$host" -p "$port" -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
        if [ "$PGUSER" = postgres ] && [ "$(id -u)" = 0 ] && command -v runuser >/dev/null 2>&1; then
            echo "setting the postgres user's password so that login over TCP works"
            runuser -u postgres -- psql -Atqc "ALTER USER postgres PASSWORD '$PGPASSWORD'" >/dev/null
        fi
        psql -h "$host" -p "$port" -d postgres -Atqc 'SELECT 1' >/dev/null || {
            echo "error: cannot log in to PostgreSQL at $host:$port as $PGUSER (set PGUSER/PGPASSWORD)" >&2
            return 1
        }
    fi
}

# Makes sure a command exists; as root on Debian it installs the package that brings it (refreshing the package
# lists once if the first attempt fails). Usage: ensure_command COMMAND [DEBIAN_PACKAGE]
ensure_command() {
    local command="$1" package="${2:-$1}"
    command -v "$command" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "$command not found; installing the Debian package $package"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null 2>&1 || {
            apt-get update -q >/dev/null &&
                DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" >/dev/null
        } || true
    fi
    command -v "$command" >/dev/null 2>&1 || {
        echo "error: $command is needed; install it (Debian package: $package)" >&2
        return 1
    }
}

# Fails unless psql is version 15 or newer (deploy/postgres/init.sql reads its settings with \getenv).
ensure_psql15() {
    local major
    major=$(psql --version 2>/dev/null | sed -E 's/^[^0-9]*([0-9]+).*/\1/')
    if [ -z "$major" ] || [ "$major" -lt 15 ]; then
        echo "error: psql 15 or newer is needed (found: $(psql --version 2>/dev/null || echo none))" >&2
        return 1
    fi
}

# True when something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when PostgreSQL's address HOST PORT accepts a TCP connection (within 2 s); the tests decide the same way
# (test-support's PostgresServer).
postgres_answers() {
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# The class path of test-support's LocalPostgres (an embedded PostgreSQL, deploy/postgres/init.sql over JDBC), as the
# build of test-support leaves it.
local_postgres_classpath() {
    local jar
    for jar in test-support/target/test-support-*.jar; do
        [ -f "$jar" ] && [ -f test-support/target/local-postgres.classpath ] && {
            echo "$jar:$(cat test-support/target/local-postgres.classpath)"
            return 0
        }
    done
    echo "error: test-support is not built: ./mvnw -B -DskipTests package -pl test-support -am" >&2
    return 1
}

# local_postgres init | roles: runs LocalPostgres on the server of PGHOST, PGPORT, PGUSER, PGPASSWORD
local_postgres() {
    local classpath
    classpath=$(local_postgres_classpath) || return 1
    java -Xmx64m -cp "$classpath" io.eventbank.testsupport.LocalPostgres "$@"
}
