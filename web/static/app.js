// The newsloom web UI: one page, hash routes, the JSON API of docs/api.md.
//
//   #/                      the story list (?q=&lang=&source=&entity=&since=&until=)   list.js
//   #/story/ID              a story: summary, timeline, coverage, facts, quotes,
//                           entities, events                                       story.js
//   #/article/ID?start=&end=&story=   an article, the cited bytes marked            article.js
//   #/entity/KEY            an entity and its stories                              entity.js
//
// Plain ES modules, no build step. Article text and every other field come
// from outside: nothing goes through innerHTML; elements are made with
// dom.js's h() (createElement, textContent). index.html's
// Content-Security-Policy forbids inline scripts as a second wall.
//
// This file routes and gives each page a view: {abort, timers, leave,
// reload}. Leaving a page aborts its requests, stops its timers and calls
// its leave() (which keeps the reader's place).
import {errorBox, h, show} from './dom.js';
import {parseHash} from './api.js';
import {refreshHealth} from './health.js';
import {renderList} from './list.js';
import {renderStory} from './story.js';
import {renderArticle} from './article.js';
import {renderEntity} from './entity.js';

let view = null;

function leaveView() {
  if (!view) return;
  view.abort.abort();
  for (const t of view.timers) clearInterval(t);
  if (view.leave) view.leave();
  view = null;
}

function newView() {
  leaveView();
  view = {abort: new AbortController(), timers: [], leave: null, reload: render};
  return view;
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
