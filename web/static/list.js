// The story list (#/): search, filters, paging, live refresh.

import {append, dateRange, errorBox, h, langBadges, plural, show} from './dom.js';
import {api, enc, route} from './api.js';
import {refreshHealth} from './health.js';
import {searchQuery, wordsQuery} from './search.js';

const POLL_MS = 10000;         // the story list's live refresh
const PAGE_SIZE = 20;
const FILTERS = ['q', 'lang', 'source', 'entity', 'since', 'until'];

// Kept across visits so going back to the list keeps its pages and place.
let listCache = null;  // {key, stories, cursor, scrollY}

// The list as the reader left it: its filters (and, from listCache, its
// pages and place).
export function listHref() {
  return listCache ? route.list(JSON.parse(listCache.key)) : '#/';
}

export function storyCard(s) {
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

export async function renderList(v, params) {
  const filters = {};
  for (const f of FILTERS) filters[f] = params.get(f) || '';
  // ?limit= sets the page size (the e2e test pages through a few stories).
  const pageSize = Math.min(100, Math.max(1, Math.floor(Number(params.get('limit'))) || PAGE_SIZE));
  const key = JSON.stringify(pageSize === PAGE_SIZE ? filters : {...filters, limit: pageSize});
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
    class: 'chip', title: 'Remove this filter', 'data-filter': f,
    href: route.list({...filters, [f]: ''}),
  }, `${f}: ${filters[f]} ✕`)));

  let state = listCache && listCache.key === key ? listCache : {key, stories: [], cursor: null, scrollY: 0, loaded: false};
  listCache = state;
  let pending = [];   // stories the poll found that the list does not show yet

  const form = filterForm(filters);
  show(form, heading, chips, errors, banner, status, list, more);
  // An entity filter is a key ("emanuel makron"); its chip shows the name.
  if (filters.entity) {
    api('entities/' + enc(filters.entity), {}, v.abort.signal).then((e) => {
      const chip = chips.querySelector('[data-filter=entity]');
      if (chip && e.name) chip.textContent = `entity: ${e.name} ✕`;
    }, () => {});
  }

  // The query sent: the search box's, or its words alone once the server
  // could not read its syntax (a 400), said under the list.
  if (state.q === undefined) state.q = searchQuery(filters.q);
  const updateStatus = () => {
    status.textContent = state.failed ? ''
      : (state.stories.length
        ? `${plural(state.stories.length, 'story', 'stories')} shown${state.cursor ? '' : ' (all)'}`
        : 'No stories match.') + (state.note ? ' ' + state.note : '');
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
      const page = await api('stories', {...filters, q: state.q, limit: pageSize,
                                         cursor: state.cursor || ''}, v.abort.signal);
      state.cursor = page.next_cursor || null;
      state.loaded = true;
      state.failed = false;
      addStories(page.stories || []);
      errors.replaceChildren();
    } catch (e) {
      if (e.name === 'AbortError') return;
      // Only a refused query (the API names it "search query"), not a bad
      // date or cursor, and not a lone "-word": its words alone would find
      // what it means to leave out; the message says what to write.
      if (e.code === 'bad_request' && /search query/.test(e.message || '') &&
          !/leaves out stories/.test(e.message || '') && state.q &&
          state.q !== wordsQuery(filters.q)) {
        state.q = wordsQuery(filters.q);
        state.note = `(Searched for the words alone: ${e.message})`;
        await loadPage();  // before this call's finally: its status is the retry's
        return;
      }
      state.failed = true;
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
      const page = await api('stories', {...filters, q: state.q, limit: pageSize},
                             v.abort.signal);
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
