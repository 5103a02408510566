#!/usr/bin/env python3
"""How well the event join model carries over to data it was not fitted on.

The shipped model (models/event.model) is fitted on the four development
files; their other halves, kept apart, decide whether it generalises. This
stands in for that test with the data we have: every file is cut in two
halves A and B by its gold groups (ECB+ by topic, so both look-alike events
of a topic land in the same half; the others by story), `newsloom train`
fits one model on the four A halves and one on the four B halves, and each
half is scored (`newsloom eval`, event BCubed F1) three ways:

  shipped   the shipped model (which saw this half in training)
  other     the model fitted on the other halves only: unseen data
  own       the model fitted on this half's side

"other" close to "shipped" says the model's quality is not an artefact of
fitting these files. Also, with --leave-one-out: a model fitted on three
files, scored on the fourth (a corpus of a kind the model never saw).

Scores of a half are not comparable with those of its whole file: a half
holds fewer look-alike events. Stdlib only; the halves go to a temporary
directory, never into the repository.

    python3 scripts/holdout_check.py --newsloom build/newsloom \\
        --data ../shared/data/clustering [--leave-one-out] [--json]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import zlib

FILES = ('ecbplus', 'basil', 'gva', 'itn')


def group_key(article):
    """The gold group a half keeps whole: the topic where there is one."""
    for field in ('topic', 'story', 'event'):
        value = article.get(field)
        if value is not None:
            return '%s:%s' % (field, value)
    return ''


def split(path, out_a, out_b):
    counts = [0, 0]
    with open(path, encoding='utf-8') as f, \
            open(out_a, 'w', encoding='utf-8') as a, \
            open(out_b, 'w', encoding='utf-8') as b:
        for line in f:
            if not line.strip():
                continue
            half = zlib.crc32(group_key(json.loads(line)).encode()) % 2
            (a, b)[half].write(line)
            counts[half] += 1
    return counts


def run(cmd):
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)
    if done.returncode != 0:
        sys.exit('%s failed (%d):\n%s' % (' '.join(cmd), done.returncode,
                                           done.stderr[-2000:]))
    return done.stdout


def train(newsloom, inputs, out):
    run([newsloom, 'train', *inputs, '--out', out])


def f1(newsloom, path, model=None):
    cmd = [newsloom, 'eval', path, '--json']
    if model:
        cmd += ['--model', model]
    return json.loads(run(cmd))['bcubed']['f1']


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--newsloom', default='build/newsloom')
    ap.add_argument('--data', default='../shared/data/clustering')
    ap.add_argument('--leave-one-out', action='store_true',
                    help='also fit on three files and score the fourth')
    ap.add_argument('--json', action='store_true')
    args = ap.parse_args()
    paths = {n: os.path.join(args.data, n + '-dev.jsonl') for n in FILES}
    missing = [p for p in paths.values() if not os.path.exists(p)]
    if missing:
        sys.exit('not found: %s (the development files of '
                 '../shared/data/clustering)' % ', '.join(missing))
    result = {'halves': {}, 'leave_one_out': {}}
    with tempfile.TemporaryDirectory(prefix='newsloom-holdout-') as tmp:
        half_paths = {}
        for n, p in paths.items():
            a = os.path.join(tmp, n + '-A.jsonl')
            b = os.path.join(tmp, n + '-B.jsonl')
            result['halves'][n] = {'articles': split(p, a, b)}
            half_paths[n] = {'A': a, 'B': b}
        models = {}
        for h in ('A', 'B'):
            models[h] = os.path.join(tmp, 'half-%s.model' % h)
            train(args.newsloom, [half_paths[n][h] for n in FILES], models[h])
        for n in FILES:
            for h, other in (('A', 'B'), ('B', 'A')):
                path = half_paths[n][h]
                result['halves'][n][h] = {
                    'shipped': f1(args.newsloom, path),
                    'other': f1(args.newsloom, path, models[other]),
                    'own': f1(args.newsloom, path, models[h]),
                }
        if args.leave_one_out:
            for out in FILES:
                model = os.path.join(tmp, 'without-%s.model' % out)
                train(args.newsloom, [paths[n] for n in FILES if n != out],
                      model)
                result['leave_one_out'][out] = {
                    'held_out': f1(args.newsloom, paths[out], model),
                    'shipped': f1(args.newsloom, paths[out]),
                }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print('event BCubed F1 of each half: shipped model / fitted on the other '
          'halves / fitted on its own side')
    for n in FILES:
        r = result['halves'][n]
        for i, h in enumerate(('A', 'B')):
            print('  %-8s %s (%4d articles)  %.4f  %.4f  %.4f' % (
                n, h, r['articles'][i], r[h]['shipped'], r[h]['other'],
                r[h]['own']))
    if args.leave_one_out:
        print('event BCubed F1 of each file: fitted without it / shipped')
        for n in FILES:
            r = result['leave_one_out'][n]
            print('  %-8s %.4f  %.4f' % (n, r['held_out'], r['shipped']))


if __name__ == '__main__':
    main()
