/**
 * Turns a report's raw text into the text the figure finder reads, keeping a map back to the input.
 *
 * Offsets everywhere in src/core/extract are JavaScript string indices (UTF-16 code units) into the
 * decoded text as given. Normalising only ever replaces one code unit by one code unit or deletes code
 * units, so `toInput[i]` (the input index of normalised unit i) is strictly increasing and a span of
 * the normalised text maps back to one contiguous span of the input.
 *
 * What it does:
 * - joins hard-wrapped lines (newspaper columns of ~18 characters, seed 000/001) and paragraphs split
 *   by a page or column break in the middle of a sentence (seed 003/004), so that "704.9 亿\n元" and
 *   "突\n\n破" read as one;
 * - traditional → simplified characters (t2s.ts), full-width digits and letters → ASCII, ASCII
 *   punctuation in Chinese text → full-width (a comma between digit groups stays);
 * - deletes Markdown remnants ("**", "#" headings, "_{2.5}") and the spaces some reports put between
 *   Chinese and numbers ("突破 2000 亿元").
 */
import { toSimplified } from './t2s';

export interface NormalisedText {
  text: string;
  /** Input index of each normalised code unit, plus one more entry: the input length. */
  toInput: number[];
}

const TERMINAL = new Set([...'。！？；：…!?;:']);
const CLOSERS = new Set([...'”’」』）)》】']);
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const FULLWIDTH_PUNCT = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2018-\u201d\u2026]/;

/** Display width of a line: CJK and full-width count 1, ASCII ½ (newspaper columns are set by width). */
function width(line: string): number {
  let w = 0;
  for (const ch of line) w += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return w;
}

function endsSentence(line: string): boolean {
  let i = line.length - 1;
  while (i >= 0 && CLOSERS.has(line[i])) i--;
  return i >= 0 && TERMINAL.has(line[i]);
}

/**
 * The column width of a hard-wrapped text, or null. A text is hard-wrapped when a large share of its
 * lines have (about) the same display width.
 */
export function wrapWidth(lines: string[]): number | null {
  const widths = lines.filter((l) => l.trim() !== '' && !l.includes('\t')).map((l) => width(l.trim()));
  if (widths.length < 8) return null;
  const counts = new Map<number, number>();
  for (const w of widths) {
    const k = Math.round(w);
    if (k >= 8 && k <= 40) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestShare = 0;
  for (const k of counts.keys()) {
    const near = (counts.get(k - 1) ?? 0) + (counts.get(k) ?? 0) + (counts.get(k + 1) ?? 0);
    if (near > bestShare) {
      bestShare = near;
      best = k;
    }
  }
  return best !== null && bestShare >= 0.3 * widths.length ? best : null;
}

interface Line {
  start: number;
  end: number;
  /** Index just past the line break that follows the line (end of text for the last line). */
  next: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      const next = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      lines.push({ start, end: i, next });
      start = next;
      i = next - 1;
    }
  }
  lines.push({ start, end: text.length, next: text.length });
  return lines;
}

/**
 * For each line break, whether it is a wrap to delete. Decided on the raw lines: a single break after
 * a full-width line is a wrap; a break across blank lines is one when the line before is full (or a
 * long paragraph) and stops mid-sentence. Lines of a tab-separated table never join.
 */
function joinDecisions(text: string, lines: Line[]): boolean[] {
  const raw = lines.map((l) => text.slice(l.start, l.end));
  const W = wrapWidth(raw);
  const join = new Array<boolean>(lines.length).fill(false);
  for (let i = 0; i < lines.length - 1; i++) {
    const a = raw[i].trim();
    if (a === '' || raw[i].includes('\t')) continue;
    let j = i + 1;
    while (j < lines.length && raw[j].trim() === '') j++;
    if (j >= lines.length || raw[j].includes('\t')) continue;
    const blank = j > i + 1;
    const wa = width(a);
    const full = W !== null && wa >= W - 2.5;
    // The first line of a paragraph is indented in print, so it is a little shorter when full.
    const nearFull = W !== null && wa >= W - 4.5;
    const prevBlank = i === 0 || raw[i - 1].trim() === '';
    const prevShort = i > 0 && W !== null && width(raw[i - 1].trim()) < W - 4.5;
    const open = !endsSentence(a) && !a.endsWith('——');
    // A page break inside running text: a line with commas in it that stops mid-sentence, before a
    // long line that opens nothing new (seed 004: "…等民生领域" ⏎⏎ "服务事项同城化发展。…").
    const opens = (line: string) =>
      /^(●|•|第[一二三四五六七八九十百]+[章节]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|专栏|——|#|\d+[.、])/.test(
        line,
      );
    const next = raw[j].trim();
    const runningText = /[，、,]/.test(a) && !opens(a) && !opens(next) && width(next) >= 60;
    // A quotation left open at the end of a line continues on the next ("…“绿水" ⏎⏎ "青山就是金山银山”…").
    const openQuote = (a.match(/“/g)?.length ?? 0) > (a.match(/”/g)?.length ?? 0) && !opens(next);
    if (!blank && (full || (nearFull && (prevBlank || prevShort)))) join[i] = true;
    // Across blank lines only in the middle of a paragraph: a stand-alone line is a heading or caption.
    // or when the line is prose (a full stop inside, or a comma at its end) that stops mid-sentence.
    else if (
      blank &&
      open &&
      j - i <= 4 &&
      (wa >= 60 ||
        (nearFull && !prevBlank) ||
        /[，、,]$/.test(a) ||
        /[。！？]/.test(a) ||
        runningText ||
        openQuote)
    )
      for (let k = i; k < j; k++) join[k] = true;
  }
  return join;
}

function mapChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff10 && c <= 0xff19) return String.fromCharCode(c - 0xff10 + 48);
  if ((c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return String.fromCharCode(c - 0xfee0);
  switch (ch) {
    case '．':
      return '.';
    case '％':
    case '﹪':
      return '%';
    case '∶':
      return ':';
    case '\u00a0':
    case '\u3000':
    case '\t':
      return ch === '\t' ? '\t' : ' ';
    case '﹐':
      return '，';
    case '–':
    case '－':
      return '—';
    default:
      return toSimplified(ch);
  }
}

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/** Normalises `input` for reading figures; see the file comment. Never throws. */
export function normalise(input: string): NormalisedText {
  const lines = splitLines(input);
  const join = joinDecisions(input, lines);
  // Pass 1: lines joined or kept, characters mapped, Markdown dropped.
  const out: string[] = [];
  const pos: number[] = [];
  for (let li = 0; li < lines.length; li++) {
    const { start, end } = lines[li];
    let s = start;
    let e = end;
    while (s < e && /[ \u3000\u00a0\uFEFF]/.test(input[s])) s++;
    while (e > s && /[ \u3000\u00a0\r]/.test(input[e - 1])) e--;
    // Markdown heading marks at the start of a line.
    if (input[s] === '#') {
      let k = s;
      while (k < e && input[k] === '#') k++;
      if (k < e && input[k] === ' ') s = k + 1;
    }
    for (let i = s; i < e; i++) {
      const ch = input[i];
      if (ch === '\uFEFF' || ch === '\u200b') continue;
      if (ch === '*') continue; // **bold** and the 6.4* footnote marks
      if (ch === '_' && input[i + 1] === '{') {
        const close = input.indexOf('}', i + 2);
        if (close > 0 && close - i <= 14) {
          // "PM _{2.5} ）" → "PM2.5）".
          while (out.length > 0 && out[out.length - 1] === ' ') {
            out.pop();
            pos.pop();
          }
          for (let k = i + 2; k < close; k++) {
            out.push(mapChar(input[k]));
            pos.push(k);
          }
          i = close;
          while (i + 1 < e && input[i + 1] === ' ') i++;
          continue;
        }
      }
      out.push(mapChar(ch));
      pos.push(i);
    }
    if (li < lines.length - 1) {
      if (join[li]) continue;
      // Keep one paragraph break (at the position of the first break character).
      if (out.length > 0 && out[out.length - 1] !== '\n') {
        out.push('\n');
        pos.push(end);
      }
    }
  }
  // Pass 2: ASCII punctuation → full-width; spaces next to numbers deleted.
  const text: string[] = [];
  const toInput: number[] = [];
  for (let i = 0; i < out.length; i++) {
    let ch = out[i];
    const prev = text[text.length - 1];
    if (ch === ' ') {
      let k = i;
      while (k < out.length && out[k] === ' ') k++;
      const next = out[k];
      const numberSide = isDigit(prev) || prev === '%' || isDigit(next) || next === '%';
      const cjkSide = (x: string | undefined) =>
        x !== undefined && (CJK.test(x) || FULLWIDTH_PUNCT.test(x) || isDigit(x) || /[%,;:?!()]/.test(x));
      const drop =
        (numberSide && cjkSide(prev) && cjkSide(next)) ||
        prev === undefined ||
        prev === '\n' ||
        next === undefined ||
        next === '\n';
      // A run of spaces is kept as one space or dropped, in one step.
      if (!drop) {
        text.push(' ');
        toInput.push(pos[i]);
      }
      i = k - 1;
      continue;
    }
    if (ch === ',' && !(isDigit(prev) && isDigit(out[i + 1]) && isDigit(out[i + 2]) && isDigit(out[i + 3])))
      ch = '，';
    else if (ch === ';') ch = '；';
    else if (ch === '?') ch = '？';
    else if (ch === '!') ch = '！';
    else if (ch === '(') ch = '（';
    else if (ch === ')') ch = '）';
    else if (ch === ':' && !(isDigit(prev) && isDigit(out[i + 1]))) ch = '：';
    text.push(ch);
    toInput.push(pos[i]);
  }
  toInput.push(input.length);
  return { text: text.join(''), toInput };
}

/** The input span of normalised span [start, end). */
export function inputSpan(n: NormalisedText, start: number, end: number): { start: number; end: number } {
  if (end <= start) return { start: n.toInput[start], end: n.toInput[start] };
  return { start: n.toInput[start], end: n.toInput[end - 1] + 1 };
}

export interface RawParagraph {
  /** The paragraph's text as written, hard wraps removed, ends trimmed. */
  text: string;
  /** Input offsets of its first character and just past its last. */
  start: number;
  end: number;
}

/**
 * The input's paragraphs: lines joined where a line break is a wrap or a page break inside a sentence
 * (the same decisions as `normalise`), blank lines dropped. Characters are not converted.
 */
export function paragraphs(input: string): RawParagraph[] {
  const lines = splitLines(input);
  const join = joinDecisions(input, lines);
  const out: RawParagraph[] = [];
  let parts: string[] = [];
  let start = -1;
  let end = -1;
  for (let li = 0; li < lines.length; li++) {
    const raw = input.slice(lines[li].start, lines[li].end);
    const trimmed = raw.replace(/^[ \u3000\u00a0\uFEFF]+/, '').replace(/[ \u3000\u00a0\r]+$/, '');
    if (trimmed !== '') {
      if (start < 0)
        start = lines[li].start + (raw.length - raw.replace(/^[ \u3000\u00a0\uFEFF]+/, '').length);
      parts.push(trimmed);
      end = lines[li].start + raw.replace(/[ \u3000\u00a0\r]+$/, '').length;
    }
    if (!join[li] && parts.length > 0) {
      out.push({ text: parts.join(''), start, end });
      parts = [];
      start = -1;
    }
  }
  if (parts.length > 0) out.push({ text: parts.join(''), start, end });
  return out;
}
