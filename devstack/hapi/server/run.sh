#!/usr/bin/env bash
# Builds (when needed) and starts the HAPI FHIR JPA test server in the foreground.
#   devstack/hapi/server/run.sh            # port 8080, in-memory H2, no package
#   SRH_IG_PACKAGE=build/srh.fhir.r4.tgz FHIR_PORT=8090 devstack/hapi/server/run.sh
# Extra arguments are passed to the JVM before -jar (e.g. -Xmx1536m). JAVA_OPTS is honoured too.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app=$here/target/extracted/srh-fhir-hapi-server.jar

"$here/build.sh"
if [ -n "${SRH_IG_PACKAGE:-}" ]; then
	SRH_IG_PACKAGE=$(cd "$(dirname "$SRH_IG_PACKAGE")" && pwd)/$(basename "$SRH_IG_PACKAGE")
	export SRH_IG_PACKAGE
fi
# C1 only and the serial GC: faster start-up and about half the memory of the defaults, enough for tests.
exec java -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${JAVA_OPTS:-} "$@" -jar "$app"
