#!/usr/bin/env bash
# The visual check: builds the renderer, runs a throwaway relay with three members of one
# workspace, and saves screenshots of every screen under test-results/screens/.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
data="$work/relay.sqlite"
cleanup() {
  [[ -n "${relay_pid:-}" ]] && kill "$relay_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

npm run build >/dev/null
node server/cli.ts workspace create --data "$data" --name "Norske smartbyer i Europa" --id smartbyer --json >/dev/null
node server/cli.ts serve --data "$data" --port 0 --json --quiet >"$work/serve.json" 2>"$work/serve.log" &
relay_pid=$!
for _ in $(seq 50); do [[ -s "$work/serve.json" ]] && break; sleep 0.1; done
url=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).url)' "$work/serve.json")

invite() {
  node server/cli.ts invite --data "$data" --workspace smartbyer --name "$1" --org "$2" --role "$3" --url "$url" --json
}
export SHOTS_RELAY="$url" SHOTS_WORKSPACE=smartbyer
SHOTS_MEMBERS="{\"coordinator\": $(invite 'Anne Berg' NTNU coordinator), \"editor\": $(invite 'Kari Nordmann' 'Universitetet i Stavanger' editor), \"reviewer\": $(invite 'Ole Hansen' 'Nordic Edge' reviewer)}"
export SHOTS_MEMBERS
mkdir -p test-results/screens
node renderer/dev/screenshots.ts
