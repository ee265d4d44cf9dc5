/**
 * Finding a Chinese font for resvg (node only).
 *
 * resvg draws nothing for a character no loaded font has — silently. So the PNG path never renders
 * without a CJK font: findCjkFont() looks for the bundled subset (resources/fonts, or BRIEF_FONTS_DIR,
 * or an explicit dir), then well-known system fonts, then `fc-list :lang=zh`, and throws
 * MissingCjkFontError (Chinese message) when there is none. It also reads the font's real family
 * name and character map from the file, so the SVG asks for a family resvg actually has and the
 * renderer can tell in advance whether every character of a chart can be drawn.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CjkFont {
  /** Absolute path of the font file (.otf/.ttf/.ttc) to hand to resvg. */
  file: string;
  /** Family name as resvg's font database sees it (e.g. "Noto Sans CJK SC"). */
  family: string;
  source: 'bundled' | 'system';
  /** True when the face has a glyph for this code point. */
  covers(codePoint: number): boolean;
}

export interface FontSearchOptions {
  /** Directory of bundled fonts. Default: env BRIEF_FONTS_DIR, else <project root>/resources/fonts. */
  fontsDir?: string;
  /** Also look at fonts installed on the system (default true). */
  systemFonts?: boolean;
}

export const MISSING_FONT_MESSAGE =
  '未找到中文字体，图表中的中文无法渲染：请安装 fonts-noto-cjk（Debian/Ubuntu: apt install fonts-noto-cjk）' +
  '或文泉驿/思源黑体等中文字体，或将 Noto Sans CJK SC 字体文件放入 resources/fonts/ 目录（也可用环境变量 BRIEF_FONTS_DIR 指定字体目录）。';

export class MissingCjkFontError extends Error {
  constructor(detail?: string) {
    super(detail ? `${MISSING_FONT_MESSAGE}（${detail}）` : MISSING_FONT_MESSAGE);
    this.name = 'MissingCjkFontError';
  }
}

const FONT_EXT = /\.(otf|ttf|ttc|otc)$/i;
/** Families we prefer, in order, when a file (a .ttc) holds several faces. */
const PREFERRED_FAMILIES = [
  'Noto Sans CJK SC',
  'Source Han Sans SC',
  'Source Han Sans CN',
  'Noto Sans SC',
  'SimHei',
  'Microsoft YaHei',
  'PingFang SC',
  'Heiti SC',
  'WenQuanYi Micro Hei',
  'WenQuanYi Zen Hei',
  'Sarasa Gothic SC',
  'Noto Sans CJK TC',
  'Noto Sans CJK JP',
];
const PROBE = [0x4e2d, 0x6587, 0x56fe, 0x8868]; // 中 文 图 表

// ------------------------------------------------------------------------------------------ search

/** Project root: the nearest ancestor of this module (or of cwd) holding a package.json. */
export function findProjectRoot(): string | undefined {
  const starts: string[] = [];
  try {
    starts.push(dirname(fileURLToPath(import.meta.url)));
  } catch {
    /* not a file: URL (bundled) */
  }
  if (typeof __dirname !== 'undefined') starts.push(__dirname);
  starts.push(process.cwd());
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      if (!dir.split(/[\\/]/).includes('node_modules') && existsSync(join(dir, 'package.json'))) return dir;
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return undefined;
}

export function bundledFontsDir(opts: FontSearchOptions = {}): string | undefined {
  if (opts.fontsDir) return resolve(opts.fontsDir);
  const env = process.env.BRIEF_FONTS_DIR;
  if (env && env.trim() !== '') return resolve(env);
  const root = findProjectRoot();
  return root ? join(root, 'resources', 'fonts') : undefined;
}

/** Well-known locations of Chinese sans fonts on Debian/Ubuntu/Fedora/Arch, Windows and macOS. */
export function systemFontCandidates(): string[] {
  const win = process.env.WINDIR ?? process.env.windir ?? 'C:\\Windows';
  return [
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf',
    '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/adobe-source-han-sans/SourceHanSansCN-Regular.otf',
    '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
    '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
    '/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc',
    '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf',
    '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
    join(win, 'Fonts', 'simhei.ttf'),
    join(win, 'Fonts', 'msyh.ttc'),
    join(win, 'Fonts', 'msyh.ttf'),
    join(win, 'Fonts', 'Deng.ttf'),
    join(win, 'Fonts', 'simsun.ttc'),
    '/System/Library/Fonts/PingFang.ttc',
    '/System/Library/Fonts/STHeiti Medium.ttc',
    '/System/Library/Fonts/STHeiti Light.ttc',
    '/System/Library/Fonts/Hiragino Sans GB.ttc',
    '/Library/Fonts/Arial Unicode.ttf',
  ];
}

function fcListChinese(): string[] {
  try {
    const out = execFileSync('fc-list', [':lang=zh', 'file'], {
      encoding: 'utf8',
      timeout: 5000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const files = out
      .split('\n')
      .map((l) => l.trim().replace(/:\s*$/, ''))
      .filter((f) => FONT_EXT.test(f));
    // Sans before serif/script faces, regular before bold.
    const rank = (f: string) => (/sans|hei|gothic/i.test(f) ? 0 : 1) + (/bold|black|heavy/i.test(f) ? 2 : 0);
    return [...new Set(files)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  } catch {
    return [];
  }
}

function listFontFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => FONT_EXT.test(f))
      .map((f) => join(dir, f))
      .filter((f) => statSync(f).isFile());
  } catch {
    return [];
  }
}

const fontFileCache = new Map<string, CjkFont | null>();

/** Reads a font file and returns it as a CjkFont if one of its faces draws Chinese; else null. */
export function inspectFontFile(file: string, source: CjkFont['source']): CjkFont | null {
  const key = `${source}:${file}`;
  const hit = fontFileCache.get(key);
  if (hit !== undefined) return hit;
  let result: CjkFont | null = null;
  try {
    const faces = readFaces(readFileSync(file));
    const cjk = faces.filter((f) => PROBE.every((cp) => f.covers(cp)));
    const pref = (f: Face) => {
      const i = PREFERRED_FAMILIES.findIndex((p) => f.families.includes(p));
      return i < 0 ? PREFERRED_FAMILIES.length : i;
    };
    cjk.sort((a, b) => pref(a) - pref(b) || Number(a.bold) - Number(b.bold));
    const face = cjk[0];
    if (face && face.families[0]) {
      const family = PREFERRED_FAMILIES.find((p) => face.families.includes(p)) ?? face.families[0];
      result = { file, family, source, covers: face.covers };
    }
  } catch {
    result = null;
  }
  fontFileCache.set(key, result);
  return result;
}

const searchCache = new Map<string, CjkFont>();

/**
 * The Chinese font the PNG path uses. Cached per process (per options). Throws MissingCjkFontError.
 */
export function findCjkFont(opts: FontSearchOptions = {}): CjkFont {
  const dir = bundledFontsDir(opts);
  const system = opts.systemFonts ?? true;
  const key = `${dir ?? ''}|${system}`;
  const hit = searchCache.get(key);
  if (hit) return hit;
  const found = searchFonts(dir, system)[0];
  if (!found)
    throw new MissingCjkFontError(dir ? `已查找目录 ${dir}${system ? ' 及系统字体' : ''}` : undefined);
  searchCache.set(key, found);
  return found;
}

/**
 * All usable Chinese fonts, best first: bundled ones (smallest first: fastest to load), then system
 * ones. Lazily walks the list; `limit` stops early.
 */
export function searchFonts(dir: string | undefined, system: boolean, limit = 1): CjkFont[] {
  const out: CjkFont[] = [];
  const seen = new Set<string>();
  const take = (file: string, source: CjkFont['source']): boolean => {
    const abs = resolve(file);
    if (seen.has(abs)) return false;
    seen.add(abs);
    if (!existsSync(abs)) return false;
    const f = inspectFontFile(abs, source);
    if (f) out.push(f);
    return out.length >= limit;
  };
  if (dir) {
    const files = listFontFiles(dir).sort((a, b) => statSync(a).size - statSync(b).size);
    for (const f of files) if (take(f, 'bundled')) return out;
  }
  if (system) {
    for (const f of systemFontCandidates()) if (take(f, 'system')) return out;
    for (const f of fcListChinese()) if (take(f, 'system')) return out;
  }
  return out;
}

/** Test hook: forget cached search results (font files stay cached: they do not change). */
export function clearFontCache(): void {
  searchCache.clear();
}

// ------------------------------------------------------------------------------------------ sfnt parsing

interface Face {
  families: string[];
  bold: boolean;
  covers(cp: number): boolean;
}

function tag(buf: Buffer, off: number): string {
  return buf.toString('latin1', off, off + 4);
}

function readFaces(buf: Buffer): Face[] {
  if (buf.length < 12) return [];
  if (tag(buf, 0) === 'ttcf') {
    const n = buf.readUInt32BE(8);
    const faces: Face[] = [];
    for (let i = 0; i < n && i < 64; i++) {
      const f = readFace(buf, buf.readUInt32BE(12 + i * 4));
      if (f) faces.push(f);
    }
    return faces;
  }
  const f = readFace(buf, 0);
  return f ? [f] : [];
}

function tableOffsets(buf: Buffer, off: number): Map<string, { offset: number; length: number }> {
  const tables = new Map<string, { offset: number; length: number }>();
  const numTables = buf.readUInt16BE(off + 4);
  for (let i = 0; i < numTables; i++) {
    const rec = off + 12 + i * 16;
    tables.set(tag(buf, rec), { offset: buf.readUInt32BE(rec + 8), length: buf.readUInt32BE(rec + 12) });
  }
  return tables;
}

function readFace(buf: Buffer, off: number): Face | null {
  const tables = tableOffsets(buf, off);
  const name = tables.get('name');
  const cmap = tables.get('cmap');
  if (!name || !cmap) return null;
  const { families, bold } = readNames(buf, name.offset);
  return { families, bold, covers: readCmap(buf, cmap.offset) };
}

function utf16be(buf: Buffer, start: number, len: number): string {
  let s = '';
  for (let k = start; k + 1 < start + len; k += 2) s += String.fromCharCode(buf.readUInt16BE(k));
  return s;
}

/** Family names: typographic (16) before legacy (1), US English first, as fontdb matches them. */
function readNames(buf: Buffer, t: number): { families: string[]; bold: boolean } {
  const count = buf.readUInt16BE(t + 2);
  const strings = t + buf.readUInt16BE(t + 4);
  const found: { id: number; lang: number; value: string }[] = [];
  let subfamily = '';
  for (let j = 0; j < count; j++) {
    const r = t + 6 + j * 12;
    const platform = buf.readUInt16BE(r);
    const lang = buf.readUInt16BE(r + 4);
    const id = buf.readUInt16BE(r + 6);
    const len = buf.readUInt16BE(r + 8);
    const start = strings + buf.readUInt16BE(r + 10);
    if (platform !== 3 && platform !== 0) continue;
    if (id === 1 || id === 16) found.push({ id, lang, value: utf16be(buf, start, len) });
    if ((id === 2 || id === 17) && (lang === 0x409 || platform === 0)) subfamily ||= utf16be(buf, start, len);
  }
  found.sort((a, b) => b.id - a.id || Number(b.lang === 0x409) - Number(a.lang === 0x409));
  return { families: [...new Set(found.map((f) => f.value))], bold: /bold|black|heavy/i.test(subfamily) };
}

/** A coverage test from the best Unicode cmap subtable (format 12, else 4). */
function readCmap(buf: Buffer, t: number): (cp: number) => boolean {
  const n = buf.readUInt16BE(t + 2);
  let best: { off: number; format: number } | undefined;
  for (let i = 0; i < n; i++) {
    const r = t + 4 + i * 8;
    const platform = buf.readUInt16BE(r);
    const encoding = buf.readUInt16BE(r + 2);
    const off = t + buf.readUInt32BE(r + 4);
    const format = buf.readUInt16BE(off);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12 && (!best || best.format !== 12)) best = { off, format };
    else if (format === 4 && !best) best = { off, format };
  }
  if (!best) return () => false;
  if (best.format === 12) {
    const groups = buf.readUInt32BE(best.off + 12);
    const starts = new Uint32Array(groups);
    const ends = new Uint32Array(groups);
    const glyph0 = new Uint32Array(groups);
    for (let g = 0; g < groups; g++) {
      const p = best.off + 16 + g * 12;
      starts[g] = buf.readUInt32BE(p);
      ends[g] = buf.readUInt32BE(p + 4);
      glyph0[g] = buf.readUInt32BE(p + 8);
    }
    return (cp) => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (cp < starts[mid]!) hi = mid - 1;
        else if (cp > ends[mid]!) lo = mid + 1;
        else return glyph0[mid]! + (cp - starts[mid]!) !== 0;
      }
      return false;
    };
  }
  // format 4
  const o = best.off;
  const segX2 = buf.readUInt16BE(o + 6);
  const segs = segX2 / 2;
  const endsAt = o + 14;
  const startsAt = endsAt + segX2 + 2;
  const deltaAt = startsAt + segX2;
  const rangeAt = deltaAt + segX2;
  return (cp) => {
    if (cp > 0xffff) return false;
    for (let s = 0; s < segs; s++) {
      const end = buf.readUInt16BE(endsAt + s * 2);
      if (cp > end) continue;
      const start = buf.readUInt16BE(startsAt + s * 2);
      if (cp < start) return false;
      const delta = buf.readInt16BE(deltaAt + s * 2);
      const ro = buf.readUInt16BE(rangeAt + s * 2);
      if (ro === 0) return ((cp + delta) & 0xffff) !== 0;
      const gp = rangeAt + s * 2 + ro + (cp - start) * 2;
      const g = buf.readUInt16BE(gp);
      return g !== 0 && ((g + delta) & 0xffff) !== 0;
    }
    return false;
  };
}
