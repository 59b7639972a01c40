#!/usr/bin/env bash
# The training run of the JDK AOT cache (JDK 25+), made with the JVM that will use the cache: starts the packaged
# function with -XX:AOTCacheOutput, waits until /q/health/ready answers 200, sends one "image stored" CloudEvent
# per photo (real events over HTTP, as the Broker would), and stops it; at exit the JVM writes the cache. Used by
# src/main/docker/Dockerfile.jvm; needs only bash (no curl in the image).
#
#   src/main/docker/aot-train.sh APP_DIR PHOTOS_DIR CACHE_FILE [JVM options...]
#
# APP_DIR:    the quarkus-app folder of a -Paot build (aot-jar layout: every class on the JVM's class path, which
#             is what the cache can hold), run from where it will run: the cache names the class path's files.
# PHOTOS_DIR: the photos to send (copied into a local store in a temporary folder).
# CACHE_FILE: the cache to write (app.aot).
# JVM options: those of the deployment (JAVA_OPTS); a cache is used only under compatible options.
set -euo pipefail

app=${1:?usage: $0 APP_DIR PHOTOS_DIR CACHE_FILE [JVM options...]}
photos=${2:?usage: $0 APP_DIR PHOTOS_DIR CACHE_FILE [JVM options...]}
cache=${3:?usage: $0 APP_DIR PHOTOS_DIR CACHE_FILE [JVM options...]}
shift 3
port=${AOT_TRAIN_PORT:-8089}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
mkdir -p "$store/photos"
cp "$photos"/* "$store/photos/"

"$java" -XX:AOTCacheOutput="$cache" "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
  -Danonymizer.storage.type=local -Danonymizer.storage.local.root="$store" -jar "$app/quarkus-run.jar" &
pid=$!

# request METHOD PATH [JSON]: prints the response's status line
request() {
  local body=${3:-}
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf '%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nce-specversion: 1.0\r\nce-id: aot-train-%s\r\nce-source: /aot-train\r\nce-type: dev.anonymizer.image.stored\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' \
    "$1" "$2" "$RANDOM$RANDOM" "${#body}" "$body" >&3
  head -n1 <&3
  exec 3<&-
}

for _ in $(seq 1 600); do
  kill -0 "$pid" 2>/dev/null || { echo "aot-train: the function exited during start-up" >&2; exit 1; }
  if request GET /q/health/ready 2>/dev/null | grep -q ' 200 '; then
    break
  fi
  sleep 0.2
done
request GET /q/health/ready | grep -q ' 200 ' || { echo "aot-train: not ready within 120 s" >&2; exit 1; }

sent=0
for f in "$store"/photos/*; do
  key=$(basename "$f")
  request POST / "{\"bucket\":\"photos\",\"key\":\"$key\"}" | grep -q ' 200 ' \
    || { echo "aot-train: the event for $key was not answered with 200" >&2; kill "$pid"; exit 1; }
  sent=$((sent + 1))
done
request GET / >/dev/null
request GET /q/metrics >/dev/null

# SIGTERM, as Kubernetes stops a pod: the JVM shuts down and writes the cache on its way out (exit status 143)
kill -TERM "$pid"
wait "$pid" || true
[[ -s "$cache" ]] || { echo "aot-train: no cache written to $cache" >&2; exit 1; }
echo "aot-train: $sent events; cache $cache ($(du -h "$cache" | cut -f1))"
