// The newsloom web UI: one page, hash routes, the JSON API of docs/api.md.
//
//   #/                      the story list (?q=&lang=&source=&entity=&since=&until=)
//   #/story/ID              a story: summary, timeline, coverage, facts, quotes, entities, events
//   #/article/ID?start=&end=&story=   an article, the cited bytes highlighted
//   #/entity/KEY            an entity and its stories
//
// Article text and every other field come from outside: nothing here goes
// through innerHTML. Elements are made with createElement and filled with
// textContent (h() below); links are our own hash routes, or http(s) URLs
// checked by safeUrl(). index.html's Content-Security-Policy forbids
// inline scripts as a second wall.
'use strict';

(() => {
  const POLL_MS = 10000;         // the story list's live refresh
  const STORY_POLL_MS = 30000;   // a story page checks for growth less often
  const PAGE_SIZE = 20;
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const FILTERS = ['q', 'lang', 'source', 'entity', 'since', 'until'];

  // ---------------------------------------------------------------- DOM

  // h('a', {href: '#/', class: 'x', onclick: f}, 'text', child, [more]):
  // strings become text nodes, never markup.
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    setProps(el, props);
    append(el, children);
    return el;
  }

  function svg(tag, props, ...children) {
    const el = document.createElementNS(SVG_NS, tag);
    setProps(el, props);
    append(el, children);
    return el;
  }

  function setProps(el, props) {
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = String(v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }

  function append(el, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }

  // An external link only for http(s) URLs; anything else (javascript:,
  // data:) is shown as plain text.
  function safeUrl(url) {
    if (!url) return null;
    try {
      const u = new URL(url);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch {
      return null;
    }
  }

  function externalLink(url) {
    const href = safeUrl(url);
    if (!href) return h('span', {class: 'url'}, url || '');
    return h('a', {href, class: 'url', rel: 'noopener noreferrer nofollow', target: '_blank'}, url);
  }

  // ------------------------------------------------------------ routes

  const enc = encodeURIComponent;

  function query(params) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v !== null && v !== undefined && v !== '') p.set(k, v);
    }
    const s = p.toString();
    return s ? '?' + s : '';
  }

  const route = {
    list: (filters = {}) => '#/' + query(filters),
    story: (id) => '#/story/' + enc(id),
    article: (id, extra = {}) => '#/article/' + enc(id) + query(extra),
    entity: (key) => '#/entity/' + enc(key),
  };

  function citeHref(c, storyId) {
    return route.article(c.article, {start: c.start, end: c.end, story: storyId});
  }

  function parseHash() {
    const raw = location.hash.replace(/^#/, '') || '/';
    const at = raw.indexOf('?');
    const path = at < 0 ? raw : raw.slice(0, at);
    const params = new URLSearchParams(at < 0 ? '' : raw.slice(at + 1));
    let parts;
    try {
      parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      parts = ['?'];
    }
    return {parts, params};
  }

  // --------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  // GET api/PATH?params -> parsed JSON; errors become ApiError with the
  // server's {"error":{"code","message"}} when it sent one.
  async function api(path, params = {}, signal) {
    const url = new URL('api/' + path + query(params), document.baseURI);
    let res;
    try {
      res = await fetch(url, {headers: {Accept: 'application/json'}, signal});
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, 'network', 'Cannot reach the newsloom server (' + e.message + ').');
    }
    const text = await res.text();
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    if (!res.ok) {
      const err = body && body.error;
      throw new ApiError(res.status, (err && err.code) || 'http_' + res.status,
                         (err && err.message) || text.slice(0, 300) || res.statusText);
    }
    if (body === null) throw new ApiError(res.status, 'bad_response', 'The server answered with something that is not JSON.');
    return body;
  }

  function errorBox(err, retry) {
    const box = h('div', {class: 'error', role: 'alert'},
      h('strong', {}, err.status ? `Error ${err.status}` : 'Error'),
      err.code ? h('code', {class: 'code'}, err.code) : null,
      h('span', {class: 'message'}, err.message || String(err)));
    if (retry) box.append(h('button', {type: 'button', onclick: retry}, 'Try again'));
    return box;
  }

  // ------------------------------------------------- text and offsets

  // A coverage outlet's "articles" is the list of its article ids (a count
  // is accepted too).
  function countOf(x) {
    return Array.isArray(x) ? x.length : Number(x) || 0;
  }

  function fmtDate(d) {
    return d || 'undated';
  }

  function dateRange(first, last) {
    if (!first && !last) return 'undated';
    if (first === last || !last) return fmtDate(first);
    return `${fmtDate(first)} – ${fmtDate(last)}`;
  }

  function plural(n, one, many) {
    return `${n} ${n === 1 ? one : many || one + 's'}`;
  }

  function langBadges(langs) {
    return (langs || []).map((l) => h('span', {class: 'badge lang', title: 'language'}, l));
  }

  function section(id, title, ...children) {
    return h('section', {id: 'sec-' + id, class: 'card'}, h('h2', {}, title), ...children);
  }

  // Days between two ISO days ("2024-02-26"), for chart axes.
  function dayNumber(iso) {
    const t = Date.parse(iso + 'T00:00:00Z');
    return Number.isNaN(t) ? null : Math.round(t / 86400000);
  }

  function isoOfDay(n) {
    return new Date(n * 86400000).toISOString().slice(0, 10);
  }

  // ------------------------------------------------------------ views

  const app = document.getElementById('app');
  let view = null;   // {abort: AbortController, timers: [], leave()}

  function leaveView() {
    if (!view) return;
    view.abort.abort();
    for (const t of view.timers) clearInterval(t);
    if (view.leave) view.leave();
    view = null;
  }

  function newView() {
    leaveView();
    view = {abort: new AbortController(), timers: [], leave: null};
    return view;
  }

  // (replaceChildren would write a null as the text "null".) The page's
  // title follows its first heading.
  function show(...nodes) {
    app.replaceChildren(...nodes.flat(Infinity).filter((n) => n !== null && n !== undefined && n !== false));
    const h1 = app.querySelector('h1');
    document.title = h1 && h1.textContent !== 'Stories' ? `${h1.textContent} — newsloom` : 'newsloom';
  }

  async function render() {
    const {parts, params} = parseHash();
    const v = newView();
    try {
      if (parts.length === 0) return await renderList(v, params);
      if (parts[0] === 'story' && parts.length === 2) return await renderStory(v, parts[1]);
      if (parts[0] === 'article' && parts.length === 2) return await renderArticle(v, parts[1], params);
      if (parts[0] === 'entity' && parts.length === 2) return await renderEntity(v, parts[1]);
      show(errorBox({code: 'not_found', message: 'No such page: ' + location.hash}));
    } catch (e) {
      if (e.name === 'AbortError' || v !== view) return;
      show(h('p', {}, h('a', {href: '#/'}, '← Stories')), errorBox(e, render));
    }
  }

  // ------------------------------------------------------- story list

  // Kept across visits so going back to the list keeps its pages and place.
  let listCache = null;  // {key, stories, cursor, scrollY}

  function storyCard(s) {
    const li = h('li', {class: 'story', 'data-id': s.id});
    fillStoryCard(li, s);
    return li;
  }

  function fillStoryCard(li, s) {
    const sources = s.sources || [];
    const shown = sources.slice(0, 4);
    li.replaceChildren();
    append(li, [
      h('a', {class: 'story-title', href: route.story(s.id)}, s.title || `Story ${s.id}`),
      h('div', {class: 'meta'},
        h('span', {class: 'dates'}, dateRange(s.first, s.last)),
        h('span', {}, plural(s.events ?? 0, 'event')),
        h('span', {}, plural(s.articles ?? 0, 'article')),
        langBadges(s.languages)),
      sources.length
        ? h('div', {class: 'sources'}, shown.join(' · '),
            sources.length > shown.length ? ` +${sources.length - shown.length}` : '')
        : null]);
    li.dataset.sig = `${s.last}|${s.articles}|${s.events}|${s.title}`;
  }

  function filterForm(filters) {
    const input = (name, label, attrs = {}) => h('label', {class: 'field field-' + name},
      h('span', {}, label),
      h('input', {name, value: filters[name] || '', ...attrs}));
    const form = h('form', {class: 'filters', role: 'search'},
      h('div', {class: 'search-row'},
        h('input', {name: 'q', type: 'search', value: filters.q || '', placeholder: 'Search stories, e.g. Macron',
                    'aria-label': 'Search', autocomplete: 'off'}),
        h('button', {type: 'submit'}, 'Search')),
      h('details', {class: 'more-filters', open: FILTERS.slice(1).some((f) => filters[f]) || null},
        h('summary', {}, 'Filters'),
        h('div', {class: 'filter-grid'},
          input('lang', 'Language', {list: 'dl-lang', placeholder: 'en', maxlength: 3, size: 4}),
          input('source', 'Outlet', {list: 'dl-source', placeholder: 'any outlet'}),
          input('entity', 'Entity key', {placeholder: '@fr, emmanuel macron'}),
          input('since', 'Since', {type: 'date'}),
          input('until', 'Until', {type: 'date'}),
          h('a', {class: 'clear', href: route.list()}, 'Clear all'))),
      h('datalist', {id: 'dl-lang'}),
      h('datalist', {id: 'dl-source'}));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const data = new FormData(form);
      const next = {};
      for (const f of FILTERS) next[f] = String(data.get(f) || '').trim();
      location.hash = route.list(next);
    });
    return form;
  }

  async function renderList(v, params) {
    const filters = {};
    for (const f of FILTERS) filters[f] = params.get(f) || '';
    const key = JSON.stringify(filters);
    // The languages and outlets of the stories seen so far, offered as
    // the filters' suggestions.
    const seen = {lang: new Set(), source: new Set()};
    const remember = (stories) => {
      for (const s of stories) {
        for (const [kind, values] of [['lang', s.languages], ['source', s.sources]]) {
          for (const x of values || []) {
            if (seen[kind].has(x)) continue;
            seen[kind].add(x);
            const list = document.getElementById('dl-' + kind);
            if (list) list.append(h('option', {value: x}));
          }
        }
      }
    };

    const list = h('ul', {class: 'stories', id: 'stories'});
    const status = h('p', {class: 'status', 'aria-live': 'polite'});
    const banner = h('button', {type: 'button', class: 'new-banner', hidden: true});
    const more = h('button', {type: 'button', class: 'more', hidden: true}, 'More stories');
    const errors = h('div', {class: 'errors'});
    const active = FILTERS.filter((f) => filters[f]);
    const heading = h('h1', {}, active.length ? 'Stories matching' : 'Stories');
    const chips = h('div', {class: 'chips'}, active.map((f) => h('a', {
      class: 'chip', title: 'Remove this filter',
      href: route.list({...filters, [f]: ''}),
    }, `${f}: ${filters[f]} ✕`)));

    let state = listCache && listCache.key === key ? listCache : {key, stories: [], cursor: null, scrollY: 0, loaded: false};
    listCache = state;
    let pending = [];   // stories the poll found that the list does not show yet

    const form = filterForm(filters);
    show(form, heading, chips, errors, banner, status, list, more);

    const updateStatus = () => {
      status.textContent = state.stories.length
        ? `${plural(state.stories.length, 'story', 'stories')} shown${state.cursor ? '' : ' (all)'}`
        : 'No stories match.';
      more.hidden = !state.cursor;
    };

    const addStories = (stories) => {
      const have = new Set(state.stories.map((s) => String(s.id)));
      for (const s of stories) {
        if (have.has(String(s.id))) continue;
        state.stories.push(s);
        list.append(storyCard(s));
      }
      remember(stories);
    };

    const loadPage = async () => {
      more.disabled = true;
      if (!state.stories.length) status.textContent = 'Loading…';
      try {
        const page = await api('stories', {...filters, limit: PAGE_SIZE, cursor: state.cursor || ''}, v.abort.signal);
        state.cursor = page.next_cursor || null;
        state.loaded = true;
        addStories(page.stories || []);
        errors.replaceChildren();
      } catch (e) {
        if (e.name === 'AbortError') return;
        errors.replaceChildren(errorBox(e, loadPage));
      } finally {
        more.disabled = false;
        updateStatus();
      }
    };
    more.addEventListener('click', loadPage);

    // Live refresh: read the first page again; stories already shown are
    // updated where they are (so the reader keeps their place); new ones
    // wait behind the "N new" button.
    const poll = async () => {
      if (document.hidden) return;
      refreshHealth();
      try {
        const page = await api('stories', {...filters, limit: PAGE_SIZE}, v.abort.signal);
        const byId = new Map(state.stories.map((s, i) => [String(s.id), i]));
        const fresh = [];
        for (const s of page.stories || []) {
          const i = byId.get(String(s.id));
          if (i === undefined) {
            fresh.push(s);
            continue;
          }
          state.stories[i] = s;
          const li = list.querySelector(`li[data-id="${CSS.escape(String(s.id))}"]`);
          const sig = `${s.last}|${s.articles}|${s.events}|${s.title}`;
          if (li && li.dataset.sig !== sig) {
            fillStoryCard(li, s);
            li.classList.remove('updated');
            void li.offsetWidth;   // restart the highlight animation
            li.classList.add('updated');
          }
        }
        remember(page.stories || []);
        pending = fresh;
        banner.hidden = pending.length === 0;
        banner.textContent = `${plural(pending.length, 'new story', 'new stories')} — show`;
        if (!state.stories.length && pending.length) showPending();
        errors.replaceChildren();
      } catch (e) {
        if (e.name === 'AbortError') return;
        errors.replaceChildren(errorBox(e));
      }
    };
    const showPending = () => {
      const have = new Set(state.stories.map((s) => String(s.id)));
      const add = pending.filter((s) => !have.has(String(s.id)));
      state.stories.unshift(...add);
      list.prepend(...add.map((s) => {
        const li = storyCard(s);
        li.classList.add('updated');
        return li;
      }));
      pending = [];
      banner.hidden = true;
      updateStatus();
      window.scrollTo({top: 0});
    };
    banner.addEventListener('click', showPending);

    v.leave = () => {
      state.scrollY = window.scrollY;
    };
    if (state.loaded) {
      remember(state.stories);
      list.append(...state.stories.map(storyCard));
      updateStatus();
      requestAnimationFrame(() => window.scrollTo(0, state.scrollY));
      poll();
    } else {
      await loadPage();
    }
    v.timers.push(setInterval(poll, POLL_MS));
  }

  // ------------------------------------------------------------ story

  const storyScroll = new Map();   // story id -> scrollY when last left

  async function renderStory(v, id) {
    show(h('p', {class: 'loading'}, 'Loading story…'));
    const data = await api('stories/' + enc(id), {}, v.abort.signal);
    const story = data.story || {};
    const report = data.report || {};
    const storyId = story.id ?? report.story ?? id;
    const articles = new Map((report.articles || []).map((a) => [String(a.id), a]));
    const events = story.events || [];
    const articleCount = events.reduce((n, e) => n + (e.articles || []).length, 0) || articles.size;

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
          h('span', {}, plural(outlets.length, 'outlet')),
          langBadges(langs))),
      growth,
      nav,
      summarySection(report, cite),
      timelineSection(report, cite),
      coverageSection(report, cite, articles),
      factsSection(report, cite),
      quotesSection(report, cite),
      entitySection(report),
      eventsSection(events, storyId, articles, report.events || [], cite));
    // Back from a citation: where the reader was.
    window.scrollTo(0, storyScroll.get(String(id)) || 0);
    v.leave = () => storyScroll.set(String(id), window.scrollY);

    // Growth: the story list says how many articles the story has now.
    const poll = async () => {
      if (document.hidden) return;
      try {
        const fresh = await api('stories/' + enc(id), {}, v.abort.signal);
        const n = ((fresh.story && fresh.story.events) || []).reduce((k, e) => k + (e.articles || []).length, 0);
        if (n > articleCount) {
          growth.replaceChildren(h('button', {type: 'button', class: 'new-banner', onclick: render},
            `${plural(n - articleCount, 'new article')} in this story — reload`));
        }
      } catch (e) {
        /* a failed poll leaves the page as it is */
      }
    };
    v.timers.push(setInterval(poll, STORY_POLL_MS));
  }

  // The list as the reader left it: its filters (and, from listCache, its
  // pages and place).
  function listHref() {
    return listCache ? route.list(JSON.parse(listCache.key)) : '#/';
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

  // Dots for the timeline's dated statements (bigger = higher score) over
  // bars of how many articles appeared each day.
  function timelineChart(entries, articles) {
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

  function snippet(text, n = 90) {
    const t = String(text || '').replace(/\s+/g, ' ').trim();
    return t.length > n ? t.slice(0, n - 1).trimEnd() + '…' : t;
  }

  // Charts are drawn at about the width they are shown at, so their text
  // stays readable on a phone.
  function chartWidth() {
    return Math.max(300, Math.min(760, app.clientWidth - 36));
  }

  function flash(el) {
    el.classList.remove('flash');
    void el.offsetWidth;
    el.classList.add('flash');
  }

  function coverageSection(report, cite, articles) {
    const outlets = (report.coverage && report.coverage.outlets) || [];
    if (!outlets.length) return section('coverage', 'Coverage', h('p', {class: 'empty'}, 'No outlets.'));
    const table = h('table', {class: 'coverage'},
      h('thead', {}, h('tr', {}, ['Outlet', 'Articles', 'Languages', 'First', 'Last', 'Quotes']
        .map((t) => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, outlets.map((o) => h('tr', {},
        h('th', {scope: 'row'}, o.outlet),
        h('td', {class: 'num'}, countOf(o.articles)),
        h('td', {}, langBadges(o.languages)),
        h('td', {}, fmtDate(o.first)),
        h('td', {}, fmtDate(o.last)),
        h('td', {class: 'num'}, (o.quotes || []).length)))));
    return section('coverage', 'Coverage', coverageChart(outlets, articles),
      h('div', {class: 'table-wrap'}, table));
  }

  // One row per outlet: its first to last day on the story's axis, a dot
  // per article day, and its article count as a bar on the right.
  function coverageChart(outlets, articles) {
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

  function entityChip(e) {
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
      h('a', {href: route.article(a.id, {story: storyId})}, a.title || a.id),
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
  function eventsSection(events, storyId, articles, reportEvents, cite) {
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
        h('span', {}, plural((e.articles || []).length, 'article')),
        (e.articles || []).some((a) => a.duplicate_of)
          ? h('span', {class: 'badge dup'}, plural(e.articles.filter((a) => a.duplicate_of).length, 'copy', 'copies')) : null),
      eventSummary(e.id),
      h('ul', {class: 'articles'}, (e.articles || []).map((a) => articleRow(a, storyId, articles.get(String(a.id)))))))));
  }

  // ---------------------------------------------------------- article

  async function renderArticle(v, id, params) {
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

  // ----------------------------------------------------------- entity

  async function renderEntity(v, key) {
    show(h('p', {class: 'loading'}, 'Loading entity…'));
    const e = await api('entities/' + enc(key), {}, v.abort.signal);
    const forms = Object.entries(e.forms || {});
    const stories = e.stories || [];
    show(
      h('p', {class: 'crumbs'}, h('a', {href: listHref()}, '← Stories')),
      h('header', {class: 'entity-head'},
        h('h1', {}, e.name || e.key),
        h('div', {class: 'meta'}, e.type ? h('span', {class: 'badge'}, e.type) : null,
          h('span', {}, 'key ', h('code', {}, e.key)))),
      forms.length ? section('forms', 'Written as', h('dl', {class: 'forms'},
        forms.map(([lang, fs]) => [h('dt', {}, lang), h('dd', {}, (fs || []).join(', '))]))) : null,
      section('stories', `Stories (${stories.length})`,
        stories.length ? h('ul', {class: 'stories'}, stories.map(storyCard)) : h('p', {class: 'empty'}, 'No stories.'),
        h('p', {}, h('a', {href: route.list({entity: e.key})}, 'Search the story list with this entity'))));
    window.scrollTo(0, 0);
  }

  // ----------------------------------------------------------- health

  const healthEl = document.getElementById('health');
  async function refreshHealth() {
    try {
      const hl = await api('health');
      healthEl.textContent = `${plural(hl.articles ?? 0, 'article')} · ${plural(hl.stories ?? 0, 'story', 'stories')}`;
      healthEl.classList.remove('down');
      healthEl.title = hl.version ? 'newsloom ' + hl.version : '';
    } catch (e) {
      healthEl.textContent = 'server unreachable';
      healthEl.classList.add('down');
    }
  }

  // "/" jumps to the search box, as on most sites.
  document.addEventListener('keydown', (ev) => {
    const box = document.querySelector('input[name=q]');
    if (ev.key !== '/' || !box || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName || '')) return;
    ev.preventDefault();
    box.focus();
  });

  window.addEventListener('hashchange', () => {
    // In-page links (#sec-…) are handled by their click handlers.
    if (!location.hash.startsWith('#sec-')) render();
  });
  refreshHealth();
  render();
})();
