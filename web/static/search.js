// What the search box sends as the story list's `q`: the FTS5 query of
// docs/api.md. People type words ("covid-19", "Köln's"), which FTS5 reads
// as syntax ("-" and "'" are errors, `a:b` a column): each word is sent in
// double quotes, a phrase of its tokens, so any text is a valid query that
// finds what it says. Text that uses the syntax on purpose (a quoted
// phrase, parentheses, AND/OR/NOT, NEAR(...), prefix*, title: or text:,
// or a word left out with "-": "flood -rail") is sent as typed; the
// server makes a phrase of each word with punctuation inside.

const OPERATORS = new Set(['AND', 'OR', 'NOT']);

const count = (t, c) => t.split(c).length - 1;

export function searchQuery(text) {
  const t = String(text ?? '').trim();
  if (!t) return '';
  const words = t.split(/\s+/);
  // Quotes and parentheses are syntax when they pair up ('5" screen' is a
  // word with an inch mark).
  const quotes = count(t, '"');
  const parens = count(t, '(');
  const syntax = (quotes > 0 && quotes % 2 === 0) || (parens > 0 && parens === count(t, ')')) ||
    words.some((w) => OPERATORS.has(w) || (w.length > 1 && w.endsWith('*')) ||
                      /^-?(title|text):./.test(w) || /^-[\p{L}\p{N}_]/u.test(w));
  if (syntax) return t;
  return wordsQuery(t);
}

// Every word of `text` in double quotes: what is sent when the server
// could not read the syntax searchQuery passed on ("rail AND", "NOT x").
export function wordsQuery(text) {
  const t = String(text ?? '').trim();
  if (!t) return '';
  return t.split(/\s+/).map((w) => `"${w.replaceAll('"', '""')}"`).join(' ');
}
