#!/usr/bin/env bash
# setup-postgres.sh: a local PostgreSQL 15 server with pgvector, without Docker.
#
# This is the documented way to get a warehouse server for RevOps Workbench on Debian/Ubuntu (and what CI
# runs). It is idempotent: a second run checks everything, changes nothing and takes about a second; it is
# also how you start the server again after a reboot.
#
#   sudo scripts/setup-postgres.sh            # install, build pgvector if needed, init, start, create role
#   sudo scripts/setup-postgres.sh status     # is it running? (prints the URL with the password hidden)
#   sudo scripts/setup-postgres.sh stop       # stop the server (data is kept)
#   export DATABASE_URL="$(cat /var/lib/revops-pg/url)"       # use it for the app ...
#   export TEST_DATABASE_URL="$(cat /var/lib/revops-pg/url)"  # ... or for the test suite
#
# Root is needed (apt, `make install` into the server's directories, running the server as `postgres`):
# a developer runs it with sudo; pass settings through sudo, e.g. `sudo REVOPS_PG_PORT=54330 scripts/...`.
# When run through sudo, the URL file is handed to the invoking user so `cat` works without sudo.
#
# What it does:
#   1. apt: postgresql-$REVOPS_PG_MAJOR (pg_trgm ships in it; postgresql-contrib-NN is only a virtual name).
#   2. pgvector: skipped when vector.control exists for that server. Otherwise the binary package
#      postgresql-NN-pgvector if apt has one (Ubuntu 24.04, PGDG); else (Debian bookworm has none) Debian
#      trixie's *source* package: a `deb-src` line (never `deb`: no trixie binaries can sneak in) in
#      /etc/apt/sources.list.d/revops-trixie-src.list, `apt-get source pgvector=0.8.0-1`, built with
#      postgresql-server-dev-NN pinned to the installed server's version, `make install`.
#   3. A cluster of its own in $REVOPS_PG_DIR/data (initdb -E UTF8 --locale=C.UTF-8, as `postgres`),
#      started with pg_ctl, listening on 127.0.0.1:$REVOPS_PG_PORT only. It does not touch, and does not
#      collide with, a system cluster on 5432.
#   4. Role `revops` (LOGIN SUPERUSER) owning database `revops`. Superuser because pgvector 0.8.0 is not
#      a trusted extension (its control file has no `trusted = true`), so only a superuser can run
#      CREATE EXTENSION vector, and the tests create one database per test file and migrate each from
#      scratch. This is a disposable local server that listens on loopback only.
#      Auth: scram-sha-256 with a random password generated here on the first run and stored only in
#      $REVOPS_PG_DIR/url (mode 0600). Not trust auth, because on a shared machine trust on 127.0.0.1
#      would let every local user in as a superuser. Nothing secret lives in the repo.
#   5. Checks, as `revops`, that CREATE EXTENSION vector / pg_trgm work (in a rolled-back transaction).
#   6. Writes the URL (postgres://revops:<password>@127.0.0.1:<port>/revops) to $REVOPS_PG_DIR/url and
#      prints it with the password hidden.
#
# Settings (environment):
#   REVOPS_PG_DIR      data, socket, log and url file                      (default /var/lib/revops-pg)
#   REVOPS_PG_PORT     TCP port on 127.0.0.1                                (default 54329)
#   REVOPS_PG_MAJOR    PostgreSQL major version (Ubuntu 24.04: 16)          (default 15)
#   REVOPS_PG_FAST=1   fsync/full_page_writes/synchronous_commit off: fast, but a machine crash can corrupt
#                      the cluster. For throw-away test servers (CI sets it). REVOPS_PG_FAST=0 switches it
#                      back; unset keeps what the cluster has (so a plain re-run never restarts it).
#   REVOPS_PGVECTOR_DEB_VERSION  trixie source version to build            (default 0.8.0-1)
#   REVOPS_DEBIAN_MIRROR         mirror for the deb-src line              (default http://deb.debian.org/debian)
#   REVOPS_APT_UPDATED=1         the caller already ran apt-get update (skips ours)
set -Eeuo pipefail
trap 'printf "[setup-postgres] ERROR: failed (exit %s) at line %s: %s\n" "$?" "$LINENO" "$BASH_COMMAND" >&2' ERR

PG_MAJOR="${REVOPS_PG_MAJOR:-15}"
PG_DIR="${REVOPS_PG_DIR:-/var/lib/revops-pg}"
PG_PORT="${REVOPS_PG_PORT:-54329}"
PG_FAST="${REVOPS_PG_FAST:-}"
PGVECTOR_DEB_VERSION="${REVOPS_PGVECTOR_DEB_VERSION:-0.8.0-1}"
DEBIAN_MIRROR="${REVOPS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
APT_UPDATED="${REVOPS_APT_UPDATED:-0}"

PG_BIN="/usr/lib/postgresql/$PG_MAJOR/bin"
DATA="$PG_DIR/data"
RUN="$PG_DIR/run"
LOG_DIR="$PG_DIR/log"
URL_FILE="$PG_DIR/url"
SRC_LIST=/etc/apt/sources.list.d/revops-trixie-src.list
DB_NAME=revops
DB_ROLE=revops

log() { printf '[setup-postgres] %s\n' "$*"; }
die() { printf '[setup-postgres] ERROR: %s\n' "$*" >&2; exit 1; }
redact() { sed -E 's#(://[^:/@]+:)[^@]*@#\1***@#'; }

export DEBIAN_FRONTEND=noninteractive

# Version of an installed package, empty when it is not installed.
installed_version() {
  { dpkg-query -W -f='${db:Status-Abbrev} ${Version}\n' "$1" 2>/dev/null || true; } | awk '$1 == "ii" { print $2 }'
}

apt_update_once() {
  if [ "$APT_UPDATED" != 1 ]; then
    log "apt-get update"
    apt-get update -qq
    APT_UPDATED=1
  fi
}

apt_install() {
  apt_update_once
  log "apt-get install $*"
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_running() { runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

# Writes $2 to file $1 only when the content differs; returns 0 when it wrote.
write_if_changed() {
  if [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; then return 1; fi
  printf '%s\n' "$2" >"$1"
  return 0
}

admin_psql() {
  runuser -u postgres -- "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -At \
    -h "$RUN" -p "$PG_PORT" -U postgres -d postgres "$@"
}

# Runs SQL from stdin as the app role over TCP; the password goes through the environment, never argv.
role_psql() {
  PGPASSWORD="$1" PGPASSFILE=/dev/null PGSSLMODE=disable "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -At \
    -h 127.0.0.1 -p "$PG_PORT" -U "$DB_ROLE" -d "$DB_NAME" -f -
}

new_password() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

step_packages() {
  local server_version
  server_version="$(installed_version "postgresql-$PG_MAJOR")"
  if [ -z "$server_version" ]; then
    apt_install "postgresql-$PG_MAJOR"
    server_version="$(installed_version "postgresql-$PG_MAJOR")"
  fi
  [ -x "$PG_BIN/initdb" ] || die "$PG_BIN/initdb missing after installing postgresql-$PG_MAJOR"
  log "postgresql-$PG_MAJOR $server_version ($PG_BIN)"
}

step_pgvector() {
  local ext_dir lib_dir
  ext_dir="$("$PG_BIN/pg_config" --sharedir)/extension"
  lib_dir="$("$PG_BIN/pg_config" --pkglibdir)"
  if [ -f "$ext_dir/vector.control" ] && [ -f "$lib_dir/vector.so" ]; then
    log "pgvector present: $(grep -E '^default_version' "$ext_dir/vector.control" | tr -d " '")"
    return
  fi
  apt_update_once
  if [ -n "$({ apt-cache policy "postgresql-$PG_MAJOR-pgvector" 2>/dev/null || true; } | awk '/Candidate:/ && $2 != "(none)" { print $2 }')" ]; then
    apt_install "postgresql-$PG_MAJOR-pgvector"
  else
    build_pgvector_from_trixie_source "$ext_dir"
  fi
  if [ ! -f "$ext_dir/vector.control" ] || [ ! -f "$lib_dir/vector.so" ]; then
    die "pgvector install finished but $ext_dir/vector.control or $lib_dir/vector.so is missing"
  fi
}

build_pgvector_from_trixie_source() {
  local server_version dev_version need=() work started=$SECONDS
  log "no binary pgvector package for PostgreSQL $PG_MAJOR: building Debian trixie source pgvector=$PGVECTOR_DEB_VERSION"
  # The headers must match the running server exactly, so pin server-dev to the server's version.
  server_version="$(installed_version "postgresql-$PG_MAJOR")"
  dev_version="$(installed_version "postgresql-server-dev-$PG_MAJOR")"
  if [ "$dev_version" != "$server_version" ]; then
    # Pin server, client and headers together: installing the headers alone lets apt pull a newer
    # libpq and, with it, upgrade the server past the headers.
    local trio=("postgresql-$PG_MAJOR=$server_version" "postgresql-client-$PG_MAJOR=$server_version"
      "postgresql-server-dev-$PG_MAJOR=$server_version")
    if ! apt-get install -s -qq "${trio[@]}" >/dev/null 2>&1; then
      # The archive no longer has headers for the installed (older) server: move all three to the
      # current version (a minor update: same on-disk format, and it carries the security fixes).
      server_version="$({ apt-cache policy "postgresql-server-dev-$PG_MAJOR" || true; } | awk '/Candidate:/ { print $2 }')"
      if [ -z "$server_version" ] || [ "$server_version" = "(none)" ]; then
        die "apt has no postgresql-server-dev-$PG_MAJOR; cannot build pgvector"
      fi
      log "headers for the installed server are not installable: updating server and headers to $server_version"
      trio=("postgresql-$PG_MAJOR=$server_version" "postgresql-client-$PG_MAJOR=$server_version"
        "postgresql-server-dev-$PG_MAJOR=$server_version")
    fi
    need+=("${trio[@]}")
  fi
  [ -n "$(installed_version dpkg-dev)" ] || need+=(dpkg-dev)
  [ -n "$(installed_version build-essential)" ] || need+=(build-essential)
  [ -n "$(installed_version debian-archive-keyring)" ] || need+=(debian-archive-keyring)
  [ ${#need[@]} -eq 0 ] || apt_install "${need[@]}"
  server_version="$(installed_version "postgresql-$PG_MAJOR")"
  dev_version="$(installed_version "postgresql-server-dev-$PG_MAJOR")"
  [ "$dev_version" = "$server_version" ] ||
    die "postgresql-server-dev-$PG_MAJOR $dev_version does not match the server $server_version"
  log "building against postgresql-server-dev-$PG_MAJOR $dev_version"

  # Source only (deb-src): nothing from trixie can be installed as a binary by this line.
  if write_if_changed "$SRC_LIST" \
    "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $DEBIAN_MIRROR trixie main"; then
    log "wrote $SRC_LIST"
  fi
  log "apt-get update ($SRC_LIST only)"
  apt-get update -qq -o Dir::Etc::sourcelist="$SRC_LIST" -o Dir::Etc::sourceparts=- \
    -o APT::Get::List-Cleanup=0

  work="$(mktemp -d /tmp/revops-pgvector.XXXXXX)"
  # shellcheck disable=SC2064 # expand now: the path is fixed
  trap "rm -rf '$work'" EXIT
  # apt downloads as _apt; letting it write here avoids the "unsandboxed as root" warning.
  if id _apt >/dev/null 2>&1; then chown _apt "$work"; fi
  (cd "$work" && apt-get source -qq "pgvector=$PGVECTOR_DEB_VERSION" >/dev/null) ||
    die "apt-get source pgvector=$PGVECTOR_DEB_VERSION failed; see 'apt-cache showsrc pgvector' for versions and set REVOPS_PGVECTOR_DEB_VERSION"
  local src
  src="$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)"
  [ -n "$src" ] || die "apt-get source produced no pgvector-* directory in $work"
  # OPTFLAGS="" as Debian's own build does: no -march=native, so the library runs on any x86-64/arm64.
  make -s -C "$src" -j "$(nproc)" PG_CONFIG="$PG_BIN/pg_config" OPTFLAGS="" >/dev/null
  make -s -C "$src" install PG_CONFIG="$PG_BIN/pg_config" OPTFLAGS="" >/dev/null
  rm -rf "$work"
  trap - EXIT
  log "pgvector built and installed in $((SECONDS - started))s"
}

step_cluster() {
  local conf hba changed_conf=0 changed_hba=0
  install -d -m 0755 "$PG_DIR"
  install -d -o postgres -g postgres -m 0700 "$DATA"
  install -d -o postgres -g postgres -m 0755 "$RUN" "$LOG_DIR"

  if [ ! -s "$DATA/PG_VERSION" ]; then
    log "initdb $DATA"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=peer --auth-host=scram-sha-256 >"$LOG_DIR/initdb.log" 2>&1 ||
      die "initdb failed; see $LOG_DIR/initdb.log"
    printf "\n# RevOps Workbench settings (written by scripts/setup-postgres.sh)\ninclude_if_exists = 'revops.conf'\n" \
      >>"$DATA/postgresql.conf"
  fi
  [ "$(cat "$DATA/PG_VERSION")" = "$PG_MAJOR" ] ||
    die "$DATA holds a PostgreSQL $(cat "$DATA/PG_VERSION") cluster, not $PG_MAJOR; use another REVOPS_PG_DIR"

  conf="# Written by scripts/setup-postgres.sh on every run; edit the script's settings, not this file.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$RUN'
password_encryption = 'scram-sha-256'
max_connections = 200"
  if [ -z "$PG_FAST" ]; then
    if grep -qx 'fsync = off' "$DATA/revops.conf" 2>/dev/null; then PG_FAST=1; else PG_FAST=0; fi
  fi
  if [ "$PG_FAST" = 1 ]; then
    conf+="
# REVOPS_PG_FAST=1: throw-away test server, durability traded for speed.
fsync = off
full_page_writes = off
synchronous_commit = off"
  fi
  # Only the superuser over the socket (peer: OS user postgres); everyone else by password over loopback.
  hba="# Written by scripts/setup-postgres.sh on every run.
local all postgres peer
host  all all 127.0.0.1/32 scram-sha-256"
  if write_if_changed "$DATA/revops.conf" "$conf"; then changed_conf=1; fi
  if write_if_changed "$DATA/pg_hba.conf" "$hba"; then changed_hba=1; fi
  chown postgres:postgres "$DATA/revops.conf" "$DATA/pg_hba.conf"

  if pg_running; then
    if [ $changed_conf = 1 ]; then
      log "settings changed: restarting"
      runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG_DIR/postgres.log" -w -t 60 -m fast restart >/dev/null ||
        die "restart failed; last log lines:
$(tail -n 20 "$LOG_DIR/postgres.log")"
    elif [ $changed_hba = 1 ]; then
      runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA" reload >/dev/null
    fi
    log "server running on 127.0.0.1:$PG_PORT"
  else
    log "starting server on 127.0.0.1:$PG_PORT"
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG_DIR/postgres.log" -w -t 60 start >/dev/null ||
      die "server did not start (port $PG_PORT taken? set REVOPS_PG_PORT); last log lines:
$(tail -n 20 "$LOG_DIR/postgres.log")"
  fi
}

step_role_and_database() {
  local password="" url
  if [ "$(admin_psql -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_ROLE'")" != 1 ]; then
    password="$(new_password)"
    log "creating role $DB_ROLE"
    printf "CREATE ROLE %s LOGIN SUPERUSER PASSWORD '%s';\n" "$DB_ROLE" "$password" | admin_psql -f -
  elif [ "$(admin_psql -c "SELECT rolcanlogin AND rolsuper FROM pg_roles WHERE rolname = '$DB_ROLE'")" != t ]; then
    log "granting LOGIN SUPERUSER to $DB_ROLE"
    admin_psql -c "ALTER ROLE $DB_ROLE LOGIN SUPERUSER"
  fi
  if [ "$(admin_psql -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]; then
    log "creating database $DB_NAME"
    admin_psql -c "CREATE DATABASE $DB_NAME OWNER $DB_ROLE"
  fi

  # Keep the stored password when it still works, so a re-run changes nothing.
  if [ -z "$password" ] && [ -f "$URL_FILE" ]; then
    password="$(sed -nE 's#^postgres://[^:]+:([^@]*)@.*#\1#p' "$URL_FILE")"
    if [ -n "$password" ] && ! echo 'SELECT 1' | role_psql "$password" >/dev/null 2>&1; then password=""; fi
  fi
  if [ -z "$password" ]; then
    password="$(new_password)"
    log "setting a new password for $DB_ROLE (none stored, or the stored one no longer works)"
    printf "ALTER ROLE %s PASSWORD '%s';\n" "$DB_ROLE" "$password" | admin_psql -f -
  fi

  url="postgres://$DB_ROLE:$password@127.0.0.1:$PG_PORT/$DB_NAME"
  if [ ! -f "$URL_FILE" ] || [ "$(cat "$URL_FILE")" != "$url" ]; then
    (umask 077 && printf '%s\n' "$url" >"$URL_FILE")
    log "wrote $URL_FILE"
  fi
  if [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then chown "$SUDO_USER" "$URL_FILE"; fi
  chmod 0600 "$URL_FILE"
  ROLE_PASSWORD="$password"
}

step_check_extensions() {
  local out
  # Rolled back: proves the extensions load for the app role without leaving anything behind.
  out="$(role_psql "$ROLE_PASSWORD" <<'SQL'
BEGIN;
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
SELECT ('[1,2,3]'::vector <-> '[1,2,4]')::text || ' ' || (similarity('revops', 'revop') > 0)::text;
ROLLBACK;
SQL
)" || die "CREATE EXTENSION vector/pg_trgm failed for role $DB_ROLE"
  [ "$out" = "1 true" ] || die "extension check returned '$out', expected '1 true'"
  log "checked as $DB_ROLE: CREATE EXTENSION vector, pg_trgm; '[1,2,3]'::vector <-> '[1,2,4]' = 1"
}

cmd_setup() {
  local started=$SECONDS
  step_packages
  step_pgvector
  step_cluster
  step_role_and_database
  step_check_extensions
  log "ready in $((SECONDS - started))s"
  echo "DATABASE_URL=$(redact <"$URL_FILE")"
  echo "The full URL (with password) is in $URL_FILE:"
  echo "  export DATABASE_URL=\"\$(cat $URL_FILE)\"       # the app"
  echo "  export TEST_DATABASE_URL=\"\$(cat $URL_FILE)\"  # the test suite"
}

cmd_status() {
  if [ -x "$PG_BIN/pg_ctl" ] && [ -s "$DATA/PG_VERSION" ] && pg_running; then
    log "running: $DATA on 127.0.0.1:$PG_PORT"
    if [ -f "$URL_FILE" ]; then echo "DATABASE_URL=$(redact <"$URL_FILE")"; fi
  else
    log "not running ($DATA)"
    exit 3
  fi
}

cmd_stop() {
  if [ -s "$DATA/PG_VERSION" ] && pg_running; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA" -w -t 60 -m fast stop >/dev/null
    log "stopped"
  else
    log "not running"
  fi
}

case "${1:-setup}" in
  setup | status | stop) ;;
  -h | --help | help) sed -n '2,/^set -Eeuo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown command '$1' (setup | status | stop | help)" ;;
esac
[ "$(id -u)" = 0 ] || die "needs root (apt, make install, runs the server as user postgres): sudo $0${1:+ $1}"
command -v runuser >/dev/null || die "runuser (util-linux) not found"
case "${1:-setup}" in
  setup) cmd_setup ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
esac
