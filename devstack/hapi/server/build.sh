#!/usr/bin/env bash
# Builds the HAPI FHIR JPA test server when a source is newer than the jar, and extracts the jar.
# Idempotent and quick when nothing changed; run.sh, `make fhir-server` and the pytest fixture call it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=$here/target/srh-fhir-hapi-server.jar
app=$here/target/extracted/srh-fhir-hapi-server.jar

newest_source=$(find "$here/pom.xml" "$here/src" -type f -newer "$jar" 2>/dev/null | head -1 || true)
if [ ! -f "$jar" ] || [ -n "$newest_source" ]; then
	(cd "$here" && mvn -B -q package -DskipTests)
fi
if [ ! -f "$app" ] || [ "$jar" -nt "$app" ]; then
	rm -rf "$here/target/extracted"
	# The extracted layout (plain jars on the class path) starts faster than the nested fat jar.
	java -Djarmode=tools -jar "$jar" extract --destination "$here/target/extracted" > /dev/null
fi
