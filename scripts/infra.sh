#!/usr/bin/env bash
# Local infrastructure for Hookport development and CI: PostgreSQL (Debian packages),
# Apache Kafka (single KRaft node, jars from Maven Central, run on the machine's Java) and
# Chromium (Debian package) for browser tests. Loopback only, no Docker.
#
#   scripts/infra.sh up | down | status | env
#   scripts/infra.sh restart-kafka | restart-postgres | kill-kafka | kill-postgres
#
# See scripts/infra.md for paths, ports and environment overrides.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
INFRA_DIR="${HOOKPORT_INFRA_DIR:-$REPO_ROOT/.infra}"

PG_PORT="${HOOKPORT_PG_PORT:-54329}"
KAFKA_PORT="${HOOKPORT_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${HOOKPORT_KAFKA_CONTROLLER_PORT:-19093}"
# Kafka 4.x (KRaft only). KafkaJS 2.2.4 was checked against it: it negotiates only protocol
# versions 4.x still serves (KIP-896), see scripts/infra.md. 3.9.x still works when asked for
# (HOOKPORT_KAFKA_VERSION=3.9.1): the two lines differ only in their logging (below).
KAFKA_VERSION="${HOOKPORT_KAFKA_VERSION:-4.4.0}"
case "$KAFKA_VERSION" in
  3.*) KAFKA_LOGGING=log4j1 ;; # slf4j 1.7 onto log4j 1 (reload4j)
  *) KAFKA_LOGGING=log4j2 ;;   # 4.x: slf4j 1.7 onto log4j2
esac
SLF4J_VERSION=1.7.36 # the slf4j and reload4j versions Kafka 3.9 is built against
RELOAD4J_VERSION=1.2.25
LOG4J2_VERSION=2.25.5 # what Kafka 4.4 pulls (4.2: 2.25.3); pinned so all log4j2 jars match
KAFKA_START_TIMEOUT="${HOOKPORT_KAFKA_START_TIMEOUT:-120}"
PG_START_TIMEOUT="${HOOKPORT_PG_START_TIMEOUT:-60}"

KAFKA_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/hookport/kafka-$KAFKA_VERSION"
KAFKA_LIBS="$KAFKA_CACHE/libs"
KAFKA_LIBS_STAMP="$KAFKA_CACHE/libs.complete"
KAFKA_DIR="$INFRA_DIR/kafka"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_PID="$KAFKA_DIR/kafka.pid"
KAFKA_LOG="$KAFKA_DIR/kafka.log"
KAFKA_PROPS="$KAFKA_DIR/server.properties"

CHROMIUM_BIN=/usr/bin/chromium

LOCAL_DATABASE_URL="postgres://hookport@127.0.0.1:$PG_PORT/hookport"
LOCAL_KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"

# DATABASE_URL / KAFKA_BROKERS pointing elsewhere mean "use that, start nothing". Equal to our
# own addresses they mean nothing: callers `eval "$(scripts/infra.sh env)"` and then still
# expect restart-kafka & co. to manage the local services.
external_pg() { [[ -n "${DATABASE_URL:-}" && "$DATABASE_URL" != "$LOCAL_DATABASE_URL" ]]; }
external_kafka() { [[ -n "${KAFKA_BROKERS:-}" && "$KAFKA_BROKERS" != "$LOCAL_KAFKA_BROKERS" ]]; }
# HOOKPORT_SKIP_POSTGRES=1: this state dir has no Postgres of its own; nothing installs, starts,
# stops or checks one (e.g. a second Kafka beside a running setup, sharing that setup's Postgres).
skip_pg() { [[ "${HOOKPORT_SKIP_POSTGRES:-0}" == 1 ]]; }

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------

# True when something accepts TCP connections on 127.0.0.1:$1 (bash's /dev/tcp, no extra tools).
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# True when $1 is a live process whose command line contains $2. Guards against stale pid files
# after a machine restart, when the recorded pid may now belong to an unrelated process.
pid_matches() {
  local pid="$1" needle="$2"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$needle"
}

# Wall-clock stamps in microseconds (bash 5's EPOCHREALTIME): SECONDS is too coarse to show
# that a no-op `up` takes a tenth of a second.
now_us() { echo "${EPOCHREALTIME//[.,]/}"; }
elapsed() { local d=$(($(now_us) - $1)); printf '%d.%ds' $((d / 1000000)) $((d / 100000 % 10)); }

# apt-get update runs at most once per invocation, and only when something is missing.
APT_UPDATED=0
apt_install() {
  [[ $EUID -eq 0 ]] || die "need root to apt-get install $*; install it yourself or run as root"
  export DEBIAN_FRONTEND=noninteractive
  if [[ $APT_UPDATED -eq 0 ]]; then
    log "apt-get update"
    apt-get update
    APT_UPDATED=1
  fi
  log "apt-get install -y $*"
  # No -q: downloads of chromium & co. are large, the progress lines are wanted.
  apt-get install -y --no-install-recommends "$@"
}

# One lock per state dir, so parallel `up`s (e.g. several CI steps) do not race each other.
# Daemons must be started with `9>&-`: a broker or postmaster inheriting fd 9 would hold the
# lock for its whole life and block every later command.
take_lock() {
  mkdir -p "$INFRA_DIR"
  exec 9>"$INFRA_DIR/.lock"
  flock 9
}

# ---------------------------------------------------------------------------------------------
# Packages: one apt round for everything that is missing on a fresh machine
# ---------------------------------------------------------------------------------------------

find_pg_bin() {
  # Debian keeps the server tools off PATH, in /usr/lib/postgresql/<major>/bin; take the newest.
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  if [[ -n "$d" && -x "$d/initdb" ]]; then echo "$d"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v initdb)")"; fi
}

ensure_packages() {
  local want=()
  if ! external_pg && ! skip_pg && [[ -z "$(find_pg_bin)" ]]; then want+=(postgresql); fi
  if ! external_kafka; then
    command -v java >/dev/null 2>&1 || want+=(openjdk-17-jre-headless)
    # Maven is needed only until the Kafka jars are cached.
    if ! kafka_libs_ready && ! command -v mvn >/dev/null 2>&1; then want+=(maven); fi
  fi
  if [[ "${HOOKPORT_SKIP_CHROMIUM:-0}" != 1 && ! -x "$CHROMIUM_BIN" ]]; then want+=(chromium); fi
  if ((${#want[@]})); then apt_install "${want[@]}"; fi
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------
# Postgres refuses to run as root. As root we run it as `postgres` (or a created `hookport-pg`)
# and keep its files under /var/lib/hookport-infra/<hash of the state dir>, because the repo may
# sit under a directory (/root, a 0700 /tmp dir...) that user cannot traverse. .infra/pg is a
# symlink to it for discoverability. As a normal user, everything stays in .infra/pg.

pg_setup_vars() {
  PG_BIN="$(find_pg_bin)"
  if [[ $EUID -eq 0 ]]; then
    local hash
    hash="$(printf '%s' "$(realpath -m "$INFRA_DIR")" | sha256sum | cut -c1-12)"
    PG_ROOT="${HOOKPORT_PG_DIR:-/var/lib/hookport-infra/$hash}"
  else
    PG_ROOT="${HOOKPORT_PG_DIR:-$INFRA_DIR/pg}"
  fi
  PG_DATA="$PG_ROOT/data"
  PG_SOCK="$PG_ROOT/sock"
  PG_LOG="$PG_ROOT/postgres.log"
}

pg_pick_user() {
  if [[ $EUID -ne 0 ]]; then PG_USER="$(id -un)"; return; fi
  if id postgres >/dev/null 2>&1; then
    PG_USER=postgres
  else
    if ! id hookport-pg >/dev/null 2>&1; then
      log "creating system user hookport-pg (postgres will not run as root)"
      useradd --system --home-dir /var/lib/hookport-infra --no-create-home \
        --shell /usr/sbin/nologin hookport-pg
    fi
    PG_USER=hookport-pg
  fi
}

# Run a Postgres tool as the Postgres user, from / so a cwd it cannot read causes no warnings.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u "$PG_USER" -- "$@")
  else
    "$@"
  fi
}

# -U/-d name a real role: pg_isready's default (the OS user) makes the server log a FATAL.
pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U hookport -d postgres -t 2 >/dev/null 2>&1; }

pg_pid() { [[ -f "$PG_DATA/postmaster.pid" ]] && head -n1 "$PG_DATA/postmaster.pid" || true; }

pg_running() { pid_matches "$(pg_pid)" "$PG_DATA" && pg_ready; }

pg_init() {
  # Our own stamp, written after initdb succeeded: a data dir without it is a half-made cluster.
  if [[ -f "$PG_ROOT/initdb.done" ]]; then return; fi
  log "postgres: initdb in $PG_DATA (user $PG_USER)"
  mkdir -p "$PG_ROOT"
  if [[ $EUID -eq 0 ]]; then chown "$PG_USER:" "$PG_ROOT"; fi
  chmod 700 "$PG_ROOT"
  as_pg rm -rf "$PG_DATA"
  as_pg mkdir -p "$PG_SOCK"
  # Trust on local socket and loopback: a throwaway test cluster, never exposed off 127.0.0.1.
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U hookport --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$PG_ROOT/initdb.log" 2>&1 || { cat "$PG_ROOT/initdb.log" >&2; die "initdb failed"; }
  # Our settings live in hookport.conf (rewritten on every start); included last so they win.
  as_pg sh -c "echo \"include 'hookport.conf'\" >> '$PG_DATA/postgresql.conf'"
  as_pg touch "$PG_ROOT/initdb.done"
}

pg_write_conf() {
  as_pg tee "$PG_DATA/hookport.conf" >/dev/null <<EOF
# Written by scripts/infra.sh on every start; edit the script, not this file.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
max_connections = 300
shared_buffers = 256MB
# Crash-safety tests rely on real durability: keep fsync and full page writes on.
fsync = on
synchronous_commit = on
full_page_writes = on
# Where the database time goes, per statement (CREATE EXTENSION pg_stat_statements to read it).
shared_preload_libraries = 'pg_stat_statements'
EOF
}

pg_start() {
  pg_setup_vars
  [[ -n "$PG_BIN" ]] || die "PostgreSQL server binaries not found (apt-get install -y postgresql)"
  pg_pick_user
  if pg_running; then
    log "postgres: already up on 127.0.0.1:$PG_PORT (pid $(pg_pid))"
    pg_ensure_db
    return
  fi
  if pid_matches "$(pg_pid)" "$PG_DATA"; then
    # Ours but not answering yet: still starting or in crash recovery. Wait, do not restart.
    log "postgres: pid $(pg_pid) running, waiting for it to accept connections"
    pg_wait_ready
    pg_ensure_db
    return
  fi
  if port_open "$PG_PORT"; then
    die "port $PG_PORT is taken by another process (not our postgres): $(ss -ltnpH "sport = :$PG_PORT" 2>/dev/null || true)"
  fi
  local t0; t0=$(now_us)
  pg_init
  if [[ $EUID -eq 0 && ! -e "$INFRA_DIR/pg" ]]; then ln -sfn "$PG_ROOT" "$INFRA_DIR/pg"; fi
  # A postmaster.pid left by a machine restart can name a pid now used by another process, which
  # postgres would take for a live server and refuse to start: drop it unless that pid is a
  # postmaster on this data dir (pg_ctl starts it with -D <data dir>).
  if [[ -f "$PG_DATA/postmaster.pid" ]] && ! pid_matches "$(pg_pid)" "$PG_DATA"; then
    log "postgres: removing stale postmaster.pid"
    as_pg rm -f "$PG_DATA/postmaster.pid"
  fi
  pg_write_conf
  log "postgres: starting on 127.0.0.1:$PG_PORT (log $PG_LOG)"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$PG_START_TIMEOUT" start >/dev/null 9>&-; then
    tail -n 30 "$PG_LOG" >&2 || true
    die "postgres did not start (log: $PG_LOG)"
  fi
  pg_wait_ready
  pg_ensure_db
  log "postgres: up in $(elapsed "$t0") (pid $(pg_pid))"
}

pg_wait_ready() {
  local i
  for ((i = 0; i < PG_START_TIMEOUT; i++)); do pg_ready && return; sleep 1; done
  tail -n 30 "$PG_LOG" >&2 || true
  die "postgres not ready after ${PG_START_TIMEOUT}s (log: $PG_LOG)"
}

pg_ensure_db() {
  local psql=("$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U hookport -d postgres -tA)
  if [[ "$("${psql[@]}" -c "select 1 from pg_database where datname = 'hookport'")" != 1 ]]; then
    log "postgres: creating database hookport"
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U hookport -O hookport hookport
  fi
}

pg_stop() { # $1: pg_ctl shutdown mode (fast = clean, immediate = crash-like)
  pg_setup_vars
  [[ -n "$PG_BIN" && -f "$PG_DATA/postmaster.pid" ]] || { log "postgres: not running"; return; }
  pg_pick_user
  if ! pid_matches "$(pg_pid)" "$PG_DATA"; then
    log "postgres: not running (stale postmaster.pid)"
    return
  fi
  log "postgres: stopping (-m $1)"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m "$1" -w -t 60 stop >/dev/null
}

pg_status() {
  if skip_pg; then echo "postgres: skipped (HOOKPORT_SKIP_POSTGRES=1)"; return 0; fi
  if external_pg; then
    # psql (client package) ships pg_isready on PATH; the server package has it too.
    local isready
    isready="$(command -v pg_isready || echo "$(find_pg_bin)/pg_isready")"
    if [[ ! -x "$isready" ]]; then echo "postgres: external (DATABASE_URL), not checked: no pg_isready"; return 0; fi
    if "$isready" -q -d "$DATABASE_URL" -t 2; then echo "postgres: external, reachable (DATABASE_URL)"; return 0; fi
    echo "postgres: external, NOT reachable (DATABASE_URL)"; return 1
  fi
  pg_setup_vars
  if [[ -z "$PG_BIN" ]]; then echo "postgres: not installed"; return 1; fi
  if pg_running; then
    echo "postgres: up on 127.0.0.1:$PG_PORT (pid $(pg_pid), data $PG_DATA)"
  else
    echo "postgres: down (data $PG_DATA)"; return 1
  fi
}

# ---------------------------------------------------------------------------------------------
# Kafka
# ---------------------------------------------------------------------------------------------

# The logging jars of the pom: Kafka's artifacts name only the API (slf4j 1.7, plus log4j2's API
# and core on 4.x); the binding, which its distribution ships in libs/, is ours to add.
kafka_pom_logging() {
  if [[ $KAFKA_LOGGING == log4j1 ]]; then
    cat <<EOF
    <dependency><!-- Kafka 3.9 logs through slf4j 1.7 onto log4j 1 (reload4j) -->
      <groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>$SLF4J_VERSION</version>
    </dependency>
    <dependency><!-- the reload4j Kafka 3.9 ships, newer than the one slf4j-reload4j names -->
      <groupId>ch.qos.reload4j</groupId><artifactId>reload4j</artifactId><version>$RELOAD4J_VERSION</version>
    </dependency>
EOF
  else
    # Kafka 4.x still logs through slf4j-api 1.7.36, so the binding is log4j-slf4j-impl (for
    # slf4j 1.x), not log4j-slf4j2-impl, which slf4j 1.7 would not find (it would log nothing).
    # API and core named here too, so all three log4j2 jars are of one version.
    cat <<EOF
    <dependency><!-- Kafka 4.x logs through slf4j 1.7 onto log4j2 -->
      <groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>$LOG4J2_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId><artifactId>log4j-api</artifactId><version>$LOG4J2_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>$LOG4J2_VERSION</version>
    </dependency>
EOF
  fi
}

kafka_pom() {
  cat <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Throwaway project written by scripts/infra.sh: only used to resolve Kafka's runtime jars. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.hookport</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><!-- the broker, controller and StorageTool -->
      <groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version>
    </dependency>
    <dependency><!-- TopicCommand, used as the readiness probe; not the Connect runtime it drags in -->
      <groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$KAFKA_VERSION</version>
      <exclusions>
        <exclusion><groupId>org.apache.kafka</groupId><artifactId>connect-runtime</artifactId></exclusion>
        <exclusion><groupId>com.fasterxml.jackson.jaxrs</groupId><artifactId>jackson-jaxrs-json-provider</artifactId></exclusion>
      </exclusions>
    </dependency>
$(kafka_pom_logging)
  </dependencies>
  <build>
    <plugins>
      <plugin><!-- pinned: the newest plugin may want a newer Maven than Debian's 3.8 -->
        <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version>
      </plugin>
    </plugins>
  </build>
</project>
EOF
}

# The stamp holds the pom's hash: a complete download of *this* recipe, nothing less.
kafka_libs_ready() {
  [[ -f "$KAFKA_LIBS_STAMP" && "$(cat "$KAFKA_LIBS_STAMP")" == "$(kafka_pom | sha256sum | cut -c1-64)" ]]
}

# Fetch the broker's jars once into the cache (Maven's own ~/.m2 keeps the downloads too).
kafka_fetch() {
  if kafka_libs_ready; then return; fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found (apt-get install -y maven)"
  local t0; t0=$(now_us)
  mkdir -p "$KAFKA_CACHE"
  kafka_pom >"$KAFKA_CACHE/pom.xml"
  log "kafka: fetching kafka_2.13 $KAFKA_VERSION jars from Maven Central (once, then cached)"
  rm -rf "$KAFKA_LIBS.tmp"
  (cd "$KAFKA_CACHE" && mvn -B -Dstyle.color=never dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$KAFKA_LIBS.tmp") >&2 || die "mvn could not fetch the Kafka jars"
  # Swap in whole, then stamp: an interrupted download never looks complete.
  rm -rf "$KAFKA_LIBS"
  mv "$KAFKA_LIBS.tmp" "$KAFKA_LIBS"
  kafka_pom | sha256sum | cut -c1-64 >"$KAFKA_LIBS_STAMP"
  log "kafka: $(ls "$KAFKA_LIBS" | wc -l) jars cached in $KAFKA_LIBS ($(elapsed "$t0"))"
}

kafka_write_config() {
  mkdir -p "$KAFKA_DATA"
  cat >"$KAFKA_PROPS" <<EOF
# Written by scripts/infra.sh on every start; edit the script, not this file.
# One combined KRaft node (broker + controller) on loopback.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA
# A single node: every replication factor and ISR is 1.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# Fewer internal partitions than the default 50: faster first start and group coordination.
offsets.topic.num.partitions=8
transaction.state.log.num.partitions=8
num.partitions=8
auto.create.topics.enable=true
delete.topic.enable=true
# Tests start consumers constantly: do not wait 3 s for more members before the first rebalance.
group.initial.rebalance.delay.ms=0
# An idle KRaft controller appends a no-op record to its metadata log every 500 ms by default.
metadata.max.idle.interval.ms=5000
EOF
  # Broker logs go to stdout (kafka.log, rotated per start); tools log warnings only, to stderr.
  if [[ $KAFKA_LOGGING == log4j1 ]]; then
    cat >"$KAFKA_DIR/log4j.properties" <<'EOF'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.org.apache.kafka.clients=WARN
EOF
    cat >"$KAFKA_DIR/tools-log4j.properties" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
  else
    # log4j2's properties format (no extra jar, unlike YAML or JSON), same loggers and pattern.
    # No log4j2 shutdown hook: it stopped logging halfway through the broker's controlled
    # shutdown (the last lines went to a "SimpleLogger" or nowhere); the console appender
    # flushes every line, so nothing is lost without it.
    cat >"$KAFKA_DIR/log4j2.properties" <<'EOF'
status = warn
shutdownHook = disable
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
logger.clients.name = org.apache.kafka.clients
logger.clients.level = WARN
EOF
    cat >"$KAFKA_DIR/tools-log4j2.properties" <<'EOF'
status = warn
appender.stderr.type = Console
appender.stderr.name = STDERR
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stderr.ref = STDERR
EOF
  fi
}

# A Kafka CLI class on the cached jars; C1 only, since these JVMs live for seconds.
# The log configuration is named by a system property whose name depends on the log4j line.
if [[ $KAFKA_LOGGING == log4j1 ]]; then
  KAFKA_LOG_OPT="-Dlog4j.configuration=file:$KAFKA_DIR/log4j.properties"
  KAFKA_TOOL_LOG_OPT="-Dlog4j.configuration=file:$KAFKA_DIR/tools-log4j.properties"
else
  KAFKA_LOG_OPT="-Dlog4j2.configurationFile=$KAFKA_DIR/log4j2.properties"
  KAFKA_TOOL_LOG_OPT="-Dlog4j2.configurationFile=$KAFKA_DIR/tools-log4j2.properties"
fi
KAFKA_TOOL=(java -Xmx256m -XX:TieredStopAtLevel=1 "$KAFKA_TOOL_LOG_OPT" -cp "$KAFKA_LIBS/*")

kafka_pid() { [[ -f "$KAFKA_PID" ]] && cat "$KAFKA_PID" || true; }

# Our broker: the recorded pid is alive and runs kafka.Kafka with *this* state dir's config.
kafka_alive() { pid_matches "$(kafka_pid)" "$KAFKA_PROPS"; }

# The version our live broker runs, read off its classpath (.../hookport/kafka-<version>/libs/*):
# after a change of HOOKPORT_KAFKA_VERSION (or of the default) it may still be the old one.
kafka_running_version() {
  tr '\0' '\n' <"/proc/$(kafka_pid)/cmdline" 2>/dev/null \
    | sed -n 's|.*/hookport/kafka-\([^/]*\)/libs/\*$|\1|p' | head -n1 || true
}

kafka_note_version() {
  local running
  running="$(kafka_running_version)"
  if [[ -n "$running" && "$running" != "$KAFKA_VERSION" ]]; then
    log "kafka: NOTE: the running broker is $running, not $KAFKA_VERSION; 'restart-kafka' switches (data kept)"
  fi
}

kafka_format() {
  # Kafka's own meta.properties is the "formatted" stamp: format exactly once, never again,
  # so topics and offsets survive down/up.
  if [[ -f "$KAFKA_DATA/meta.properties" ]]; then return; fi
  local id
  id="$("${KAFKA_TOOL[@]}" kafka.tools.StorageTool random-uuid)"
  log "kafka: formatting storage (cluster id $id)"
  "${KAFKA_TOOL[@]}" kafka.tools.StorageTool format -t "$id" -c "$KAFKA_PROPS" >"$KAFKA_DIR/format.log" 2>&1 \
    || { cat "$KAFKA_DIR/format.log" >&2; die "kafka storage format failed"; }
  echo "$id" >"$KAFKA_DIR/cluster.id"
}

# Launch the broker detached; readiness is awaited separately (kafka_wait) so Postgres can be
# brought up while the JVM boots.
KAFKA_LAUNCHED=0
kafka_launch() {
  if kafka_alive && port_open "$KAFKA_PORT"; then
    log "kafka: already up on 127.0.0.1:$KAFKA_PORT (pid $(kafka_pid))"
    kafka_note_version
    return
  fi
  if kafka_alive; then
    # Alive but not answering: it is still booting (another up) or wedged; let kafka_wait decide.
    log "kafka: process $(kafka_pid) running, waiting for it to answer"
    KAFKA_LAUNCHED=1
    return
  fi
  rm -f "$KAFKA_PID" # stale: the process is gone (e.g. machine restart)
  local p
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if port_open "$p"; then
      die "port $p is taken by another process (not our kafka): $(ss -ltnpH "sport = :$p" 2>/dev/null || true)"
    fi
  done
  command -v java >/dev/null 2>&1 || die "java not found (apt-get install -y openjdk-17-jre-headless)"
  kafka_fetch
  kafka_write_config
  kafka_format
  if [[ -f "$KAFKA_LOG" ]]; then mv -f "$KAFKA_LOG" "$KAFKA_LOG.1"; fi
  log "kafka: starting on 127.0.0.1:$KAFKA_PORT (log $KAFKA_LOG)"
  KAFKA_T0=$(now_us)
  # setsid: own session, so the broker outlives this shell and a Ctrl-C in the caller's
  # terminal. The inner shell records its own pid and then execs java, so the pid file names
  # the JVM whether or not setsid had to fork.
  rm -f "$KAFKA_PID"
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$KAFKA_PID" \
    java -Xms256m -Xmx768m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    "$KAFKA_LOG_OPT" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_PROPS" >"$KAFKA_LOG" 2>&1 </dev/null 9>&- &
  local i
  for ((i = 0; i < 50; i++)); do [[ -s "$KAFKA_PID" ]] && break; sleep 0.1; done
  KAFKA_LAUNCHED=1
}

kafka_fail() {
  log "kafka: last lines of $KAFKA_LOG:"
  tail -n 40 "$KAFKA_LOG" >&2 2>/dev/null || true
  die "$1"
}

kafka_wait() {
  [[ $KAFKA_LAUNCHED -eq 1 ]] || return 0
  local deadline=$((SECONDS + KAFKA_START_TIMEOUT)) t0="${KAFKA_T0:-$(now_us)}"
  # Cheap check first: the listener answering.
  until port_open "$KAFKA_PORT"; do
    kafka_alive || kafka_fail "kafka exited during startup"
    ((SECONDS < deadline)) || kafka_fail "kafka not listening after ${KAFKA_START_TIMEOUT}s (pid $(kafka_pid) left running: 'up' waits again, 'down' stops it)"
    sleep 0.5
  done
  # Then the real criterion: a client can list topics (metadata loaded, broker unfenced).
  until timeout 30 "${KAFKA_TOOL[@]}" org.apache.kafka.tools.TopicCommand \
      --bootstrap-server "127.0.0.1:$KAFKA_PORT" --list >/dev/null 2>"$KAFKA_DIR/probe.err"; do
    kafka_alive || kafka_fail "kafka exited during startup"
    ((SECONDS < deadline)) || { cat "$KAFKA_DIR/probe.err" >&2; kafka_fail "kafka did not answer a topic listing within ${KAFKA_START_TIMEOUT}s"; }
    sleep 1
  done
  log "kafka: up in $(elapsed "$t0") (pid $(kafka_pid))"
}

kafka_stop() { # $1: TERM (clean) or KILL (crash)
  if ! kafka_alive; then
    rm -f "$KAFKA_PID"
    log "kafka: not running"
    return
  fi
  local pid i
  pid="$(kafka_pid)"
  if [[ "$1" == KILL ]]; then
    log "kafka: SIGKILL pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
  else
    log "kafka: stopping pid $pid (SIGTERM, controlled shutdown)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do kafka_alive || break; sleep 0.5; done
    if kafka_alive; then
      log "kafka: still alive after 30s, SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  for ((i = 0; i < 50; i++)); do kafka_alive || break; sleep 0.2; done
  kafka_alive && die "kafka pid $pid did not exit"
  rm -f "$KAFKA_PID"
}

kafka_status() {
  if external_kafka; then
    local first="${KAFKA_BROKERS%%,*}" host port
    host="${first%:*}"; port="${first##*:}"
    if timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null; then
      echo "kafka: external, reachable (KAFKA_BROKERS=$KAFKA_BROKERS)"; return 0
    fi
    echo "kafka: external, NOT reachable (KAFKA_BROKERS=$KAFKA_BROKERS)"; return 1
  fi
  if kafka_alive && port_open "$KAFKA_PORT"; then
    local running
    running="$(kafka_running_version)"
    [[ -z "$running" || "$running" == "$KAFKA_VERSION" ]] || running="$running, not the configured $KAFKA_VERSION"
    echo "kafka: up on 127.0.0.1:$KAFKA_PORT (pid $(kafka_pid), ${running:-$KAFKA_VERSION}, data $KAFKA_DATA)"
  elif kafka_alive; then
    echo "kafka: starting or wedged (pid $(kafka_pid), port $KAFKA_PORT not answering)"; return 1
  else
    echo "kafka: down"; return 1
  fi
}

# ---------------------------------------------------------------------------------------------
# Chromium
# ---------------------------------------------------------------------------------------------

chromium_status() {
  if [[ "${HOOKPORT_SKIP_CHROMIUM:-0}" == 1 ]]; then echo "chromium: skipped (HOOKPORT_SKIP_CHROMIUM=1)"; return 0; fi
  if [[ -x "$CHROMIUM_BIN" ]]; then
    echo "chromium: installed ($("$CHROMIUM_BIN" --version 2>/dev/null | head -n1 || echo "$CHROMIUM_BIN"))"
  else
    echo "chromium: missing"; return 1
  fi
}

# ---------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------

cmd_env() {
  printf 'export DATABASE_URL=%q\n' "${DATABASE_URL:-$LOCAL_DATABASE_URL}"
  printf 'export KAFKA_BROKERS=%q\n' "${KAFKA_BROKERS:-$LOCAL_KAFKA_BROKERS}"
}

cmd_up() {
  local t0; t0=$(now_us)
  take_lock
  ensure_packages
  if external_kafka; then log "kafka: KAFKA_BROKERS set, using $KAFKA_BROKERS"; else kafka_launch; fi
  if skip_pg; then
    log "postgres: skipped (HOOKPORT_SKIP_POSTGRES=1)"
  elif external_pg; then
    log "postgres: DATABASE_URL set, using it"
  else
    pg_start
  fi
  if ! external_kafka; then kafka_wait; fi
  log "all up in $(elapsed "$t0"); use: eval \"\$(scripts/infra.sh env)\""
}

cmd_down() {
  take_lock
  if ! external_kafka; then kafka_stop TERM; fi
  if ! external_pg && ! skip_pg; then pg_stop fast; fi
}

cmd_status() {
  local rc=0
  pg_status || rc=1
  kafka_status || rc=1
  chromium_status || rc=1
  return $rc
}

usage() {
  cat >&2 <<'EOF'
usage: scripts/infra.sh COMMAND
  up                start (and on first use install/fetch) Postgres, Kafka, Chromium; idempotent
  down              stop Kafka (SIGTERM, then SIGKILL after 30 s) and Postgres (fast shutdown)
  status            print each component's state; exit 0 only if all are up
  env               print export lines: eval "$(scripts/infra.sh env)"
  restart-kafka     stop Kafka cleanly, start it again
  restart-postgres  stop Postgres (fast), start it again
  kill-kafka        SIGKILL the broker (crash-safety tests); `up` brings it back
  kill-postgres     immediate shutdown, i.e. crash recovery on next start; `up` brings it back
EOF
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) cmd_env ;;
  restart-kafka)
    ! external_kafka || die "KAFKA_BROKERS points elsewhere: not managing Kafka"
    take_lock; kafka_stop TERM; kafka_launch; kafka_wait ;;
  restart-postgres)
    ! external_pg || die "DATABASE_URL points elsewhere: not managing Postgres"
    ! skip_pg || die "HOOKPORT_SKIP_POSTGRES=1: not managing Postgres"
    take_lock; pg_stop fast; pg_start ;;
  kill-kafka)
    ! external_kafka || die "KAFKA_BROKERS points elsewhere: not managing Kafka"
    take_lock; kafka_stop KILL ;;
  kill-postgres)
    ! external_pg || die "DATABASE_URL points elsewhere: not managing Postgres"
    ! skip_pg || die "HOOKPORT_SKIP_POSTGRES=1: not managing Postgres"
    take_lock; pg_stop immediate ;;
  -h | --help | help) usage ;;
  *) usage; exit 2 ;;
esac
