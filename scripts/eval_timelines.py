#!/usr/bin/env python3
"""Date-selection F1 of `newsloom timeline` on ../shared/data/timelines.

For each story (egypt, libya) and each reference language (es, fr, it),
runs `newsloom timeline FILE --json --dates K` with K = the number of
distinct dates of the reference timeline (as the published baseline does),
once on the story's articles in that language alone and once on all of its
articles (es + fr + it together), and scores the set of dates produced
against the set of reference dates (precision, recall, F1). Prints a table
and the mean over the six story x language pairs for both runs; --json
prints the figures as JSON. Stdlib only.

    python3 scripts/eval_timelines.py --newsloom build/newsloom \\
        --data ../shared/data/timelines

Reference point (../shared/data/README.md): the K days with the most
articles give a mean date F1 of 0.249.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

STORIES = ('egypt', 'libya')
LANGS = ('es', 'fr', 'it')
DATE = re.compile(r'^\d{4}-\d{2}-\d{2}$')


def reference_dates(path):
    with open(path, encoding='utf-8') as f:
        return {line.strip() for line in f if DATE.match(line.strip())}


def f1(pred, gold):
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def timeline_dates(newsloom, path, k):
    out = subprocess.run([newsloom, 'timeline', path, '--json', '--dates', str(k)],
                         check=True, capture_output=True, text=True).stdout
    return {e['date'] for e in json.loads(out)['timeline']}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--newsloom', default='build/newsloom')
    ap.add_argument('--data', default=os.path.join('..', 'shared', 'data', 'timelines'))
    ap.add_argument('--json', action='store_true')
    args = ap.parse_args()
    if not os.path.isdir(args.data):
        print(f'eval_timelines: no data at {args.data}', file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for story in STORIES:
            path = os.path.join(args.data, f'{story}.jsonl')
            with open(path, encoding='utf-8') as f:
                lines = f.readlines()
            for lang in LANGS:
                gold = reference_dates(os.path.join(args.data, f'{story}.reference.{lang}.txt'))
                k = len(gold)
                alone = os.path.join(tmp, f'{story}.{lang}.jsonl')
                with open(alone, 'w', encoding='utf-8') as f:
                    f.writelines(l for l in lines if json.loads(l).get('lang') == lang)
                row = {'story': story, 'lang': lang, 'reference_dates': k}
                for run, input_path in (('alone', alone), ('all', path)):
                    p, r, f = f1(timeline_dates(args.newsloom, input_path, k), gold)
                    row[run] = {'precision': p, 'recall': r, 'f1': f}
                rows.append(row)
    mean = {run: sum(r[run]['f1'] for r in rows) / len(rows) for run in ('alone', 'all')}
    if args.json:
        print(json.dumps({'rows': rows, 'mean_f1': mean}, indent=2))
        return 0
    print(f"{'story':6} {'lang':4} {'K':>3}  {'F1 alone':>8}  {'F1 es+fr+it':>11}")
    for r in rows:
        print(f"{r['story']:6} {r['lang']:4} {r['reference_dates']:3}  "
              f"{r['alone']['f1']:8.3f}  {r['all']['f1']:11.3f}")
    print(f"{'mean':15}  {mean['alone']:8.3f}  {mean['all']:11.3f}")
    return 0


if __name__ == '__main__':
    sys.exit(main())
