#!/usr/bin/env bash
# Docker HEALTHCHECK of a service image: healthy when GET /actuator/health on its own SERVER_PORT says UP.
# Plain bash (/dev/tcp), so the runtime image needs neither curl nor wget.
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${SERVER_PORT:-8080}"
printf 'GET /actuator/health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
grep -q '"status":"UP"' <&3
