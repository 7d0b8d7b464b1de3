#!/usr/bin/env bash
# Installs the Helios FHIR Server (the crate helios-hfs, R4 with SQLite) into a cache outside the clone, keyed on its
# version, when its binary is not there yet: ${XDG_CACHE_HOME:-~/.cache}/srh-fhir/helios-hfs-VERSION/bin/hfs.
# A cold build takes 20-50 minutes on two cores, so only a new machine (or a new version) pays for it.
#
#   install.sh VERSION                  build in the foreground (waits for a build already under way)
#   install.sh --background VERSION LOG start the build in the background with its output in LOG, and return at once
#
# One build at a time per version: the build holds an flock on helios-hfs-VERSION.lock beside the binary's folder
# (devstack/helios_server.py reads that lock to tell a build under way from one that failed). The crate is built
# into helios-hfs-VERSION.partial and moved into place when complete, so the binary is never seen half-written.
set -euo pipefail

if [ "${1:-}" = --background ]; then
	[ $# = 3 ] || { echo "usage: $0 --background VERSION LOG" >&2; exit 2; }
	version=$2 log=$3
else
	[ $# = 1 ] || { echo "usage: $0 VERSION | $0 --background VERSION LOG" >&2; exit 2; }
	version=$1
fi
cache=${XDG_CACHE_HOME:-$HOME/.cache}/srh-fhir
root=$cache/helios-hfs-$version
if [ -x "$root/bin/hfs" ]; then
	echo "Helios FHIR Server $version: $root/bin/hfs"
	exit 0
fi
mkdir -p "$cache"

if [ "${1:-}" = --background ]; then
	# The lock is taken here, before returning, and handed to the build on fd 9: whoever waits for the binary from
	# now on sees a build under way.
	exec 9> "$root.lock"
	if ! flock -n 9; then
		echo "==> the Helios FHIR Server $version is being built already (by another run)"
		exit 0
	fi
	mkdir -p "$(dirname "$log")"
	echo "==> cargo: building the Helios FHIR Server $version in the background (20-50 min; log: $log)"
	# Niced: the tests running meanwhile keep their pace (some measure round trips and timings).
	SRH_HELIOS_LOCK_HELD=1 setsid nice -n 10 "$0" "$version" > "$log" 2>&1 < /dev/null &
	exit 0
fi

# Under the lock from here on (flock on fd 9, held by cargo's children too).
if [ -z "${SRH_HELIOS_LOCK_HELD:-}" ]; then
	exec 9> "$root.lock"
	flock 9
fi
if [ -x "$root/bin/hfs" ]; then  # built by whoever held the lock before us
	echo "Helios FHIR Server $version: $root/bin/hfs"
	exit 0
fi
command -v cargo > /dev/null || { echo "cargo is missing: install Rust (https://rustup.rs) to build helios-hfs" >&2; exit 1; }
echo "==> cargo install helios-hfs $version into $root ($(date -u +%FT%TZ))"
rm -rf "$root.partial"
# Optimisation level 1, many codegen units and no LTO build in about two thirds of the time of the default release
# profile; the tests passed the same on both builds.
CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_LTO=false \
	cargo install helios-hfs --version "$version" --locked --no-default-features --features R4,sqlite \
	--root "$root.partial"
rm -rf "$root"
mv "$root.partial" "$root"
echo "==> built $root/bin/hfs ($(date -u +%FT%TZ))"
