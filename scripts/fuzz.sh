#!/bin/sh
# fuzz.sh runs every fuzz target of newsgraph (func Fuzz… under internal/)
# for a budget each, and keeps the new corpus entries the fuzzer found
# under each package's testdata/fuzz/FuzzName/, where `go test` replays them
# as regression cases. A crasher is written there by `go test` itself; the
# script reports it and exits 1.
#
#   scripts/fuzz.sh [BUDGET] [PACKAGE-PATTERN]
#
# BUDGET is a -fuzztime value (default 10m; 20s for a quick pass, 1000x for
# a count). PACKAGE-PATTERN restricts the packages (a grep -E pattern on
# the package directory, default all). FUZZ_PARALLEL sets the fuzzing
# workers per target (default 1: the machine is usually shared).
set -eu

budget=${1:-10m}
pattern=${2:-.}
parallel=${FUZZ_PARALLEL:-1}
cd "$(dirname "$0")/.."
module=$(go list -m)
cache=$(go env GOCACHE)/fuzz
failed=0

targets=$(grep -rn --include='*_test.go' '^func Fuzz' internal |
	sed -E 's|^(internal/[^:]*)/[^/:]*:[0-9]+:func (Fuzz[A-Za-z0-9_]*).*|\1 \2|' |
	grep -E "^[^ ]*($pattern)" | sort -u)

echo "$targets" | while read -r dir name; do
	[ -n "$dir" ] || continue
	echo "== $dir $name ($budget)"
	if ! go test -run '^$' -fuzz "^$name\$" -fuzztime "$budget" -parallel "$parallel" "./$dir"; then
		echo "!! $dir $name failed: the crasher is in $dir/testdata/fuzz/$name/"
		failed=1
	fi
	# Keep the corpus the fuzzer grew (it lives in the build cache).
	src="$cache/$module/$dir/$name"
	dst="$dir/testdata/fuzz/$name"
	if [ -d "$src" ]; then
		mkdir -p "$dst"
		n=0
		for f in "$src"/*; do
			[ -f "$f" ] || continue
			if [ ! -e "$dst/$(basename "$f")" ]; then
				cp "$f" "$dst/"
				n=$((n + 1))
			fi
		done
		echo "   $n new corpus entries kept in $dst"
	fi
	[ "$failed" = 0 ] || exit 1
done
