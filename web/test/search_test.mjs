// searchQuery (web/static/search.js): what the search box sends as `q`.
// Runs as CTest web_search_test (unit).
import assert from 'node:assert/strict';

import {searchQuery, wordsQuery} from '../static/search.js';

const rows = [
  ['', ''],
  ['   ', ''],
  ['Macron', '"Macron"'],
  ['covid-19', '"covid-19"'],
  ["Köln's  harbour ", '"Köln\'s" "harbour"'],
  ['10:30 meeting', '"10:30" "meeting"'],
  ['a-b c.d', '"a-b" "c.d"'],
  // The syntax on purpose is sent as typed.
  ['"Paris conference"', '"Paris conference"'],
  ['Macron OR Scholz', 'Macron OR Scholz'],
  ['Macron NOT troops', 'Macron NOT troops'],
  ['ukrain*', 'ukrain*'],
  ['title:Ukraine', 'title:Ukraine'],
  ['NEAR(Macron troops, 5)', 'NEAR(Macron troops, 5)'],
  ['(a OR b) c', '(a OR b) c'],
  // A word left out, as search boxes read "-": the server makes it NOT.
  ['flood -rail', 'flood -rail'],
  ['-rail', '-rail'],
  ['covid-19 -vaccine', 'covid-19 -vaccine'],
  ['-title:rail flood', '-title:rail flood'],
  ['rates - 5', '"rates" "-" "5"'],
  // Lower-case "or" is a word, a lone "*" too.
  ['war or peace', '"war" "or" "peace"'],
  ['*', '"*"'],
  // Quotes and parentheses that do not pair up are characters of words.
  ['5" screen', '"5""" "screen"'],
  ['covid (19', '"covid" "(19"'],
];
for (const [text, want] of rows) {
  assert.equal(searchQuery(text), want, JSON.stringify(text));
}
// What is sent after the server refused the syntax: the words alone.
const words = [
  ['rail AND', '"rail" "AND"'],
  ['NOT rail', '"NOT" "rail"'],
  [' a "b" ', '"a" """b"""'],
  ['', ''],
];
for (const [text, want] of words) {
  assert.equal(wordsQuery(text), want, JSON.stringify(text));
}
console.log(`web_search_test: ${rows.length + words.length} rows ok`);
