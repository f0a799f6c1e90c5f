# syntax=docker/dockerfile:1
# Both services from one Maven build; pick one with a target:
#   docker build --target command-service -t eventbank/command-service .
#   docker build --target query-service   -t eventbank/query-service .
# Configuration only through the environment variables of API.md; no credentials in the image.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /workspace
COPY . .
RUN --mount=type=cache,target=/root/.m2,sharing=locked ./mvnw -B -ntp -DskipTests package
RUN for service in command-service query-service; do \
        java -Djarmode=tools -jar "$service/target/$service-"*.jar extract --layers --launcher --destination "/layers/$service"; \
    done

FROM eclipse-temurin:21-jre AS runtime
RUN useradd --system --home-dir /app --no-create-home --shell /usr/sbin/nologin app
COPY --chmod=755 deploy/docker/healthcheck.sh /usr/local/bin/healthcheck
WORKDIR /app
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true
USER app
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 CMD ["healthcheck"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]

FROM runtime AS command-service
ENV SERVER_PORT=8080
EXPOSE 8080
COPY --from=build /layers/command-service/dependencies/ ./
COPY --from=build /layers/command-service/spring-boot-loader/ ./
COPY --from=build /layers/command-service/snapshot-dependencies/ ./
COPY --from=build /layers/command-service/application/ ./

FROM runtime AS query-service
ENV SERVER_PORT=8081
EXPOSE 8081
COPY --from=build /layers/query-service/dependencies/ ./
COPY --from=build /layers/query-service/spring-boot-loader/ ./
COPY --from=build /layers/query-service/snapshot-dependencies/ ./
COPY --from=build /layers/query-service/application/ ./
