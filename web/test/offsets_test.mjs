// offsetMap (web/static/offsets.js) against Node's Buffer, the slow oracle:
// for random text mixing 1- to 4-byte characters, newlines and a lone
// surrogate, every byte span on character boundaries must give the string
// Buffer decodes, and a span cut inside characters must widen to whole
// ones. Also a few literal rows. Runs as CTest web_offsets_test (unit).
import assert from 'node:assert/strict';

import {offsetMap} from '../static/offsets.js';

// text, byte start, byte end -> the marked string.
const rows = [
  ['abc', 0, 3, 'abc'],
  ['abc', 1, 2, 'b'],
  ['héllo', 1, 3, 'é'],         // é is 2 bytes
  ['héllo', 2, 3, 'é'],         // start inside é widens to it
  ['héllo', 1, 2, 'é'],         // end inside é widens to it
  ['€ 5', 0, 3, '€'],
  ['a𝄞b', 1, 5, '𝄞'],           // 4 bytes, 2 UTF-16 units
  ['a𝄞b', 5, 6, 'b'],
  ['abc', 2, 1, 'b'],            // reversed
  ['abc', -4, 99, 'abc'],        // clamped
  ['', 0, 0, ''],
  ['\uFEFFx', 3, 4, 'x'],        // a BOM is 3 bytes and kept
];
for (const [text, s, e, want] of rows) {
  const [cs, ce] = offsetMap(text).span(s, e);
  assert.equal(text.slice(cs, ce), want, `${JSON.stringify(text)} [${s}, ${e})`);
}

let seed = 12345;
const random = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const alphabet = ['a', 'Z', ' ', '\n', 'é', 'ß', '’', '€', '中', '𝄞', '😀', '\uFEFF'];
for (let t = 0; t < 3000; t++) {
  let text = '';
  for (let i = random(40); i > 0; i--) text += alphabet[random(alphabet.length)];
  const bytes = Buffer.from(text, 'utf8');
  const map = offsetMap(text);
  const bounds = [];
  for (let i = 0; i <= bytes.length; i++) if (i === bytes.length || (bytes[i] & 0xc0) !== 0x80) bounds.push(i);
  const [a, b] = [bounds[random(bounds.length)], bounds[random(bounds.length)]].sort((x, y) => x - y);
  const [cs, ce] = map.span(a, b);
  assert.equal(text.slice(cs, ce), bytes.subarray(a, b).toString('utf8'), `${JSON.stringify(text)} [${a}, ${b})`);
  // Anywhere, even inside a character: the widest whole characters around.
  const [x, y] = [random(bytes.length + 1), random(bytes.length + 1)].sort((p, q) => p - q);
  const [xs, ys] = map.span(x, y);
  let wx = x, wy = y;
  while (wx > 0 && (bytes[wx] & 0xc0) === 0x80) wx--;
  while (wy < bytes.length && (bytes[wy] & 0xc0) === 0x80) wy++;
  assert.equal(text.slice(xs, ys), bytes.subarray(wx, wy).toString('utf8'), `${JSON.stringify(text)} [${x}, ${y})`);
}
// A lone surrogate: TextEncoder writes U+FFFD (3 bytes), as the server does.
assert.deepEqual(offsetMap('a\uD800b').span(4, 5), [2, 3]);
console.log('offsets: all rows and 3000 random texts agree with Buffer');
