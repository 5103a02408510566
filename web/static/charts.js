// The story page's SVG charts: the timeline and the coverage per outlet.

import {countOf, dayNumber, flash, h, isoOfDay, plural, svg} from './dom.js';

// Charts are drawn at about the width they are shown at, so their text
// stays readable on a phone.
function chartWidth() {
  return Math.max(300, Math.min(760, document.getElementById('app').clientWidth - 36));
}

// Dots for the timeline's dated statements (bigger = higher score) over
// bars of how many articles appeared each day.
export function timelineChart(entries, articles) {
  const days = entries.map((t) => dayNumber(t.date)).filter((d) => d !== null);
  const perDay = new Map();
  for (const a of articles) {
    const d = a.date ? dayNumber(a.date) : null;
    if (d !== null) perDay.set(d, (perDay.get(d) || 0) + 1);
  }
  const all = [...days, ...perDay.keys()];
  if (!all.length) return null;
  let lo = Math.min(...all), hi = Math.max(...all);
  if (hi === lo) { lo -= 1; hi += 1; }
  const W = chartWidth(), H = 150, L = 30, R = 24, base = 100;
  const x = (d) => L + ((d - lo) / (hi - lo)) * (W - L - R);
  const maxCount = Math.max(1, ...perDay.values());
  const maxScore = Math.max(1e-9, ...entries.map((t) => Number(t.score) || 0));
  const g = svg('svg', {viewBox: `0 0 ${W} ${H}`, class: 'chart timeline-chart', role: 'img',
                        'aria-label': `Timeline from ${isoOfDay(lo)} to ${isoOfDay(hi)}`});
  g.append(svg('line', {x1: L, x2: W - R, y1: base, y2: base, class: 'axis'}));
  for (const [d, n] of perDay) {
    const bh = (n / maxCount) * 40;
    g.append(svg('rect', {x: x(d) - 4, y: base - bh, width: 8, height: bh, class: 'bar'},
      svg('title', {}, `${isoOfDay(d)}: ${plural(n, 'article')}`)));
  }
  // Stack statements of the same day upwards.
  const stack = new Map();
  entries.forEach((t, i) => {
    const d = dayNumber(t.date);
    if (d === null) return;
    const k = stack.get(d) || 0;
    stack.set(d, k + 1);
    const r = 3 + 4 * ((Number(t.score) || 0) / maxScore);
    const dot = svg('circle', {cx: x(d), cy: base - 50 - k * 14, r, class: 'dot', tabindex: 0},
      svg('title', {}, `${t.date}: ${t.text}`));
    const go = () => {
      const li = document.getElementById('tl-' + i);
      if (li) { li.scrollIntoView({behavior: 'smooth', block: 'center'}); flash(li); }
    };
    dot.addEventListener('click', go);
    dot.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') go(); });
    g.append(dot);
  });
  const step = Math.max(1, Math.ceil((hi - lo) / 6));
  for (let d = lo; d <= hi; d += step) {
    g.append(svg('line', {x1: x(d), x2: x(d), y1: base, y2: base + 4, class: 'axis'}));
    g.append(svg('text', {x: x(d), y: base + 18, class: 'tick', 'text-anchor': 'middle'}, isoOfDay(d).slice(5)));
  }
  g.append(svg('text', {x: L, y: H - 8, class: 'tick'}, isoOfDay(lo).slice(0, 4)));
  g.append(svg('text', {x: W - R, y: H - 8, class: 'tick', 'text-anchor': 'end'},
    '● statements   ▮ articles per day'));
  return h('figure', {class: 'chart-wrap'}, g);
}

// One row per outlet: its first to last day on the story's axis, a dot
// per article day, and its article count as a bar on the right.
export function coverageChart(outlets, articles) {
  const byOutlet = new Map();
  for (const a of articles.values()) {
    const d = a.date ? dayNumber(a.date) : null;
    if (d === null) continue;
    if (!byOutlet.has(a.outlet)) byOutlet.set(a.outlet, []);
    byOutlet.get(a.outlet).push(d);
  }
  const days = [];
  for (const o of outlets) {
    for (const d of [o.first, o.last].map((x) => (x ? dayNumber(x) : null))) if (d !== null) days.push(d);
  }
  for (const ds of byOutlet.values()) days.push(...ds);
  const W = chartWidth(), row = 26, top = 8, labelW = Math.min(150, Math.round(W * 0.32)), countW = 70, R = 8;
  const H = top + outlets.length * row + 24;
  const g = svg('svg', {viewBox: `0 0 ${W} ${H}`, class: 'chart coverage-chart', role: 'img',
                        'aria-label': 'Coverage by outlet'});
  const maxArticles = Math.max(1, ...outlets.map((o) => countOf(o.articles)));
  let lo = days.length ? Math.min(...days) : 0, hi = days.length ? Math.max(...days) : 1;
  if (hi === lo) { lo -= 1; hi += 1; }
  const x0 = labelW, x1 = W - countW - R;
  const x = (d) => x0 + ((d - lo) / (hi - lo)) * (x1 - x0);
  outlets.forEach((o, i) => {
    const y = top + i * row + row / 2;
    const name = String(o.outlet || '');
    const fit = Math.max(6, Math.floor((labelW - 12) / 7.5));   // ~7.5 units a character
    g.append(svg('text', {x: labelW - 8, y: y + 4, class: 'label', 'text-anchor': 'end'},
      name.length > fit ? name.slice(0, fit - 1) + '…' : name, svg('title', {}, name)));
    const f = o.first ? dayNumber(o.first) : null, l = o.last ? dayNumber(o.last) : null;
    if (f !== null && l !== null) g.append(svg('line', {x1: x(f), x2: x(l), y1: y, y2: y, class: 'span'}));
    for (const d of byOutlet.get(o.outlet) || []) g.append(svg('circle', {cx: x(d), cy: y, r: 4, class: 'dot'}));
    const bw = (countOf(o.articles) / maxArticles) * (countW - 24);
    g.append(svg('rect', {x: W - countW, y: y - 7, width: Math.max(1, bw), height: 14, class: 'bar'},
      svg('title', {}, `${name}: ${plural(countOf(o.articles), 'article')}`)));
    g.append(svg('text', {x: W - countW + bw + 4, y: y + 4, class: 'tick'}, countOf(o.articles)));
  });
  if (days.length) {
    g.append(svg('text', {x: x0, y: H - 6, class: 'tick'}, isoOfDay(lo)));
    g.append(svg('text', {x: x1, y: H - 6, class: 'tick', 'text-anchor': 'end'}, isoOfDay(hi)));
  }
  g.append(svg('text', {x: W - countW, y: H - 6, class: 'tick'}, 'articles'));
  return h('figure', {class: 'chart-wrap'}, g);
}
