#!/usr/bin/env bash
# axe-core for the browser tests' accessibility checks (Browser.assertAccessible): the package of the given version
# from the npm registry through npm itself (its cache makes later builds work offline), and its axe.min.js and
# licence onto the tests' classpath. npm, because the Maven repository this project builds from serves no WebJar of
# axe-core (org.webjars.npm:axe-core 4.8 to 4.11 were refused, 2026-12).
#   fetch.sh VERSION CLASSES_DIR    writes CLASSES_DIR/axe-core/axe.min.js, LICENSE and VERSION
set -euo pipefail
version=$1
target=$2/axe-core
if [ -f "$target/axe.min.js" ] && [ "$(cat "$target/VERSION" 2>/dev/null)" = "$version" ]; then
    exit 0
fi
if ! command -v npm >/dev/null; then
    echo "axe-core: npm is missing; the browser tests need it to fetch axe-core (apt-get install npm; ./arena test does)" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "axe-core@$version" --prefer-offline --silent >/dev/null)
tar -xzf "$work/axe-core-$version.tgz" -C "$work" package/axe.min.js package/LICENSE
mkdir -p "$target"
cp "$work/package/axe.min.js" "$work/package/LICENSE" "$target/"
echo "$version" > "$target/VERSION"
echo "axe-core: axe.min.js $version in $target"
