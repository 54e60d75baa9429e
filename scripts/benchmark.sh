#!/usr/bin/env bash
# Measures wijzer against the budgets in the design, and against Hugo on the
# same pages when `hugo` is installed (Debian: apt install hugo).
#
# Sites: the default content, and generated sites of 200, 2,000 and 20,000
# pages (examples/corpus.rs: every page type, Dutch-like text, links,
# citations and questionnaires; the same seed gives the same site). For each
# it prints the pages, the build time (best of RUNS), time per page, time per
# stage, peak memory, the search index raw and gzipped, and Hugo's time on
# the same pages with the ratio.
#
#   scripts/benchmark.sh                 # RUNS=3
#   RUNS=5 scripts/benchmark.sh
#   CONTENT=other/content scripts/benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
content=${CONTENT:-content}
work=target/bench
mkdir -p "$work"
cargo build --release --quiet --bin wijzer --example corpus
bin=target/release/wijzer

# best_of CMD...: the fastest of $runs runs in ms, and its peak memory in KiB.
best_of() {
  local best="" memory=""
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$work/mem" "$@" >"$work/out" 2>"$work/err"
    end=$(date +%s%N)
    local ms=$(((end - start) / 1000000))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then
      best=$ms
      memory=$(cat "$work/mem")
      cp "$work/err" "$work/best-err"
    fi
  done
  echo "$best $memory"
}

measure() {
  local name=$1 source=$2 hugo_source=${3:-}
  local out=$work/$name-site
  read -r ms memory < <(best_of "$bin" build --content "$source" --out "$out" --timings)
  local stages pages raw gz hugo_ms="–" ratio="–"
  stages=$(awk '/ ms$/ && NF == 3 { printf "%s %s, ", $1, $2 }' "$work/best-err")
  pages=$(find "$out" -name '*.html' | wc -l)
  raw=$(stat -c %s "$out/static/search-index.js")
  gz=$(gzip -9c "$out/static/search-index.js" | wc -c)
  if [ -n "$hugo_source" ] && command -v hugo >/dev/null 2>&1; then
    read -r hugo_ms _ < <(best_of hugo --quiet --source "$hugo_source" --destination "$(pwd)/$work/$name-hugo-site")
    ratio=$(awk -v h="$hugo_ms" -v w="$ms" 'BEGIN { printf "%.2fx", h / w }')
    hugo_ms="$hugo_ms ms"
  fi
  printf '| %s | %s | %s ms | %s ms | %s | %s MiB | %s KB | %s KB | %s B | %s | %s |\n' \
    "$name" "$pages" "$ms" "$(awk -v t="$ms" -v p="$pages" 'BEGIN { printf "%.3f", t / p }')" \
    "${stages%, }" "$((memory / 1024))" "$((raw / 1024))" "$((gz / 1024))" "$((gz / pages))" "$hugo_ms" "$ratio"
  echo "$ms" >"$work/$name.ms"
}

echo "| site | HTML pages | wijzer (best of $runs) | per page | stages (ms) | peak memory | index | index gzipped | gzipped per page | Hugo | Hugo / wijzer |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
measure default "$content"
for pages in 200 2000 20000; do
  target/release/examples/corpus --pages "$pages" --out "$work/corpus-$pages" --hugo "$work/corpus-$pages-hugo" >/dev/null
  measure "corpus-$pages" "$work/corpus-$pages" "$work/corpus-$pages-hugo"
done
awk -v a="$(cat "$work/corpus-2000.ms")" -v b="$(cat "$work/corpus-20000.ms")" \
  'BEGIN { printf "\ngrowth from 2,000 to 20,000 pages: %.1fx the time\n", b / a }'
