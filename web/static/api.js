// The JSON API of docs/api.md and the UI's own addresses (hash routes).

export const enc = encodeURIComponent;

export function query(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') p.set(k, v);
  }
  const s = p.toString();
  return s ? '?' + s : '';
}

export const route = {
  list: (filters = {}) => '#/' + query(filters),
  story: (id) => '#/story/' + enc(id),
  article: (id, extra = {}) => '#/article/' + enc(id) + query(extra),
  entity: (key) => '#/entity/' + enc(key),
};

export function citeHref(c, storyId) {
  return route.article(c.article, {start: c.start, end: c.end, story: storyId});
}

export function parseHash() {
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

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// GET api/PATH?params -> parsed JSON; errors become ApiError with the
// server's {"error":{"code","message"}} when it sent one.
export async function api(path, params = {}, signal) {
  return (await apiAnswer(path, params, signal)).body;
}

// The same, with whether the server redirected the request (a merged
// event's or story's old id answers 301 to where it went).
export async function apiAnswer(path, params = {}, signal) {
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
  return {body, redirected: res.redirected};
}
