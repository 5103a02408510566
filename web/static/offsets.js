// Byte offsets to string positions, for article.js; web/test/
// offsets_test.mjs checks it against Node's Buffer on random text.

// The API's offsets are bytes of the UTF-8 text; the DOM counts UTF-16
// units. offsetMap(text) maps one to the other in one pass, snapping an
// offset inside a character (an annotator may cut one) outwards to whole
// characters.
export function offsetMap(text) {
  const bytes = new TextEncoder().encode(text);
  const toChar = new Uint32Array(bytes.length + 1);
  let b = 0, c = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0);   // a lone surrogate: U+FFFD, 3 bytes
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    toChar.fill(c, b, b + n);
    b += n;
    c += ch.length;
  }
  toChar[b] = c;
  const clamp = (n) => Math.max(0, Math.min(bytes.length, Math.floor(Number(n) || 0)));
  const isInside = (i) => i < bytes.length && (bytes[i] & 0xc0) === 0x80;
  return {
    // [start, end) in bytes -> [start, end) in string positions.
    span(start, end) {
      let s = clamp(start), e = clamp(end);
      if (e < s) [s, e] = [e, s];
      while (isInside(e)) e++;
      return [toChar[s], toChar[e]];
    },
  };
}
