#!/usr/bin/env bash
# The command-line benchmark: bilint against ripgrep running 20 patterns that
# stand for bilint's checks (benches/patterns.txt) over the same bytes, in
# one run so the ratio holds on a noisy machine; peak memory with
# /usr/bin/time -v; --fix next to check; the pretty report; 500 extra pack
# rules. Needs hyperfine and ripgrep (apt-get install hyperfine ripgrep).
#
#   benches/cli.sh              # 10 MB and 100 MB corpora
#   BENCH_1GB=1 benches/cli.sh  # also peak memory at 1 GB
set -euo pipefail
cd "$(dirname "$0")/.."
gen=../shared/bench/gen_corpus.py
dir=${BENCH_DIR:-/tmp/bilint-bench}
mkdir -p "$dir"
cargo build --release --quiet
bin=$PWD/target/release/bilint

corpus() { # MB -> path of a generated txt corpus (seed 42)
  local f="$dir/c$1.txt"
  [ -s "$f" ] || python3 "$gen" --format txt --mb "$1" --seed 42 > "$f"
  echo "$f"
}
rss() { # command... -> peak RSS in MiB
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident/ {printf "%.1f MiB\n", $6/1024}'
}

c10=$(corpus 10)
c100=$(corpus 100)
echo "== check --output-format jsonl vs rg -c -f (20 patterns), 100 MB"
hyperfine --warmup 1 --runs 5 -N --ignore-failure \
  "rg -c -f benches/patterns.txt $c100" \
  "$bin check $c100 --output-format jsonl --quiet"
echo "== peak RSS"
echo "10 MB:  $(rss "$bin" check "$c10" --output-format jsonl)"
echo "100 MB: $(rss "$bin" check "$c100" --output-format jsonl)"
if [ -n "${BENCH_1GB:-}" ]; then
  c1000=$(corpus 1000)
  echo "1 GB:   $(rss "$bin" check "$c1000" --output-format jsonl)"
  hyperfine --runs 2 -N --ignore-failure "rg -c -f benches/patterns.txt $c1000" "$bin check $c1000 --output-format jsonl --quiet"
fi

echo "== pretty report, 10 MB"
hyperfine --runs 3 --ignore-failure "$bin check $c10 --color never > /dev/null"

echo "== --fix next to check, 100 MB (on a copy)"
cp "$c100" "$dir/fix.txt"
hyperfine --runs 3 --ignore-failure --prepare "cp $c100 $dir/fix.txt" \
  "$bin check $dir/fix.txt --output-format jsonl --quiet" \
  "$bin check $dir/fix.txt --fix --output-format jsonl --quiet"

echo "== 500 extra pack rules, 100 MB"
mkdir -p "$dir/extra"
python3 benches/make_pack.py 500 > "$dir/extra/extra.toml"
hyperfine --warmup 1 --runs 5 -N --ignore-failure \
  "$bin check $c100 --output-format jsonl --quiet" \
  "$bin check $c100 --output-format jsonl --quiet --rules $dir/extra"
