#!/usr/bin/env bash
# Smoke test of a running server: ./smoke.sh [BASE_URL]  (run from the repository root or anywhere inside it)
# Creates two examples, searches with _revinclude, posts a transaction of every example, and checks that an
# invalid RelatedPerson is rejected with 422 (expects SRH_VALIDATE_WRITES=true and the IG package installed).
set -euo pipefail
base=${1:-http://127.0.0.1:8080/fhir}
root=$(git rev-parse --show-toplevel)
examples=$root/profiles/package/example
json='Content-Type: application/fhir+json'
failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { # name expected actual
	if [ "$2" = "$3" ]; then echo "ok   $1 ($3)"; else echo "FAIL $1: expected $2, got $3"; failures=$((failures + 1)); fi
}
status() { curl -s -o "$tmp/out.json" -w '%{http_code}' "$@"; }

check "PUT Patient" 2 "$(status -X PUT -H "$json" --data-binary @"$examples/Patient-ingrid-de-vries.json" \
	"$base/Patient/ingrid-de-vries" | cut -c1)"
check "PUT RelatedPerson" 2 "$(status -X PUT -H "$json" --data-binary @"$examples/RelatedPerson-ingrid-sister-anja.json" \
	"$base/RelatedPerson/ingrid-sister-anja" | cut -c1)"
check "search _revinclude" 2 "$(curl -s "$base/Patient?_id=ingrid-de-vries&_revinclude=RelatedPerson:patient" |
	python3 -c 'import json,sys; print(len(json.load(sys.stdin).get("entry", [])))')"
python3 - "$examples" "$base" > "$tmp/tx.json" <<'PY'
import glob, json, sys
examples, base = sys.argv[1], sys.argv[2]
entries = []
for path in sorted(glob.glob(examples + "/*.json")):
    r = json.load(open(path))
    url = f"{r['resourceType']}/{r['id']}"
    entries.append({"fullUrl": f"{base}/{url}", "resource": r, "request": {"method": "PUT", "url": url}})
json.dump({"resourceType": "Bundle", "type": "transaction", "entry": entries}, sys.stdout)
PY
check "transaction of all examples" 200 "$(status -X POST -H "$json" --data-binary @"$tmp/tx.json" "$base")"
check "invalid RelatedPerson rejected" 422 "$(status -X POST -H "$json" \
	--data-binary @"$root/tests/fixtures/invalid/srh-network-member/no-relationship.json" "$base/RelatedPerson")"
echo "$((5 - failures)) passed, $failures failed"
[ "$failures" = 0 ]
