#!/usr/bin/env bash
# Fetches Trino server 476 from Maven Central once into a cache outside the repository and keeps
# only what the hub's integration tests need: the Iceberg connector on local files and the HTTP
# event listener (direct Trino reads posted to the API's query audit).
#   api/trino/fetch-trino-server.sh [DEST]     DEST defaults to $CDHUB_TRINO_HOME or ~/.cache/cdhub/trino-server-476
# Prints the server directory on its last line. Safe to run twice; concurrent runs do not clash.
set -euo pipefail
VERSION=476
DEST="${1:-${CDHUB_TRINO_HOME:-$HOME/.cache/cdhub/trino-server-$VERSION}}"
URL="https://repo.maven.apache.org/maven2/io/trino/trino-server/$VERSION/trino-server-$VERSION.tar.gz"

# The marker names what was kept. Caches made before the event listener was kept carry only
# .cdhub-complete: they lack plugin/http-event-listener, so they are fetched again. A new cache
# carries both markers (it holds everything an older harness needs).
MARKER=.cdhub-complete-iceberg-http-event-listener
KEEP=(iceberg http-event-listener)

if [ -f "$DEST/$MARKER" ]; then echo "$DEST"; exit 0; fi

parent="$(dirname "$DEST")"
mkdir -p "$parent"
work="$(mktemp -d "$parent/.trino-fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "Fetching Trino server $VERSION (821 MB) from Maven Central..." >&2
curl -fsSL --retry 3 -o "$work/server.tar.gz" "$URL"
expected="$(curl -fsSL --retry 3 "$URL.sha1" | cut -c1-40)"
actual="$(sha1sum "$work/server.tar.gz" | cut -c1-40)"
if [ "$expected" != "$actual" ]; then
  echo "Cannot install Trino $VERSION: SHA-1 of the download is $actual, Maven Central says $expected" >&2
  exit 1
fi
tar -xzf "$work/server.tar.gz" -C "$work"
rm "$work/server.tar.gz"
server="$work/trino-server-$VERSION"
for plugin in "${KEEP[@]}"; do
  if [ ! -d "$server/plugin/$plugin" ]; then
    echo "Cannot install Trino $VERSION: the download has no plugin/$plugin" >&2
    exit 1
  fi
done
# only the Iceberg connector and the HTTP event listener are used; the Iceberg connector without
# HDFS (local files use Trino's native file system)
find "$server/plugin" -mindepth 1 -maxdepth 1 ! -name iceberg ! -name http-event-listener -exec rm -rf {} +
rm -rf "$server/plugin/iceberg/hdfs"
find "$server/plugin/iceberg" -maxdepth 1 \( -name 'net.snowflake_snowflake-jdbc-*.jar' -o -name 'org.rocksdb_rocksdbjni-*.jar' \) -delete
touch "$server/.cdhub-complete" "$server/$MARKER"

if [ -f "$DEST/$MARKER" ]; then echo "$DEST"; exit 0; fi   # another run finished first
# a directory without the marker was never complete, or is an older cache without the listener
if [ -e "$DEST" ]; then rm -rf "$DEST"; fi
# one rename: a concurrent run that got there first makes this fail, and its copy is as good
mv -T "$server" "$DEST" 2>/dev/null || [ -f "$DEST/$MARKER" ] || { echo "Cannot move Trino into $DEST" >&2; exit 1; }
echo "$DEST"
