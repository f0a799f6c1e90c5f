#!/usr/bin/env bash
# The benchmark of docs/performance.md: builds the services if needed, starts them as processes on fresh databases,
# runs the workloads and writes bench/results/latest.json and docs/performance.md (about 12 minutes on 2 cores).
#
#   scripts/bench.sh            full run
#   scripts/bench.sh --quick    short runs for development: bench/results/quick.json, bench/target/performance-quick.md
#   scripts/bench.sh --only=ceiling,floor,alone,features,commands,baseline,replay,long,publisher,time   a subset of the workloads
#     (floor: the HTTP floor, a minimal Spring MVC endpoint appending one event row per request; alone: the command
#     service with no query service running; features: commands with and without an Idempotency-Key; commands: the pair)
#   scripts/bench.sh --report-only   rewrite docs/performance.md from bench/results/latest.json
#
# The services run with the JVM options recommended for them (see docs/performance.md):
#   -Xms64m -Xmx160m -XX:+UseG1GC -XX:MetaspaceSize=96m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=96m
#   -Xss512k -XX:MaxDirectMemorySize=32m
# PostgreSQL: PGHOST, PGPORT, PGUSER, PGPASSWORD as for the tests; the run creates bench_* databases and drops them.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_java21
ensure_postgres

version=$(sed -n 's:^    <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
jars=("command-service/target/command-service-$version.jar" "query-service/target/query-service-$version.jar")
stale=$(find shared-api axon-postgres identity command-service query-service test-support bench pom.xml \
    -path '*/target' -prune -o -newer "${jars[0]}" -type f -print -quit 2>/dev/null || echo rebuild)
if [ ! -f "${jars[0]}" ] || [ ! -f "${jars[1]}" ] || [ ! -f bench/target/classpath.txt ] || [ -n "$stale" ]; then
    echo "building the services and the benchmark"
    ./mvnw -B -q -Pbench -DskipTests clean package -pl bench -am
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# BENCH_JFR=dir records a flight recording of every service process there (for jfr print / jfr summary)
exec java -Xmx1g ${BENCH_JFR:+-Dbench.jfr="$BENCH_JFR"} -Dbench.root="$PWD" -Dbench.version="$version" \
    -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.eventbank.bench.Bench "$@"
