// The pure helpers of web/static/dom.js that put counts into words.
// Runs as CTest web_dom_test (unit).
import assert from 'node:assert/strict';

import {countOutlets, plural} from '../static/dom.js';

assert.equal(plural(1, 'outlet'), '1 outlet');
assert.equal(plural(2, 'copy', 'copies'), '2 copies');

const named = {outlet: 'BBC News', named: true};
const file = {outlet: '003.txt', named: false};
const old = {outlet: 'Herald'};  // a server before "named": an outlet
const rows = [
  [[], '0 outlets'],
  [[named, old], '2 outlets'],
  [[file], 'no outlet given (1 file)'],
  [[file, file], 'no outlet given (2 files)'],
  [[named, file, file], '1 outlet + 2 files without an outlet'],
];
for (const [outlets, want] of rows) {
  assert.equal(countOutlets(outlets), want, JSON.stringify(outlets));
}
console.log(`dom_test: ${rows.length + 2} cases passed`);
