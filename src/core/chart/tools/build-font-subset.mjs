#!/usr/bin/env node
/**
 * Builds resources/fonts/NotoSansCJKsc-GB2312.otf: the Simplified Chinese face of Noto Sans CJK
 * (SIL Open Font License 1.1) cut down to GB2312 (all 7445 characters: level 1 + 2 hanzi and the
 * symbol rows), ASCII, Latin-1, CJK/full-width punctuation and the marks Chinese reports use
 * (①–⑳, ㈠–㈩, ℃, ‰, ●, ▲…). The chart PNG path loads it instead of the 19 MB system .ttc, which
 * makes a resvg render about 4× faster; characters outside the subset fall back to a system
 * CJK font at render time (see render.ts).
 *
 * It is a one-off tool, not part of the build: the resulting .otf is committed. To run it
 * (needs the `subset-font` npm package, which the app does not depend on):
 *
 *   mkdir -p /tmp/fontsubset && cd /tmp/fontsubset && npm init -y && npm install subset-font
 *   node /path/to/repo/src/core/chart/tools/build-font-subset.mjs \
 *        [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc] [out.otf]
 *
 * `subset-font` is resolved from the current directory. The source may be a .ttc (the face whose
 * family is "Noto Sans CJK SC" is extracted) or a standalone NotoSansCJKsc-Regular.otf /
 * NotoSansSC-Regular.otf.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');
const src = process.argv[2] ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const out = process.argv[3] ?? resolve(repoRoot, 'resources/fonts/NotoSansCJKsc-GB2312.otf');
const WANT_FAMILY = 'Noto Sans CJK SC';

const require = createRequire(resolve(process.cwd(), 'noop.js'));
const subsetFont = require('subset-font');

// ---------------------------------------------------------------- font container helpers
function readTag(buf, off) {
  return buf.toString('latin1', off, off + 4);
}

/** Family names (name IDs 1 and 16, Windows Unicode) of the sfnt whose header is at `off`. */
function familyNames(buf, off) {
  const numTables = buf.readUInt16BE(off + 4);
  const names = new Set();
  for (let i = 0; i < numTables; i++) {
    const rec = off + 12 + i * 16;
    if (readTag(buf, rec) !== 'name') continue;
    const t = buf.readUInt32BE(rec + 8);
    const count = buf.readUInt16BE(t + 2);
    const strings = t + buf.readUInt16BE(t + 4);
    for (let j = 0; j < count; j++) {
      const r = t + 6 + j * 12;
      const platform = buf.readUInt16BE(r);
      const nameId = buf.readUInt16BE(r + 6);
      if (platform !== 3 || (nameId !== 1 && nameId !== 16)) continue;
      const len = buf.readUInt16BE(r + 8);
      const start = strings + buf.readUInt16BE(r + 10);
      let name = '';
      for (let k = start; k < start + len; k += 2) name += String.fromCharCode(buf.readUInt16BE(k));
      names.add(name);
    }
  }
  return names;
}

/** Copies the tables of the sfnt at `off` (inside a .ttc) into a standalone font file. */
function extractFace(buf, off) {
  const numTables = buf.readUInt16BE(off + 4);
  const records = [];
  for (let i = 0; i < numTables; i++) {
    const rec = off + 12 + i * 16;
    records.push({
      tag: readTag(buf, rec),
      checksum: buf.readUInt32BE(rec + 4),
      offset: buf.readUInt32BE(rec + 8),
      length: buf.readUInt32BE(rec + 12),
    });
  }
  const headerLen = 12 + numTables * 16;
  let total = headerLen;
  for (const r of records) total += (r.length + 3) & ~3;
  const outBuf = Buffer.alloc(total);
  buf.copy(outBuf, 0, off, off + 12);
  let cursor = headerLen;
  records.forEach((r, i) => {
    const rec = 12 + i * 16;
    outBuf.write(r.tag, rec, 'latin1');
    outBuf.writeUInt32BE(r.checksum, rec + 4);
    outBuf.writeUInt32BE(cursor, rec + 8);
    outBuf.writeUInt32BE(r.length, rec + 12);
    buf.copy(outBuf, cursor, r.offset, r.offset + r.length);
    cursor += (r.length + 3) & ~3;
  });
  return outBuf;
}

function loadScFace(path) {
  const buf = readFileSync(path);
  if (readTag(buf, 0) !== 'ttcf') return buf;
  const numFonts = buf.readUInt32BE(8);
  for (let i = 0; i < numFonts; i++) {
    const off = buf.readUInt32BE(12 + i * 4);
    if (familyNames(buf, off).has(WANT_FAMILY)) return extractFace(buf, off);
  }
  throw new Error(`No face named "${WANT_FAMILY}" in ${path}`);
}

// ---------------------------------------------------------------- character set
function charset() {
  const chars = new Set();
  const add = (from, to) => {
    for (let c = from; c <= to; c++) chars.add(String.fromCodePoint(c));
  };
  // GB2312: rows 0xA1–0xA9 (symbols, full-width forms, kana, Greek, Cyrillic, box drawing) and
  // rows 0xB0–0xF7 (3755 level-1 + 3008 level-2 hanzi). Node's WHATWG decoder maps gb2312 → GBK,
  // which agrees with GB2312 on these byte pairs.
  const dec = new TextDecoder('gb2312', { fatal: false });
  for (let hi = 0xa1; hi <= 0xf7; hi++) {
    if (hi > 0xa9 && hi < 0xb0) continue;
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const s = dec.decode(Uint8Array.of(hi, lo));
      if (s.length === 1 && s !== '\uFFFD') chars.add(s);
    }
  }
  add(0x20, 0x7e); // ASCII
  add(0xa0, 0xff); // Latin-1 (° ± × ÷ µ · …)
  add(0x2010, 0x2027); // dashes, quotes, bullet, ellipsis
  add(0x2030, 0x203b); // ‰ ′ ″ ※
  add(0x2103, 0x2103); // ℃
  add(0x2116, 0x2116); // №
  add(0x2160, 0x217f); // Roman numerals
  add(0x2190, 0x2199); // arrows
  add(0x2460, 0x24ff); // ①–⑳ ⑴–⒇ ⒈–⒛ Ⓐ…
  add(0x25a0, 0x25ff); // ■□▲△▼▽◆◇○●…
  add(0x2605, 0x2606); // ★☆
  add(0x3000, 0x303f); // CJK punctuation
  add(0x3220, 0x3243); // ㈠–㈩ …
  add(0x3280, 0x32b0); // ㊀… ㊣
  add(0x338e, 0x33d5); // ㎎ ㎏ ㎜ ㎞ ㎡ …
  add(0xfe30, 0xfe4f); // CJK compatibility forms
  add(0xff01, 0xff5e); // full-width ASCII
  add(0xffe0, 0xffe6); // ￠￡￥…
  // Hanzi outside GB2312 that Hubei place and people names and statistics use often.
  for (const ch of '堃喆昇珺琍鍇旻玥瑄彧晔淼焱犇垚翀玮炜韡祎颢嵘崟溆湉滢婧妍婕璟璐瑢琛琨瑭桢楠榕樾浛汭沄涢陉郧郢邡鄂') {
    chars.add(ch);
  }
  return [...chars].join('');
}

// ---------------------------------------------------------------- main
const face = loadScFace(src);
const text = charset();
const subset = await subsetFont(face, text, {
  targetFormat: 'sfnt',
  // Shaping features resvg/rustybuzz may apply to Chinese + Latin text; dropping the locale
  // (locl) and vertical features keeps the JP/KR/TC variant glyphs out of the closure.
  keepFeatures: ['kern', 'palt', 'ccmp', 'liga'],
  noHinting: true,
});
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, subset);
console.log(
  `${out}: ${(subset.length / 1024 / 1024).toFixed(2)} MB, ${[...text].length} characters requested ` +
    `(source face ${(face.length / 1024 / 1024).toFixed(1)} MB)`,
);
