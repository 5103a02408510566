#!/usr/bin/env python3
"""Plots the cost per article of a long ingest as an SVG.

Reads the progress lines `newsloom ingest --progress N` writes on stderr
({"progress":{"articles","cpu_seconds","wall_seconds","rss_mib",
"peak_rss_mib"}}; other lines are ignored) and draws, against the articles
processed so far, the articles per CPU second of each interval (the
process's user + system time, which stays meaningful when other work shares
the machine), the articles per wall-clock second, and the resident memory.
Stdlib only.

    newsloom ingest stream.jsonl --db s.db --progress 10000 2> progress.log
    python3 scripts/stream_plot.py progress.log --out docs/stream-1m.svg \\
        --title "1,000,000 synthetic English articles"

--json prints the series and a summary (mean rate over the first and last
tenth of the run, their ratio, peak memory) instead of nothing.
"""
import argparse
import json
import sys
from xml.sax.saxutils import escape


def read_progress(path):
    points = []
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            line = line.strip()
            if not line.startswith('{'):
                continue
            try:
                p = json.loads(line).get('progress')
            except json.JSONDecodeError:
                continue
            if isinstance(p, dict) and 'articles' in p:
                points.append(p)
    points.sort(key=lambda p: p['articles'])
    return points


def intervals(points):
    """Per interval between consecutive points: (articles at its end,
    articles per CPU second, articles per wall second, rss MiB, articles,
    CPU seconds)."""
    out = []
    for a, b in zip(points, points[1:]):
        n = b['articles'] - a['articles']
        cpu = b['cpu_seconds'] - a['cpu_seconds']
        wall = b['wall_seconds'] - a['wall_seconds']
        if n <= 0 or cpu <= 0 or wall <= 0:
            continue
        out.append((b['articles'], n / cpu, n / wall, b.get('rss_mib', 0), n, cpu))
    return out


def nice_max(v):
    """The smallest multiple of v's leading power of ten at or above v, for
    an axis (1,000,000 stays; 1,380 becomes 2,000)."""
    if v <= 0:
        return 1
    step = 10 ** (len(str(int(v))) - 1)
    return -(-int(v) // step) * step


def svg(series, title, width=760, height=420):
    left, right, top, bottom = 70, 70, 62, 50
    pw, ph = width - left - right, height - top - bottom
    xmax = nice_max(max(s[0] for s in series))
    ymax = nice_max(max(max(s[1], s[2]) for s in series))
    mmax = nice_max(max(s[3] for s in series))

    def x(v):
        return left + pw * v / xmax

    def y(v, top_value):
        return top + ph - ph * v / top_value

    def path(points):
        return ' '.join(('M' if i == 0 else 'L') + f'{px:.1f},{py:.1f}'
                        for i, (px, py) in enumerate(points))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="15">{escape(title)}</text>']
    for i in range(6):  # grid and axis labels
        gy = top + ph * i / 5
        out.append(f'<line x1="{left}" y1="{gy:.1f}" x2="{left + pw}" y2="{gy:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{gy + 4:.1f}" text-anchor="end">{int(ymax * (5 - i) / 5):,}</text>')
        out.append(f'<text x="{left + pw + 6}" y="{gy + 4:.1f}" fill="#888">{int(mmax * (5 - i) / 5):,}</text>')
        gx = left + pw * i / 5
        out.append(f'<text x="{gx:.1f}" y="{top + ph + 18}" text-anchor="middle">{int(xmax * i / 5):,}</text>')
    out.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#444"/>')
    out.append(f'<text x="{left + pw / 2}" y="{height - 10}" text-anchor="middle">articles processed</text>')
    out.append(f'<text transform="translate(16,{top + ph / 2}) rotate(-90)" text-anchor="middle">articles per second</text>')
    out.append(f'<text transform="translate({width - 14},{top + ph / 2}) rotate(90)" text-anchor="middle" fill="#888">resident memory, MiB</text>')
    lines = [
        ('per CPU second', '#1f6feb', [(x(s[0]), y(s[1], ymax)) for s in series]),
        ('per wall-clock second', '#e3a008', [(x(s[0]), y(s[2], ymax)) for s in series]),
        ('resident memory (right axis)', '#888', [(x(s[0]), y(s[3], mmax)) for s in series]),
    ]
    for i, (label, color, points) in enumerate(lines):
        out.append(f'<path d="{path(points)}" fill="none" stroke="{color}" stroke-width="1.6"/>')
        lx = left + 200 * i  # one row above the plot
        ly = top - 10
        out.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 20}" y2="{ly - 4}" stroke="{color}" stroke-width="2"/>')
        out.append(f'<text x="{lx + 26}" y="{ly}">{escape(label)}</text>')
    out.append('</svg>')
    return '\n'.join(out) + '\n'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('progress', help='stderr of newsloom ingest --progress N')
    ap.add_argument('--out', help='SVG file to write')
    ap.add_argument('--title', default='newsloom ingest: cost per article as the stream grows')
    ap.add_argument('--json', action='store_true', help='print the series and a summary')
    args = ap.parse_args()
    points = read_progress(args.progress)
    series = intervals(points)
    if len(series) < 2:
        print(f'stream_plot: fewer than three progress lines in {args.progress}', file=sys.stderr)
        return 2
    if args.out:
        with open(args.out, 'w', encoding='utf-8') as f:
            f.write(svg(series, args.title))
    tenth = max(1, len(series) // 10)

    def mean_rate(part):  # all the part's articles over all its CPU seconds
        return sum(s[4] for s in part) / sum(s[5] for s in part)

    first, last = mean_rate(series[:tenth]), mean_rate(series[-tenth:])
    summary = {
        'articles': points[-1]['articles'],
        'cpu_seconds': points[-1]['cpu_seconds'],
        'wall_seconds': points[-1]['wall_seconds'],
        'articles_per_cpu_second_first_tenth': first,
        'articles_per_cpu_second_last_tenth': last,
        'last_over_first': last / first if first else None,
        'peak_rss_mib': max(p.get('peak_rss_mib', 0) for p in points),
    }
    if args.json:
        print(json.dumps({'summary': summary, 'series': series}, indent=1))
    else:
        print(json.dumps(summary, indent=1))
    return 0


if __name__ == '__main__':
    sys.exit(main())
