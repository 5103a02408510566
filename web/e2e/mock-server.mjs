// A stand-in for `newsloom serve` (docs/api.md) over a fixed data set, for
// working on the UI without building the server, and for the e2e test's
// --mode mock. It serves web/static and answers the read endpoints from a
// fixture file written by make-fixtures.mjs (the real engine's shapes).
//
//   node web/e2e/mock-server.mjs [--fixtures web/e2e/fixtures/demo.json]
//                                [--port 8080] [--static web/static]
//
// Prints "listening on http://127.0.0.1:PORT" (--port 0 picks a free one).
// Search (q) is a plain case-insensitive word match, not FTS5; an
// unbalanced double quote is a 400 as FTS5 would make it. POST
// /api/articles adds each article as a new one-article story, so the
// UI's live refresh can be tried.
import {createServer} from 'node:http';
import {readFileSync, existsSync, statSync} from 'node:fs';
import {dirname, join, normalize, extname, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

class HttpError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// As the server does: the articles' own source fields, distinct, non-empty.
function sourcesOf(story, articles) {
  const all = (story.events || []).flatMap((e) => e.articles || []);
  return [...new Set(all.map((a) => (articles[a.id] || {}).source).filter(Boolean))];
}

function storyItem({story, report}, articles) {
  const arts = (story.events || []).flatMap((e) => e.articles || []);
  return {
    id: story.id,
    title: story.title,
    first: story.first ?? report.first ?? null,
    last: story.last ?? report.last ?? null,
    events: (story.events || []).length,
    articles: arts.length,
    languages: [...new Set(arts.map((a) => a.lang).filter(Boolean))],
    sources: sourcesOf(story, articles),
  };
}

export function createMock(data, staticDir) {
  const storyItemOf = (s) => storyItem(s, data.articles);
  const byId = new Map(data.stories.map((s) => [String(s.story.id), s]));
  let added = 0;

  const sorted = () => [...data.stories].sort((a, b) => {
    const la = storyItemOf(a).last || '', lb = storyItemOf(b).last || '';
    return la === lb ? b.story.id - a.story.id : lb.localeCompare(la);
  });

  const textOf = (s) => {
    const parts = [s.story.title || ''];
    for (const e of s.story.events || []) {
      for (const a of e.articles || []) {
        const full = data.articles[a.id];
        parts.push(a.title || '', (full && full.text) || '');
      }
    }
    return parts.join('\n').toLowerCase();
  };

  function listStories(p) {
    const q = p.get('q') || '';
    if ((q.match(/"/g) || []).length % 2) throw new HttpError(400, 'bad_request', `fts5: syntax error near "${q}"`);
    const words = q.toLowerCase().replace(/["()*^:]/g, ' ').split(/\s+/)
      .filter((w) => w && !['and', 'or', 'not', 'near'].includes(w));
    const limitRaw = p.get('limit');
    const limit = limitRaw === null ? 20 : Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new HttpError(400, 'bad_request', `parameter limit "${limitRaw}" must be 1 to 100`);
    }
    for (const k of ['since', 'until']) {
      const v = p.get(k);
      if (v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new HttpError(400, 'bad_request', `${k} must be an ISO day (YYYY-MM-DD)`);
    }
    let offset = 0;
    if (p.get('cursor')) {
      offset = Number(Buffer.from(p.get('cursor'), 'base64url').toString());
      if (!Number.isInteger(offset) || offset < 0) throw new HttpError(400, 'bad_request', 'bad cursor');
    }
    const matches = sorted().filter((s) => {
      const item = storyItemOf(s);
      if (words.length) {
        const t = textOf(s);
        if (!words.every((w) => t.includes(w))) return false;
      }
      if (p.get('entity') && !(s.report.entities || []).some((e) => e.key === p.get('entity'))) return false;
      if (p.get('lang') && !item.languages.includes(p.get('lang'))) return false;
      if (p.get('source') && !item.sources.includes(p.get('source'))) return false;
      if (p.get('since') && (item.last || '') < p.get('since')) return false;
      if (p.get('until') && item.first && item.first > p.get('until')) return false;
      return true;
    });
    const page = matches.slice(offset, offset + limit);
    const next = offset + page.length < matches.length
      ? Buffer.from(String(offset + page.length)).toString('base64url') : null;
    return {stories: page.map(storyItemOf), next_cursor: next};
  }

  function entity(key) {
    let found = null;
    const stories = [];
    const forms = {};
    for (const s of sorted()) {
      const e = (s.report.entities || []).find((x) => x.key === key);
      if (!e) continue;
      found = found || e;
      stories.push(storyItemOf(s));
      for (const [lang, fs] of Object.entries(e.forms || {})) {
        forms[lang] = [...new Set([...(forms[lang] || []), ...fs])];
      }
    }
    if (!found) throw new HttpError(404, 'not_found', `no entity ${key}`);
    return {key, name: found.name, type: found.type, forms, stories};
  }

  function event(id) {
    for (const s of data.stories) {
      const e = (s.story.events || []).find((x) => String(x.id) === id);
      if (e) return {id: e.id, title: e.title, story: s.story.id, first: e.first, last: e.last, articles: e.articles};
    }
    throw new HttpError(404, 'not_found', `no event ${id}`);
  }

  // A new story per posted article: enough to watch the list grow.
  function ingest(body) {
    const items = Array.isArray(body) ? body : [body];
    const out = [];
    const errors = [];
    items.forEach((a, i) => {
      if (!a || typeof a.text !== 'string' || !a.text.trim()) {
        errors.push({item: i, message: 'an article needs a text'});
        return;
      }
      added += 1;
      const id = a.id ? String(a.id) : `mock${added}`;
      const date = a.date || null;
      const item = {id, input: 'POST', title: a.title || '', lang: a.lang || 'en', date,
                    duplicate_of: null, duplicate_kind: null, similarity: null};
      // The same text again is a copy in the first one's story.
      const original = Object.values(data.articles).find((x) => x.text === a.text);
      if (original) {
        const s = byId.get(String(original.story));
        item.duplicate_of = original.id;
        item.duplicate_kind = 'exact';
        item.similarity = 1;
        s.story.events[0].articles.push(item);
        data.articles[id] = {...original, ...item, external_id: id, source: a.source || '', url: a.url || '',
                             copies: [], outlets: [a.source || '']};
        out.push({id, event: s.story.events[0].id, story: s.story.id, duplicate_of: original.id});
        return;
      }
      const sid = Math.max(0, ...data.stories.map((s) => Number(s.story.id))) + 1;
      data.articles[id] = {...item, external_id: id, source: a.source || '', url: a.url || '',
                           lang_confidence: 1, event: sid, text: a.text, copies: [],
                           outlets: [a.source || ''], story: sid, entities: [], dates: [], quotes: []};
      const story = {id: sid, title: a.title || '', first: date, last: date,
                     events: [{id: sid, title: a.title || '', first: date, last: date, articles: [item]}]};
      const report = {story: sid, headline: a.title || '', first: date, last: date, summaries: [], events: [],
                      timeline: [], coverage: {outlets: [], shared: [], unique: [], conflicts: []}, entities: [],
                      articles: [{id, title: a.title || '', outlet: a.source || '', lang: item.lang, date,
                                  url: a.url || '', input: 'POST', duplicate: false}]};
      data.stories.push({story, report});
      byId.set(String(sid), {story, report});
      out.push({id, event: sid, story: sid, duplicate_of: null});
    });
    return {accepted: out.length, skipped: errors.length, articles: out, errors};
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://localhost');
    const path = url.pathname;
    if (path.startsWith('/api/')) {
      const seg = path.slice(5).split('/').map(decodeURIComponent);
      if (req.method === 'POST' && seg[0] === 'articles' && seg.length === 1) {
        const chunks = [];
        for await (const c of req) chunks.push(c);
        let body;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch (e) {
          throw new HttpError(400, 'bad_request', 'malformed JSON: ' + e.message);
        }
        return ingest(body);
      }
      if (req.method !== 'GET') throw new HttpError(405, 'method_not_allowed', `${req.method} not allowed`);
      if (seg[0] === 'health' && seg.length === 1) {
        return {status: 'ok', articles: Object.keys(data.articles).length, stories: data.stories.length, version: 'mock'};
      }
      if (seg[0] === 'stories' && seg.length === 1) return listStories(url.searchParams);
      if (seg[0] === 'stories' && seg.length === 2) {
        const s = byId.get(seg[1]);
        if (!s) throw new HttpError(404, 'not_found', `no story ${seg[1]}`);
        return {story: s.story, report: s.report};
      }
      if (seg[0] === 'events' && seg.length === 2) return event(seg[1]);
      if (seg[0] === 'articles' && seg.length === 2) {
        const a = data.articles[seg[1]];
        if (!a) throw new HttpError(404, 'not_found', `no article ${seg[1]}`);
        return a;
      }
      if (seg[0] === 'entities' && seg.length === 2) return entity(seg[1]);
      if (seg[0] === 'openapi.json') return {openapi: '3.0.3', info: {title: 'newsloom (mock)', version: 'mock'}, paths: {}};
      throw new HttpError(404, 'not_found', `no endpoint ${path}`);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method_not_allowed', 'read only');
    const rel = path === '/' ? 'index.html' : decodeURIComponent(path.slice(1));
    const file = normalize(join(staticDir, rel));
    if (!file.startsWith(staticDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      throw new HttpError(404, 'not_found', `no file ${path}`);
    }
    res.writeHead(200, {'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
                        'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff'});
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
    return undefined;
  }

  return createServer((req, res) => {
    handle(req, res).then((body) => {
      if (body === undefined) return;
      res.writeHead(200, {'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store'});
      res.end(JSON.stringify(body));
    }, (e) => {
      const status = e instanceof HttpError ? e.status : 500;
      const code = e instanceof HttpError ? e.code : 'internal';
      if (!(e instanceof HttpError)) console.error(e);
      res.writeHead(status, {'Content-Type': 'application/json; charset=utf-8'});
      res.end(JSON.stringify({error: {code, message: e.message}}));
    });
  });
}

function main() {
  const {values} = parseArgs({options: {
    fixtures: {type: 'string', default: join(here, 'fixtures', 'demo.json')},
    port: {type: 'string', default: '8080'},
    static: {type: 'string', default: join(here, '..', 'static')},
  }});
  const data = JSON.parse(readFileSync(values.fixtures, 'utf8'));
  const server = createMock(data, normalize(values.static));
  server.listen(Number(values.port), '127.0.0.1', () => {
    console.log(`listening on http://127.0.0.1:${server.address().port}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
