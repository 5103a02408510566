// An entity (#/entity/KEY): its names per language and its stories.

import {h, section, show} from './dom.js';
import {api, enc, route} from './api.js';
import {listHref, storyCard} from './list.js';

export async function renderEntity(v, key) {
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
