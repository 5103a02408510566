// The header's article and story counts (GET /api/health).

import {plural} from './dom.js';
import {api} from './api.js';

const healthEl = document.getElementById('health');

export async function refreshHealth() {
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
