#!/bin/sh
# Installs the sis-sync of this checkout in /opt/sis-sync (or the directory given), the same way
# for a first install and an upgrade:
#   npm ci                    # in the checkout: all dependencies, builds dist/
#   sudo deploy/install.sh    # then this
# What is installed is the package as npm would publish it (package.json "files": bin, dist,
# config, deploy, docs, the PowerSchool queries and plugin, plus README.md and package.json), so no
# folder the program reads at run time can be forgotten, with the production dependencies from
# package-lock.json. The new version is assembled beside the old one and swapped in at the end:
# a failed install leaves the installed version as it was, and the previous one stays in
# <dir>.previous for a rollback.
set -eu

checkout=$(cd "$(dirname "$0")/.." && pwd)
target=${1:-/opt/sis-sync}
staging="$target.new"

if [ ! -f "$checkout/dist/cli/program.js" ]; then
  echo "install.sh: $checkout/dist/cli/program.js is missing: run \`npm ci\` in $checkout first (it builds dist/)." >&2
  exit 1
fi

rm -rf "$staging"
mkdir -p "$staging"
# --ignore-scripts: dist/ is already built; "prepare" would build it again.
tarball=$(cd "$checkout" && npm pack --ignore-scripts --silent --pack-destination "$staging")
tar -xzf "$staging/$tarball" -C "$staging" --strip-components=1 --no-same-owner
rm "$staging/$tarball"
cp "$checkout/package-lock.json" "$staging/"

# Production dependencies only. --ignore-scripts skips this package's own "prepare" (a build
# that needs the dev tools); the one native module, better-sqlite3, is then built on its own
# (a prebuilt binary when one matches, else compiled: python3, make and g++ needed).
(cd "$staging" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3)

# Readable by the service's dynamic user whatever root's umask is; writable by root only.
chmod -R u+rwX,go+rX,go-w "$staging"

rm -rf "$target.previous"
if [ -d "$target" ]; then mv "$target" "$target.previous"; fi
mv "$staging" "$target"
echo "sis-sync $(node -p "require('$target/package.json').version") installed in $target"
