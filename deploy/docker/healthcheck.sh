#!/usr/bin/env bash
# Docker HEALTHCHECK of a service image: healthy when GET /actuator/health on its own SERVER_PORT says UP.
# Bash alone (/dev/tcp, no grep, curl or wget), so that it also runs in Keycloak's minimal image, where
# docker-compose.yml points it at Keycloak's readiness (HEALTH_PATH=/health/ready, whose JSON has "status": "UP").
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${SERVER_PORT:-8080}"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "${HEALTH_PATH:-/actuator/health}" >&3
IFS= read -r -d '' response <&3 || true
[[ $response =~ \"status\":\ ?\"UP\" ]]
