// A story (#/story/ID): headline, summaries with citations, timeline,
// coverage, facts, quotes, entities and events.

import {countOf, countOutlets, dateRange, fmtDate, h, langBadges, plural, section, show} from './dom.js';
import {api, apiAnswer, citeHref, enc, route} from './api.js';
import {coverageChart, timelineChart} from './charts.js';
import {listHref} from './list.js';

const STORY_POLL_MS = 30000;   // a story page checks for growth less often
// A story of thousands of articles answers megabytes in full: the page
// lists each event's first ARTICLES_PER_EVENT and fetches the rest from
// /api/events/ID, MORE_ARTICLES at a time, when asked.
const ARTICLES_PER_EVENT = 100;
const MORE_ARTICLES = 500;

// How many articles an event has (article_count; older servers list all).
const articlesOf = (e) => e.article_count ?? (e.articles || []).length;
const articlesIn = (events) => events.reduce((n, e) => n + articlesOf(e), 0);

const storyScroll = new Map();   // story id -> scrollY when last left

export async function renderStory(v, id) {
  show(h('p', {class: 'loading'}, 'Loading story…'));
  const answer = await apiAnswer('stories/' + enc(id), {articles: ARTICLES_PER_EVENT}, v.abort.signal);
  const data = answer.body;
  const story = data.story || {};
  const report = data.report || {};
  const storyId = story.id ?? report.story ?? id;
  // The server answers a merged story's old id with a 301 to the story it
  // went into (docs/api.md); fetch follows it. The page then says where the
  // old one went. The address names the story shown (also for "0042"),
  // without a new history entry (replaceState fires no hashchange).
  const renamed = String(storyId) !== String(id);
  const moved = answer.redirected && renamed;
  if (renamed) history.replaceState(history.state, '', route.story(storyId));
  const articles = new Map((report.articles || []).map((a) => [String(a.id), a]));
  const events = story.events || [];
  const articleCount = articlesIn(events) || articles.size;

  const cite = (c, label) => {
    if (!c || c.article === undefined) return null;
    const a = articles.get(String(c.article));
    return h('a', {class: 'cite', href: citeHref(c, storyId),
                   title: 'Open the cited sentence in ' + ((a && a.title) || c.article)},
      label || c.outlet || (a && a.outlet) || String(c.article));
  };

  const outlets = (report.coverage && report.coverage.outlets) || [];
  const langs = [...new Set([...articles.values()].map((a) => a.lang).filter(Boolean))];
  const nav = h('nav', {class: 'toc', 'aria-label': 'Sections'},
    [['summary', 'Summary'], ['timeline', 'Timeline'], ['coverage', 'Coverage'], ['facts', 'Facts'],
     ['quotes', 'Quotes'], ['entities', 'Entities'], ['events', 'Events']]
      .map(([k, t]) => h('a', {href: '#sec-' + k, onclick: (ev) => {
        ev.preventDefault();   // keep the hash route; just scroll
        const target = document.getElementById('sec-' + k);
        if (target) target.scrollIntoView({behavior: 'smooth', block: 'start'});
      }}, t)));
  const growth = h('div', {class: 'new-banner-wrap'});

  show(
    h('p', {class: 'crumbs'}, h('a', {href: listHref()}, '← Stories')),
    h('header', {class: 'story-head'},
      h('h1', {}, report.headline || story.title || `Story ${storyId}`),
      h('div', {class: 'meta'},
        h('span', {class: 'dates'}, dateRange(report.first ?? story.first, report.last ?? story.last)),
        h('span', {}, plural(events.length, 'event')),
        h('span', {}, plural(articleCount, 'article')),
        h('span', {}, countOutlets(outlets)),
        langBadges(langs))),
    moved ? h('p', {class: 'moved-note', role: 'status'},
      `Story ${id} was merged into this one: the address now names story ${storyId}.`) : null,
    growth,
    nav,
    summarySection(report, cite),
    timelineSection(report, cite),
    coverageSection(report, cite, articles),
    factsSection(report, cite),
    quotesSection(report, cite),
    entitySection(report),
    eventsSection(events, storyId, articles, report.events || [], cite, v));
  // Back from a citation: where the reader was.
  window.scrollTo(0, storyScroll.get(String(storyId)) || 0);
  v.leave = () => storyScroll.set(String(storyId), window.scrollY);

  // Growth: the story list says how many articles the story has now.
  const poll = async () => {
    if (document.hidden) return;
    try {
      const fresh = await api('stories/' + enc(storyId), {articles: 0, report: 0}, v.abort.signal);
      const n = articlesIn((fresh.story && fresh.story.events) || []);
      if (n > articleCount) {
        growth.replaceChildren(h('button', {type: 'button', class: 'new-banner', onclick: () => v.reload()},
          `${plural(n - articleCount, 'new article')} in this story — reload`));
      }
    } catch (e) {
      /* a failed poll leaves the page as it is */
    }
  };
  v.timers.push(setInterval(poll, STORY_POLL_MS));
}

function summarySection(report, cite) {
  const summaries = report.summaries || [];
  if (!summaries.length) return section('summary', 'Summary', h('p', {class: 'empty'}, 'No summary.'));
  const panels = summaries.map((s, i) => h('div', {class: 'summary', lang: s.lang || null, 'data-lang': s.lang,
                                                  hidden: i > 0 || null},
    h('p', {}, (s.sentences || []).map((x, k) => h('span', {class: 'sentence'},
      x.text, ' ', cite(x.citation, String(k + 1)), ' ')))));
  const tabs = summaries.length > 1 ? h('div', {class: 'tabs', role: 'group', 'aria-label': 'Summary language'},
    summaries.map((s, i) => h('button', {
      type: 'button', 'aria-pressed': i === 0 ? 'true' : 'false', 'data-lang': s.lang,
      onclick: (ev) => {
        panels.forEach((p, k) => { p.hidden = k !== i; });
        ev.currentTarget.parentNode.querySelectorAll('button')
          .forEach((b, k) => b.setAttribute('aria-pressed', k === i ? 'true' : 'false'));
      },
    }, `${s.lang} (${plural(s.articles ?? 0, 'article')})`))) : null;
  return section('summary', 'Summary', tabs, panels,
    h('p', {class: 'hint'}, 'Numbers after a sentence are citations: open one to see the sentence in its article.'));
}

function timelineSection(report, cite) {
  const entries = report.timeline || [];
  if (!entries.length) return section('timeline', 'Timeline', h('p', {class: 'empty'}, 'No dated statements.'));
  const list = h('ol', {class: 'timeline'}, entries.map((t, i) => h('li', {id: 'tl-' + i},
    h('time', {datetime: t.date}, t.date), ' ',
    h('span', {class: 'tl-text'}, t.text), ' ',
    (t.citations || []).map((c) => [cite(c), ' ']))));
  return section('timeline', 'Timeline', timelineChart(entries, report.articles || []), list);
}

// The outlets with the most articles, in the chart and the table; a story
// of thousands of outlets would otherwise take the browser seconds to lay
// out (docs/performance.md). The table shows the rest on request.
const COVERAGE_OUTLETS = 30;

function coverageSection(report, cite, articles) {
  const outlets = (report.coverage && report.coverage.outlets) || [];   // most articles first
  if (!outlets.length) return section('coverage', 'Coverage', h('p', {class: 'empty'}, 'No outlets.'));
  const top = outlets.slice(0, COVERAGE_OUTLETS);
  const row = (o) => h('tr', {},
    h('th', {scope: 'row'}, o.outlet,
      o.named === false ? h('span', {class: 'hint', title: 'The file\'s name: its articles named no outlet'}, ' (file)') : null),
    h('td', {class: 'num'}, countOf(o.articles)),
    h('td', {}, langBadges(o.languages)),
    h('td', {}, fmtDate(o.first)),
    h('td', {}, fmtDate(o.last)),
    h('td', {class: 'num'}, (o.quotes || []).length));
  const body = h('tbody', {}, top.map(row));
  const table = h('table', {class: 'coverage'},
    h('thead', {}, h('tr', {}, ['Outlet', 'Articles', 'Languages', 'First', 'Last', 'Quotes']
      .map((t) => h('th', {scope: 'col'}, t)))),
    body);
  const rest = outlets.length - top.length;
  const more = rest > 0 ? h('p', {class: 'hint'},
    `The ${top.length} outlets with the most articles. `,
    h('button', {type: 'button', class: 'more-outlets', onclick: (ev) => {
      for (const o of outlets.slice(top.length)) body.append(row(o));
      ev.currentTarget.closest('p').remove();
    }}, `Show the other ${rest} in the table`)) : null;
  return section('coverage', 'Coverage', coverageChart(top, articles),
    h('div', {class: 'table-wrap'}, table), more);
}

function factItem(f, cite) {
  return h('li', {},
    h('strong', {class: 'fact-label'}, f.label || f.key), ' ',
    (f.outlets || []).length ? h('span', {class: 'outlets'}, '(' + f.outlets.join(', ') + ')') : null,
    f.sentence ? h('div', {class: 'fact-sentence'}, f.sentence, ' ', cite(f.citation)) : cite(f.citation));
}

function factsSection(report, cite) {
  const cov = report.coverage || {};
  const shared = cov.shared || [], unique = cov.unique || [], conflicts = cov.conflicts || [];
  // Long lists start folded so the page stays scannable.
  const block = (title, cls, items) => h('details', {class: 'facts ' + cls, open: items.length <= 8 || null},
    h('summary', {}, h('h3', {}, title)),
    items.length ? h('ul', {}, items) : h('p', {class: 'empty'}, 'None.'));
  return section('facts', 'Facts',
    block(`Shared by several outlets (${shared.length})`, 'shared', shared.map((f) => factItem(f, cite))),
    block(`Reported by one outlet (${unique.length})`, 'unique', unique.map((f) => factItem(f, cite))),
    block(`Conflicting numbers (${conflicts.length})`, 'conflicts', conflicts.map((c) => h('li', {class: 'conflict'},
      h('strong', {}, c.unit || 'figures'),
      h('ul', {}, (c.figures || []).map((f) => factItem(f, cite)))))));
}

function quotesSection(report, cite) {
  const quotes = [];
  for (const o of (report.coverage && report.coverage.outlets) || []) {
    for (const q of o.quotes || []) quotes.push({...q, outlet: o.outlet});
  }
  if (!quotes.length) return section('quotes', 'Quotes', h('p', {class: 'empty'}, 'No quotes.'));
  return section('quotes', 'Quotes', h('ul', {class: 'quotes'}, quotes.map((q) => h('li', {class: 'quote ' + (q.kind || '')},
    h('blockquote', {}, q.kind === 'direct' ? `“${q.text}”` : q.text),
    h('div', {class: 'meta'},
      h('span', {class: 'speaker'}, q.speaker || 'unknown speaker'),
      h('span', {class: 'badge'}, q.kind || 'quote'),
      cite(q.citation, q.outlet))))));
}

export function entityChip(e) {
  return h('a', {class: 'entity type-' + String(e.type || '').toLowerCase(), href: route.entity(e.key),
                 title: `${e.type || ''} · key ${e.key}`},
    e.name || e.key, e.articles !== undefined ? h('span', {class: 'count'}, e.articles) : null);
}

function entitySection(report) {
  const ents = report.entities || [];
  if (!ents.length) return section('entities', 'Entities', h('p', {class: 'empty'}, 'No entities.'));
  const groups = new Map();
  for (const e of ents) {
    const t = e.type || 'other';
    if (!groups.has(t)) groups.set(t, []);
    groups.get(t).push(e);
  }
  const names = {PER: 'People', ORG: 'Organisations', LOC: 'Places', MISC: 'Other'};
  return section('entities', 'Entities', [...groups].map(([t, es]) => h('div', {class: 'entity-group'},
    h('h3', {}, names[t] || t), h('div', {class: 'entities'}, es.map(entityChip)))),
    h('p', {class: 'hint'}, 'The number is how many of the story’s articles name it.'));
}

function articleRow(a, storyId, reportArticle) {
  const outlet = (reportArticle && reportArticle.outlet) || a.source || '';
  return h('li', {class: 'article' + (a.duplicate_of ? ' duplicate' : '')},
    h('a', {href: route.article(a.id, {story: storyId})},
      a.title || (reportArticle && reportArticle.opening) || a.id),
    h('div', {class: 'meta'},
      outlet ? h('span', {class: 'outlet'}, outlet) : null,
      h('span', {}, fmtDate(a.date)),
      langBadges([a.lang].filter(Boolean)),
      a.duplicate_of ? h('span', {class: 'badge dup'}, `${a.duplicate_kind || 'copy'} copy of `,
        h('a', {href: route.article(a.duplicate_of, {story: storyId})}, a.duplicate_of),
        a.similarity != null ? ` (${Number(a.similarity).toFixed(2)})` : '') : null));
}

// The events with their articles (copies marked) and, folded, the
// report's summary of each.
function eventsSection(events, storyId, articles, reportEvents, cite, v) {
  if (!events.length) return section('events', 'Events', h('p', {class: 'empty'}, 'No events.'));
  const summaries = new Map(reportEvents.map((e) => [String(e.id), e.summaries || []]));
  const eventSummary = (id) => {
    const sums = summaries.get(String(id)) || [];
    if (!sums.length) return null;
    return h('details', {class: 'event-summary'}, h('summary', {}, 'Summary'),
      sums.map((s) => h('p', {lang: s.lang || null}, h('span', {class: 'badge lang'}, s.lang), ' ',
        (s.sentences || []).map((x, k) => h('span', {class: 'sentence'}, x.text, ' ', cite(x.citation, String(k + 1)), ' ')))));
  };
  return section('events', 'Events', h('ol', {class: 'events'}, events.map((e) => h('li', {class: 'event', 'data-id': e.id},
    h('h3', {}, e.title || `Event ${e.id}`),
    h('div', {class: 'meta'}, h('span', {}, dateRange(e.first, e.last)),
      h('span', {}, plural(articlesOf(e), 'article')),
      (e.articles || []).some((a) => a.duplicate_of)
        ? h('span', {class: 'badge dup'}, plural(e.articles.filter((a) => a.duplicate_of).length, 'copy', 'copies'),
          (e.articles || []).length < articlesOf(e) ? ' among the first listed' : '') : null),
    eventSummary(e.id),
    eventArticles(e, storyId, articles, v)))));
}

// An event's articles as listed, and a button that fetches the next ones
// while some are not.
function eventArticles(e, storyId, articles, v) {
  const list = h('ul', {class: 'articles'}, (e.articles || []).map((a) => articleRow(a, storyId, articles.get(String(a.id)))));
  const total = articlesOf(e);
  let shown = (e.articles || []).length;
  if (shown >= total) return list;
  const status = h('span', {class: 'status', role: 'status'});
  const more = h('button', {type: 'button', class: 'more-articles'});
  const label = () => {
    more.textContent = `Show ${Math.min(MORE_ARTICLES, total - shown)} more of ${total - shown} not listed`;
  };
  label();
  more.addEventListener('click', async () => {
    more.disabled = true;
    status.textContent = 'Loading…';
    try {
      const page = await api('events/' + enc(e.id), {offset: shown, limit: MORE_ARTICLES}, v.abort.signal);
      const got = page.articles || [];
      for (const a of got) list.append(articleRow(a, storyId, articles.get(String(a.id))));
      shown += got.length;
      status.textContent = '';
      if (shown >= total || !got.length) {
        more.remove();
      } else {
        label();
        more.disabled = false;
      }
    } catch (err) {
      if (err.name === 'AbortError') return;
      status.textContent = 'Could not load them: ' + err.message;
      more.disabled = false;
    }
  });
  return h('div', {class: 'event-articles'}, list, h('p', {}, more, ' ', status));
}
