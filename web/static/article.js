// An article (#/article/ID?start=&end=&story=): its text with the cited
// bytes marked and scrolled to, its copies, entities, dates and quotes.

import {externalLink, fmtDate, h, show, snippet} from './dom.js';
import {api, enc, route} from './api.js';
import {offsetMap} from './offsets.js';
import {listHref} from './list.js';
import {entityChip} from './story.js';

export async function renderArticle(v, id, params) {
  show(h('p', {class: 'loading'}, 'Loading article…'));
  const a = await api('articles/' + enc(id), {}, v.abort.signal);
  const text = a.text || '';
  const storyId = params.get('story') || a.story;
  const textBox = h('div', {class: 'article-text', id: 'article-text', lang: a.lang || null});
  const offsets = offsetMap(text);
  const ents = a.entities || [], dates = a.dates || [], quotes = a.quotes || [];
  const layers = {entity: ents, date: dates, quote: quotes};
  const shown = new Set();   // the layers the reader switched on
  let current = null;        // the highlighted span {start, end, kind}

  // The text, with the highlighted span as one <mark id=highlight> and
  // the switched-on annotation layers as spans inside and around it.
  const draw = (scroll) => {
    const spans = [];
    for (const kind of shown) {
      for (const x of layers[kind]) spans.push([...offsets.span(x.start, x.end), 'ann-' + kind]);
    }
    const piece = (from, to) => annotated(text, from, to, spans);
    if (!current) {
      textBox.replaceChildren(...piece(0, text.length));
      return;
    }
    const [cs, ce] = offsets.span(current.start, current.end);
    const m = h('mark', {class: 'hl hl-' + current.kind, id: 'highlight'}, piece(cs, ce));
    textBox.replaceChildren(...piece(0, cs), m, ...piece(ce, text.length));
    if (scroll) requestAnimationFrame(() => m.scrollIntoView({block: 'center'}));
  };
  const mark = (start, end, kind, scroll) => {
    current = start === null || start === undefined || start === '' ? null : {start, end, kind: kind || 'cite'};
    draw(scroll);
  };
  const layerSwitch = (kind, label, n) => h('label', {class: 'layer layer-' + kind},
    h('input', {type: 'checkbox', onchange: (ev) => {
      if (ev.target.checked) shown.add(kind); else shown.delete(kind);
      draw(false);
    }}), ` ${label} (${n})`);
  const spanLink = (start, end, kind, label) => h('a', {
    href: route.article(id, {start, end, story: storyId || ''}), class: 'span-link', title: 'Mark it in the text',
    onclick: (ev) => {
      ev.preventDefault();
      history.replaceState(null, '', route.article(id, {start, end, story: storyId || ''}));
      mark(start, end, kind, true);
    },
  }, label);

  const byKey = new Map();
  for (const e of ents) {
    if (!byKey.has(e.key)) byKey.set(e.key, {key: e.key, name: e.name, type: e.type, mentions: []});
    byKey.get(e.key).mentions.push(e);
  }
  const copies = a.copies || [];
  show(
    h('p', {class: 'crumbs'},
      h('a', {href: listHref()}, '← Stories'),
      storyId ? [' · ', h('a', {href: route.story(storyId)}, 'Story ' + storyId)] : null),
    h('article', {class: 'article-view'},
      // An untitled article is named by its first words.
      h('h1', {class: a.title ? null : 'untitled'}, a.title || snippet(text) || a.id),
      h('dl', {class: 'facts-list'},
        h('dt', {}, 'Outlet'), h('dd', {}, a.source || (a.outlets || [])[0] || '—'),
        h('dt', {}, 'Date'), h('dd', {}, fmtDate(a.date)),
        h('dt', {}, 'Language'), h('dd', {}, a.lang || '—',
          a.lang_confidence != null ? ` (${Number(a.lang_confidence).toFixed(2)})` : ''),
        h('dt', {}, 'URL'), h('dd', {}, a.url ? externalLink(a.url) : '—'),
        h('dt', {}, 'Id'), h('dd', {}, h('code', {}, a.id), a.input ? h('span', {class: 'input'}, ' ' + a.input) : null),
        a.duplicate_of ? [h('dt', {}, 'Copy of'), h('dd', {},
          h('a', {href: route.article(a.duplicate_of, {story: storyId || ''})}, a.duplicate_of),
          ` (${a.duplicate_kind || 'copy'}${a.similarity != null ? ', ' + Number(a.similarity).toFixed(2) : ''})`)] : null,
        copies.length ? [h('dt', {}, 'Copies'), h('dd', {}, h('ul', {class: 'copies'}, copies.map((c) => h('li', {},
          h('a', {href: route.article(c.id, {story: storyId || ''})}, c.id),
          ` ${c.outlet || ''} (${c.kind || 'copy'}${c.similarity != null ? ', ' + Number(c.similarity).toFixed(2) : ''})`))))] : null,
        (a.outlets || []).length > 1 ? [h('dt', {}, 'Carried by'), h('dd', {}, a.outlets.join(', '))] : null),
      h('div', {class: 'layers', role: 'group', 'aria-label': 'Mark in the text'}, 'Mark in the text:',
        layerSwitch('entity', 'entities', ents.length), layerSwitch('date', 'dates', dates.length),
        layerSwitch('quote', 'quotes', quotes.length)),
      h('div', {class: 'article-body'},
        textBox,
        h('aside', {class: 'annotations'},
          h('h2', {}, `Entities (${byKey.size})`),
          byKey.size ? h('ul', {class: 'ann entities-ann'}, [...byKey.values()].map((e) => h('li', {},
            entityChip({key: e.key, name: e.name, type: e.type}), ' ',
            e.mentions.map((m, i) => [spanLink(m.start, m.end, 'entity', m.text === e.name ? `${i + 1}` : m.text), ' '])))) : h('p', {class: 'empty'}, 'None.'),
          h('h2', {}, `Dates (${dates.length})`),
          dates.length ? h('ul', {class: 'ann dates-ann'}, dates.map((d) => h('li', {},
            spanLink(d.start, d.end, 'date', d.text), ' → ', h('code', {}, d.value || '?')))) : h('p', {class: 'empty'}, 'None.'),
          h('h2', {}, `Quotes (${quotes.length})`),
          quotes.length ? h('ul', {class: 'ann quotes-ann'}, quotes.map((q) => h('li', {},
            h('span', {class: 'speaker'}, (q.speaker || 'unknown') + ': '),
            spanLink(q.start, q.end, 'quote', q.kind === 'direct' ? `“${q.text}”` : q.text)))) : h('p', {class: 'empty'}, 'None.')))));
  mark(params.get('start'), params.get('end'), 'cite', params.has('start'));
  if (!params.has('start')) window.scrollTo(0, 0);
}

// text[from, to) as nodes: text, and <span class="..."> where `spans`
// ([start, end, class] in string positions, any overlap) cover it.
function annotated(text, from, to, spans) {
  const cuts = new Set([from, to]);
  const inside = spans.filter(([s, e]) => e > from && s < to && e > s);
  for (const [s, e] of inside) {
    cuts.add(Math.max(from, s));
    cuts.add(Math.min(to, e));
  }
  const points = [...cuts].sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [p, q] = [points[i], points[i + 1]];
    if (q <= p) continue;
    const classes = [...new Set(inside.filter(([s, e]) => s <= p && e >= q).map((x) => x[2]))];
    const t = text.slice(p, q);
    out.push(classes.length ? h('span', {class: classes.join(' ')}, t) : t);
  }
  return out;
}
