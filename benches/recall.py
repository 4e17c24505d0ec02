#!/usr/bin/env python3
"""Recall of bilint per injected defect kind of the shared corpus generator.

usage:
  python3 ../shared/bench/gen_corpus.py --format jsonl --mb 5 --seed 11 --dirty-rate 0.05 --labels L > C
  bilint check C --output-format jsonl > F
  python3 benches/recall.py L F

A label counts as found when a diagnostic of its family (the table of
../shared/bench/README.md) starts on its line. Also prints, per family, the
warnings and errors on lines the generator did not label.
"""
import collections
import json
import sys

FAMILY = {
    "trunc_zh": "truncation", "boilerplate": "boilerplate", "date_mismatch": "date",
    "num_mismatch": "number", "halfwidth_comma": "punctuation", "space_before_punct": "punctuation",
    "invisible_char": "unicode", "fullwidth_latin": "unicode", "mojibake": "unicode",
    "dup_para": "alignment",
}


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    found = collections.defaultdict(set)
    loud = collections.defaultdict(set)
    with open(sys.argv[2], encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            found[d["line"]].add(d["family"])
            if d["severity"] in ("error", "warning"):
                loud[d["line"]].add(d["family"])
    total, hit, labelled = collections.Counter(), collections.Counter(), set()
    with open(sys.argv[1], encoding="utf-8") as f:
        for row in f:
            line, kind = row.rstrip("\n").split("\t")
            line = int(line.split(":")[-1])
            labelled.add(line)
            total[kind] += 1
            hit[kind] += FAMILY[kind] in found[line]
    worst = 1.0
    for kind in sorted(total):
        rate = hit[kind] / total[kind]
        worst = min(worst, rate)
        print(f"{kind:20} {hit[kind]:6}/{total[kind]:<6} {rate:.3f}")
    other = collections.Counter(f for line, fs in loud.items() if line not in labelled for f in fs)
    print("warnings/errors on unlabelled lines:", dict(other) or "none")
    return 0 if worst >= 0.9 else 1


if __name__ == "__main__":
    sys.exit(main())
