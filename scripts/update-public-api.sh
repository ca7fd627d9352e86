#!/usr/bin/env bash
# Brings src/*/PublicAPI.Unshipped.txt in line with the code after a reviewed public change: builds each packaged
# project, adds the symbols RS0016 reports as undeclared and removes the ones RS0017 reports as gone. Review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/ToolGen.Runtime src/ToolGen.Extensions.AI src/ToolGen.Hosting src/ToolGen.ModelContextProtocol; do
  log=$(mktemp)
  dotnet build "$project" -c Release --no-incremental > "$log" 2>&1 || true
  file="$project/PublicAPI.Unshipped.txt"
  added=$(sed -n "s/.*error RS0016: Symbol '\(.*\)' is not part of the declared public API.*/\1/p" "$log" | sort -u)
  removed=$(sed -n "s/.*error RS0017: Symbol '\(.*\)' is part of the declared API, but is either not public or could not be found.*/\1/p" "$log" | sort -u)
  { head -n 1 "$file"; { tail -n +2 "$file" | grep -vxF -f <(printf '%s\n' "$removed") || true; printf '%s\n' "$added"; } | sed '/^$/d' | sort -u; } > "$file.new"
  mv "$file.new" "$file"
  echo "$project: $(printf '%s\n' "$added" | sed '/^$/d' | wc -l) added, $(printf '%s\n' "$removed" | sed '/^$/d' | wc -l) removed"
  rm -f "$log"
done
