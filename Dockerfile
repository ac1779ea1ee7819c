# syntax=docker/dockerfile:1
# The Nova Platform image: the production jar (extracted) on a JRE, as a non-root user (uid 10001) that the Helm chart
# runs with a read-only root filesystem. Build from the repository root:
#   docker build -t registry.example.com/nova/nova-platform:0.1.0 .
# The build includes the console in Vaadin's production mode (its prebuilt bundle from Maven Central; no Node or
# npm). MAVEN_ARGS adds Maven options, e.g. --build-arg MAVEN_ARGS=-o for an offline build from a warm cache.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
ARG MAVEN_ARGS=""
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY db/ db/
COPY platform-core/ platform-core/
COPY platform-k8s/ platform-k8s/
COPY platform-vault/ platform-vault/
COPY platform-ui/ platform-ui/
COPY platform-app/ platform-app/
# The build extracts the executable jar into platform-app/target/nova-platform/ (nova-platform.jar and lib/): plain jars
# start faster and can be covered by a class-data archive (docs/operations.md#start-up).
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests ${MAVEN_ARGS} package \
    && cp -r platform-app/target/nova-platform /nova-platform

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 nova \
    && useradd --system --uid 10001 --gid nova --home-dir /var/lib/nova --no-create-home --shell /usr/sbin/nologin nova \
    && mkdir -p /var/lib/nova /opt/nova \
    && chown nova:nova /var/lib/nova
COPY --from=build /nova-platform/ /opt/nova/
# NOVA_DATA_DIR: GitOps working clones (and the local repository, the embedded database when no database is set).
# The heap follows the container's memory limit; an OutOfMemoryError ends the process so that it is restarted.
ENV NOVA_DATA_DIR=/var/lib/nova \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
USER 10001:10001
WORKDIR /var/lib/nova
EXPOSE 8080
# Class-data sharing: the first start of a container without a valid archive in the data dir writes it when it stops;
# later starts on that data dir (a restarted container, a persistent volume) map it and are ready about twice as fast.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/var/lib/nova/nova-platform.jsa", "-XX:+AutoCreateSharedArchive", \
    "-Xlog:cds=off", "-jar", "/opt/nova/nova-platform.jar"]
