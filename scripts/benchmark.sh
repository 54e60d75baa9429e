#!/usr/bin/env bash
# Measures wijzer against the budgets in the design: the default site, and
# sites of about 2,000 and 20,000 pages made from it (the default content
# plus copies in sub-folders, by tests/browser/make-corpus.mjs). Prints, per
# site: pages, build time (best of RUNS), time per page, time per stage,
# peak memory, and the search index size raw and gzipped.
#
#   scripts/benchmark.sh            # RUNS=3 by default
#   RUNS=5 scripts/benchmark.sh
#   CONTENT=other/content scripts/benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
content=${CONTENT:-content}
work=target/bench
mkdir -p "$work"
cargo build --release --quiet
bin=target/release/wijzer

measure() {
  local name=$1 content=$2 out=$work/$1-site
  local best="" stages="" memory=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%M' -o "$work/mem" "$bin" build --content "$content" --out "$out" --timings \
      >"$work/out" 2>"$work/err"
    local total
    total=$(sed -n 's/.*files, \([0-9]*\) ms$/\1/p' "$work/out")
    if [ -z "$best" ] || [ "$total" -lt "$best" ]; then
      best=$total
      stages=$(awk '/ ms$/ && NF == 3 { printf "%s %s ms, ", $1, $2 }' "$work/err")
      memory=$(cat "$work/mem")
    fi
  done
  local pages raw gz
  pages=$(sed -n 's/.*: \([0-9]*\) pages in.*/\1/p' "$work/out")
  raw=$(stat -c %s "$out/static/search-index.js")
  gz=$(gzip -9c "$out/static/search-index.js" | wc -c)
  printf '| %s | %s | %s ms | %s ms | %s | %s MiB | %s KB | %s KB | %s B |\n' \
    "$name" "$pages" "$best" "$(awk -v t="$best" -v p="$pages" 'BEGIN { printf "%.3f", t / p }')" \
    "${stages%, }" "$((memory / 1024))" "$((raw / 1024))" "$((gz / 1024))" "$((gz / pages))"
  echo "$best" >"$work/$name.ms"
}

echo "| site | pages | build (best of $runs) | per page | stages | peak memory | index | index gzipped | gzipped per page |"
echo "|---|---|---|---|---|---|---|---|---|"
measure default "$content"
node tests/browser/make-corpus.mjs "$content" "$work/content-2000" 9
measure corpus-2000 "$work/content-2000"
node tests/browser/make-corpus.mjs "$content" "$work/content-20000" 92
measure corpus-20000 "$work/content-20000"
awk -v a="$(cat "$work/corpus-2000.ms")" -v b="$(cat "$work/corpus-20000.ms")" \
  'BEGIN { printf "\ngrowth from ~2,000 to ~20,000 pages: %.1fx the time\n", b / a }'
