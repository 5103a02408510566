#!/usr/bin/env python3
"""Article-body score of extracted pages, with Python's own `re` (stdlib only).

The independent check of `newsloom eval-extraction` (src/eval/
extraction_metrics.h computes the same in C++): the metric of
../shared/data/README.md, section "extraction/" -- per page, the multisets
of 4-token shingles (tokens: `\\w+`) of the extracted body and of the truth
give TP/FP/FN normalised by the page's total; precision and recall are
averaged over the pages (over those with TP+FP > 0, resp. TP+FN > 0); F1 is
the harmonic mean of the two averages.

    build/newsloom extract ../shared/data/extraction/html --jsonl > /tmp/x.jsonl
    python3 scripts/eval_extraction.py ../shared/data/extraction /tmp/x.jsonl

Each JSONL line is an object from `newsloom extract --jsonl`; its "input"
file name without ".html.gz" / ".html" is the page id. A page of the
ground truth with no line counts as extracted empty.
"""
import argparse
import collections
import json
import os
import re
import sys

TOKEN = re.compile(r'\w+')


def shingles(text, n=4):
    tokens = TOKEN.findall(text or '')
    runs = max(1, len(tokens) - n + 1)
    return collections.Counter(
        ' '.join(tokens[i:i + n]) for i in range(runs) if tokens[i:i + n])


def match(truth, pred):
    want, got = shingles(truth), shingles(pred)
    tp = sum(min(want[k], got[k]) for k in want.keys() | got.keys())
    fp = sum(max(0, got[k] - want[k]) for k in got)
    fn = sum(max(0, want[k] - got[k]) for k in want)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def page_id(path):
    name = os.path.basename(path)
    for suffix in ('.html.gz', '.htm.gz', '.html', '.htm'):
        if name.endswith(suffix):
            return name[:-len(suffix)]
    return name


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('dir', help='folder with ground-truth.json')
    parser.add_argument('jsonl', help='output of newsloom extract --jsonl')
    parser.add_argument('--per-page', action='store_true')
    args = parser.parse_args()
    with open(os.path.join(args.dir, 'ground-truth.json'), encoding='utf-8') as f:
        truth = json.load(f)
    extracted = {}
    with open(args.jsonl, encoding='utf-8') as f:
        for line in f:
            if line.strip():
                obj = json.loads(line)
                extracted[page_id(obj['input'])] = obj.get('text') or ''
    precisions, recalls = [], []
    for key in sorted(truth):
        tp, fp, fn = match(truth[key].get('articleBody', ''),
                           extracted.get(key, ''))
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
        if args.per_page:
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            print(f'{key[:12]}  P {p:.3f}  R {r:.3f}')
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = (2 * precision * recall / (precision + recall)
          if precision + recall else 0.0)
    missing = len(set(truth) - set(extracted))
    print(f'{len(truth)} pages ({missing} without output): precision '
          f'{precision:.4f}  recall {recall:.4f}  F1 {f1:.4f}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
