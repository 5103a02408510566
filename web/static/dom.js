// DOM helpers of the UI. Data from the API is never markup: h() and svg()
// make elements whose string children become text nodes, and only
// http(s) URLs become links (safeUrl). Plus the small formatters every
// page uses.

const SVG_NS = 'http://www.w3.org/2000/svg';

// h('a', {href: '#/', class: 'x', onclick: f}, 'text', child, [more]):
// strings become text nodes, never markup.
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, children);
  return el;
}

export function svg(tag, props, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setProps(el, props);
  append(el, children);
  return el;
}

// Attribute names come from this code only; a link's target must be one
// of our hash routes or pass safeUrl, whatever built it.
function setProps(el, props) {
  for (const [k, v] of Object.entries(props || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'href' && !String(v).startsWith('#')) {
      const href = safeUrl(v);
      if (href) el.setAttribute('href', href);
    } else el.setAttribute(k, v === true ? '' : String(v));
  }
}

export function append(el, children) {
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

export function externalLink(url) {
  const href = safeUrl(url);
  if (!href) return h('span', {class: 'url'}, url || '');
  return h('a', {href, class: 'url', rel: 'noopener noreferrer nofollow', target: '_blank'}, url);
}

export function errorBox(err, retry) {
  const box = h('div', {class: 'error', role: 'alert'},
    h('strong', {}, err.status ? `Error ${err.status}` : 'Error'),
    err.code ? h('code', {class: 'code'}, err.code) : null,
    h('span', {class: 'message'}, err.message || String(err)));
  if (retry) box.append(h('button', {type: 'button', onclick: retry}, 'Try again'));
  return box;
}

// (replaceChildren would write a null as the text "null".) The page's
// title follows its first heading.
export function show(...nodes) {
  const app = document.getElementById('app');
  app.replaceChildren(...nodes.flat(Infinity).filter((n) => n !== null && n !== undefined && n !== false));
  const h1 = app.querySelector('h1');
  document.title = h1 && h1.textContent !== 'Stories' ? `${h1.textContent} — newsloom` : 'newsloom';
}

export function section(id, title, ...children) {
  return h('section', {id: 'sec-' + id, class: 'card'}, h('h2', {}, title), ...children);
}

// A coverage outlet's "articles" is the list of its article ids (a count
// is accepted too).
export function countOf(x) {
  return Array.isArray(x) ? x.length : Number(x) || 0;
}

export function fmtDate(d) {
  return d || 'undated';
}

export function dateRange(first, last) {
  if (!first && !last) return 'undated';
  if (first === last || !last) return fmtDate(first);
  return `${fmtDate(first)} – ${fmtDate(last)}`;
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many || one + 's'}`;
}

// A report's coverage outlets counted as the Markdown report counts them
// (story/coverage.h CountOutlets): "4 outlets"; rows of articles that
// named no outlet (listed by file name, "named": false) apart.
export function countOutlets(outlets) {
  const named = outlets.filter((o) => o.named !== false).length;
  const files = outlets.length - named;
  if (!files) return plural(named, 'outlet');
  if (!named) return `no outlet given (${plural(files, 'file')})`;
  return `${plural(named, 'outlet')} + ${plural(files, 'file')} without an outlet`;
}

export function langBadges(langs) {
  return (langs || []).map((l) => h('span', {class: 'badge lang', title: 'language'}, l));
}

// Days between two ISO days ("2024-02-26"), for chart axes.
export function dayNumber(iso) {
  const t = Date.parse(iso + 'T00:00:00Z');
  return Number.isNaN(t) ? null : Math.round(t / 86400000);
}

export function isoOfDay(n) {
  return new Date(n * 86400000).toISOString().slice(0, 10);
}

export function snippet(text, n = 90) {
  const t = String(text || '').replace(/\s+/g, ' ').trim();
  return t.length > n ? t.slice(0, n - 1).trimEnd() + '…' : t;
}

export function flash(el) {
  el.classList.remove('flash');
  void el.offsetWidth;
  el.classList.add('flash');
}
