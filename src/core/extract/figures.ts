/**
 * Finds statements of figures in a report's text: "2019年，咸宁市实现GDP1594.98亿元，比上年增长8.1%"
 * gives two candidates (地区生产总值 1594.98 亿元; 地区生产总值增速 8.1 %, relation 比上年增长).
 *
 * Pure and total: any string in, candidates out; no exception, no regular expression that can
 * backtrack badly (every pattern below is applied to a bounded slice of at most a few dozen characters).
 *
 * Offsets (`start`/`end`) are UTF-16 code-unit indices into the text as given (JavaScript string
 * indices); `text` is exactly `input.slice(start, end)`.
 *
 * Pipeline: normalise (normalize.ts) → scan number tokens → drop what is not a figure (dates, ordinals,
 * codes, thresholds, rule parameters) → name each figure from the words around it → period and region
 * from the sentence, paragraph, heading and document → map the name to the catalogue (match.ts).
 */
import {
  AMOUNT_VERBS,
  CATEGORY_NOUNS,
  CN_DIGITS,
  LEADING_VERBS,
  LEFT_PREFIXES,
  LEFT_SUFFIXES,
  MAGNITUDES,
  MONEY_HEADS,
  NOUN_STOPS,
  PER_UNITS,
  PREFIX_QUALIFIERS,
  RANK_CUES,
  RANK_SCOPES,
  SUFFIX_QUALIFIERS,
  isCountUnit,
  parseCnNumber,
  unitAt,
} from './lexicon';
import { IndicatorMatcher, unitDimension, type IndicatorRef } from './match';
import { inputSpan, normalise, type NormalisedText } from './normalize';
import { extractTables, isTableRow } from './table';

export interface FigureCandidate {
  /** Catalogue name when the figure maps to one, else the proposed name of a new indicator. */
  indicator: string;
  indicatorMatch: 'catalogue' | 'new';
  /** Catalogue code when matched. */
  indicatorCode: string | null;
  /** The words of the text the name was taken from. */
  phrase: string;
  region: string | null;
  /** "2019", a plan range "2021—2025", or null when the text does not say. */
  period: string | null;
  /** The number as written (38.3 for 38.3万人); a structure ratio stays a string ("12.5:44.2:43.3"). */
  value: number | string;
  /** Upper end of a range ("1—3家": value 1, valueTo 3). */
  valueTo: number | null;
  /** Unit as written, scale included: 万人, 亿元, %, 个百分点, 位 (ranks). */
  unit: string;
  /** 余, 多, 左右, 以上, 以内, 超过, 突破, 近, 约 … */
  qualifier: string | null;
  /** 比上年增长, 同比下降, 年均增长, 较年初下降, 占比, 居第N位, 倍, 下降到 …; null for a plain level. */
  relation: string | null;
  text: string;
  start: number;
  end: number;
  confidence: number;
}

export interface RegionRef {
  name: string;
  /** 'province' regions give way to a county or city named in the same sentence. */
  level?: string;
}

export interface ExtractOptions {
  /** Catalogue indicators to map names to (none: every figure is a proposed new indicator). */
  indicators?: readonly IndicatorRef[];
  /** Known regions; short forms (咸安 for 咸安区) are recognised too. */
  regions?: readonly RegionRef[];
  /** The region meant by 全市/我市/本市 (the city the reports are about), if any. */
  homeRegion?: string | null;
  /** Year of the document when the text does not make it clear. */
  year?: number | null;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';
const isCjk = (ch: string | undefined) => ch !== undefined && /[\u3400-\u9fff]/.test(ch);
const isAsciiLetter = (ch: string | undefined) => ch !== undefined && /[A-Za-z]/.test(ch);
const CN_NUM_CHARS = '〇零一二两三四五六七八九十百千万亿';
const isCnNum = (ch: string | undefined) => ch !== undefined && CN_NUM_CHARS.includes(ch);
const RANGE_DASH = '—-～~';
const CLAUSE_END = '，；：。！？\n\t ,;（）';
const SENTENCE_END = '。！？\n';

/** Largest element of a sorted array that is ≤ x (or -1). */
function floorIndex(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** Sorted start positions of segments that begin after any of `ends`. */
function segmentStarts(text: string, ends: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (ends.includes(text[i])) starts.push(i + 1);
  return starts;
}

function startOf(starts: number[], pos: number): number {
  const i = floorIndex(starts, pos);
  return i < 0 ? 0 : starts[i];
}

function endOf(starts: number[], pos: number, textLength: number): number {
  const i = floorIndex(starts, pos);
  return i + 1 < starts.length ? starts[i + 1] - 1 : textLength;
}

// ---------------------------------------------------------------------------------------------
// Tokens

type TokenKind = 'quantity' | 'rank' | 'ratio';

interface Token {
  kind: TokenKind;
  /** Span in the normalised text: number (with a leading 第 for ranks) through unit and qualifier. */
  start: number;
  end: number;
  value: number | string;
  valueTo: number | null;
  unit: string;
  qualifier: string | null;
  /** Why the token is not a figure, if it is not. */
  skip: string | null;
  /** Characters after `end` taken as the counted noun. */
  nounEnd: number;
}

interface YearMention {
  start: number;
  end: number;
  year: number;
  /** topic: opens a sentence; inline: inside one; target: 到2030年; base: 较2020年; since: 2018年以来. */
  kind: 'topic' | 'inline' | 'target' | 'base' | 'since' | 'range' | 'now';
  /** Followed by a comma ("截止2018年底，"): it frames the rest of the sentence, across ；. */
  adverbial?: boolean;
}

interface Tail {
  end: number;
  unit: string;
  qualifier: string | null;
}

/** Scale, 余/多, unit and qualifier after a number ending at `at`. */
function readTail(t: string, at: number): Tail {
  let k = at;
  let qualifier: string | null = null;
  if (t[k] === '余' || t[k] === '多') {
    qualifier = t[k];
    k++;
  }
  let mag = '';
  for (const m of MAGNITUDES)
    if (t.startsWith(m, k)) {
      mag = m;
      break;
    }
  // "千万" is a scale only before a unit or 元; "1千瓦" is a unit.
  if (mag && !unitAt(t, k + mag.length) && mag !== '万' && mag !== '亿') mag = '';
  k += mag.length;
  if (qualifier === null && (t[k] === '余' || t[k] === '多') && mag) {
    qualifier = t[k];
    k++;
  }
  let unit = unitAt(t, k);
  // "300万咸宁儿女": a bare scale is the unit as written.
  if (!unit && !mag) return { end: at, unit: '', qualifier: null };
  k += unit.length;
  if (unit && t[k] === '/') {
    const per = PER_UNITS.find((u) => t.startsWith(u, k + 1));
    if (per) {
      unit += '/' + per;
      k += 1 + per.length;
    }
  }
  if (unit === '百分点') unit = '个百分点';
  if (unit === '㎡') unit = '平方米';
  for (const q of SUFFIX_QUALIFIERS)
    if (t.startsWith(q, k)) {
      qualifier = qualifier ?? q;
      k += q.length;
      break;
    }
  return { end: k, unit: mag + unit, qualifier };
}

/** An Arabic number starting at `i`: its end and value. */
function readNumber(t: string, i: number): { end: number; value: number } {
  let j = i;
  while (isDigit(t[j])) j++;
  // Digit groups "1,594.98" (only when every group has three digits).
  while (t[j] === ',' && isDigit(t[j + 1]) && isDigit(t[j + 2]) && isDigit(t[j + 3]) && !isDigit(t[j + 4]))
    j += 4;
  if (t[j] === '.' && isDigit(t[j + 1])) {
    j++;
    while (isDigit(t[j])) j++;
  }
  return { end: j, value: Number(t.slice(i, j).replace(/,/g, '')) };
}

function precededByRankCue(t: string, firstCharOfOrdinal: number): string | null {
  const before = t.slice(Math.max(0, firstCharOfOrdinal - 8), firstCharOfOrdinal);
  const scope = RANK_SCOPES.find((s) => before.endsWith(s) || before.includes(s));
  const cue = RANK_CUES.some((c) => before.includes(c));
  if (scope) return scope;
  return cue ? '' : null;
}

function scanTokens(t: string, years: YearMention[]): Token[] {
  const tokens: Token[] = [];
  const push = (tok: Omit<Token, 'nounEnd'>) => tokens.push({ ...tok, nounEnd: tok.end });
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    const prev = t[i - 1];
    if (isDigit(ch) && !isDigit(prev) && prev !== '.' && prev !== ',') {
      const { end: j, value } = readNumber(t, i);
      const next = t[j];
      if (isAsciiLetter(next) || next === '·' || prev === '·' || (next === '.' && isDigit(t[j + 1]))) {
        i = j - 1;
        continue;
      }
      // Structure ratio 12.5:44.2:43.3.
      if (next === ':' && isDigit(t[j + 1])) {
        let k = j;
        const parts = [t.slice(i, j)];
        while (t[k] === ':' && isDigit(t[k + 1]) && parts.length < 6) {
          const n = readNumber(t, k + 1);
          parts.push(t.slice(k + 1, n.end));
          k = n.end;
        }
        const before = t.slice(Math.max(0, i - 4), i);
        if (parts.length >= 3 || /比为?$|比例为?$/.test(before))
          push({
            kind: 'ratio',
            start: i,
            end: k,
            value: parts.join(':'),
            valueTo: null,
            unit: '比值',
            qualifier: null,
            skip: null,
          });
        i = k - 1;
        continue;
      }
      const digits = j - i;
      // Years and year ranges.
      if (digits === 4 && value >= 1900 && value <= 2100) {
        if (t[j] === '年') {
          const end = t[j + 1] === '度' ? j + 2 : j + 1;
          years.push({ start: i, end, year: value, kind: 'inline' });
          i = end - 1;
          continue;
        }
        if (RANGE_DASH.includes(next ?? '') || next === '至' || next === '到') {
          const m = readNumber(t, j + 1);
          if (m.end - (j + 1) === 4 && m.value >= value && m.value <= 2100) {
            years.push({ start: i, end: m.end, year: m.value, kind: 'range' });
            i = m.end - 1;
            continue;
          }
        }
        if (next === '，' || next === '、') {
          years.push({ start: i, end: j, year: value, kind: 'inline' });
          i = j - 1;
          continue;
        }
      }
      // Ranges 1—3家, 10—30人, 4-6月.
      let valueTo: number | null = null;
      let k = j;
      if ((RANGE_DASH.includes(next ?? '') || next === '至' || next === '到') && isDigit(t[j + 1])) {
        const m = readNumber(t, j + 1);
        valueTo = m.value;
        k = m.end;
      }
      if ('月日号时'.includes(t[k] ?? '') || t.startsWith('周年', k)) {
        i = k - 1;
        continue;
      }
      let tail = readTail(t, k);
      // 30%—40%: the unit repeated after the dash.
      if (
        valueTo === null &&
        tail.unit &&
        RANGE_DASH.includes(t[tail.end] ?? '') &&
        isDigit(t[tail.end + 1])
      ) {
        const m = readNumber(t, tail.end + 1);
        const tail2 = readTail(t, m.end);
        if (tail2.unit === tail.unit) {
          valueTo = m.value;
          tail = tail2;
        }
      }
      // Ranks: 第9位, 全省第 5.
      if (prev === '第') {
        const afterNumber = t[k];
        if (afterNumber === '位' || afterNumber === '名') {
          const before = t.slice(Math.max(0, i - 3), i);
          push({
            kind: 'rank',
            start: i - 1,
            end: k + 1,
            value,
            valueTo,
            unit: '位',
            qualifier: null,
            skip: before.endsWith('前第') ? 'ordinal' : null,
          });
        } else if (
          (afterNumber === undefined || CLAUSE_END.includes(afterNumber) || afterNumber === '的') &&
          precededByRankCue(t, i - 1) !== null
        ) {
          push({
            kind: 'rank',
            start: i - 1,
            end: k,
            value,
            valueTo,
            unit: '位',
            qualifier: null,
            skip: null,
          });
        }
        i = k - 1;
        continue;
      }
      if (!tail.unit) {
        i = k - 1;
        continue;
      }
      push({
        kind: 'quantity',
        start: i,
        end: tail.end,
        value,
        valueTo,
        unit: tail.unit,
        qualifier: tail.qualifier,
        skip: prev === '前' && /^[名位]$/.test(tail.unit) ? 'ordinal' : null,
      });
      i = tail.end - 1;
      continue;
    }
    if (isCnNum(ch) && !isCnNum(prev)) {
      let j = i;
      while (j < t.length && j - i < 10 && isCnNum(t[j])) j++;
      const run = t.slice(i, j);
      if (prev === '第') {
        const n = parseCnNumber(run);
        const afterNumber = t[j];
        if (n !== null && n > 0) {
          if (afterNumber === '位' || afterNumber === '名')
            push({
              kind: 'rank',
              start: i - 1,
              end: j + 1,
              value: n,
              valueTo: null,
              unit: '位',
              qualifier: null,
              skip: null,
            });
          else if (
            (afterNumber === undefined || CLAUSE_END.includes(afterNumber) || afterNumber === '的') &&
            precededByRankCue(t, i - 1) !== null
          )
            push({
              kind: 'rank',
              start: i - 1,
              end: j,
              value: n,
              valueTo: null,
              unit: '位',
              qualifier: null,
              skip: null,
            });
        }
        i = j - 1;
        continue;
      }
      const last = run[run.length - 1];
      if (last === '万' || last === '亿') {
        const head = run.slice(0, -1);
        const approx = t.slice(Math.max(0, i - 1), i);
        const headValue = head === '' ? (/^[近上逾超过约]$/.test(approx) ? 1 : null) : parseCnNumber(head);
        const hasDigitWord = head === '' || [...head].some((c) => c in CN_DIGITS);
        if (headValue !== null && hasDigitWord) {
          const tail = readTail(t, j - 1);
          if (tail.unit && tail.unit !== last) {
            const qualifier = head === '' ? (approx === '过' ? null : approx) : tail.qualifier;
            push({
              kind: 'quantity',
              start: i,
              end: tail.end,
              value: headValue,
              valueTo: null,
              unit: tail.unit,
              qualifier,
              skip: approx === '过' ? 'threshold' : null,
            });
            i = tail.end - 1;
            continue;
          }
        }
      } else if (/[百千]/.test(run) && [...run].some((c) => c in CN_DIGITS)) {
        const n = parseCnNumber(run);
        const tail = readTail(t, j);
        if (n !== null && tail.unit) {
          push({
            kind: 'quantity',
            start: i,
            end: tail.end,
            value: n,
            valueTo: null,
            unit: tail.unit,
            qualifier: tail.qualifier,
            skip: null,
          });
          i = tail.end - 1;
          continue;
        }
      }
      i = j - 1;
    }
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Text structure: paragraphs, sentences, clauses, titles and quotes

interface Structure {
  paragraphs: number[];
  sentences: number[];
  clauses: number[];
  /** 1 inside 《…》 or a short “…” (codes, names), else 0. */
  quoted: Uint8Array;
  /** Paragraph starts of heading-like lines (short, no 。). */
  headings: Set<number>;
  /** Paragraph starts of lines with tabs (table rows). */
  tabbed: Set<number>;
}

function structure(t: string): Structure {
  const paragraphs = segmentStarts(t, '\n');
  const sentences = segmentStarts(t, SENTENCE_END);
  const clauses = segmentStarts(t, CLAUSE_END);
  const quoted = new Uint8Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const open = t[i];
    const close = open === '《' ? '》' : open === '“' ? '”' : open === '"' ? '"' : null;
    if (!close) continue;
    const limit = open === '《' ? 80 : 14;
    let j = -1;
    for (let k = i + 1; k < t.length && k - i <= limit && t[k] !== '\n'; k++)
      if (t[k] === close) {
        j = k;
        break;
      }
    if (j > i) {
      for (let k = i; k <= j; k++) quoted[k] = 1;
      if (open === '《') i = j;
    }
  }
  const headings = new Set<number>();
  const tabbed = new Set<number>();
  for (let p = 0; p < paragraphs.length; p++) {
    const s = paragraphs[p];
    const e = p + 1 < paragraphs.length ? paragraphs[p + 1] - 1 : t.length;
    const line = t.slice(s, e);
    if (isTableRow(line)) tabbed.add(s);
    else if (line.length <= 32 && !line.includes('。')) headings.add(s);
  }
  return { paragraphs, sentences, clauses, quoted, headings, tabbed };
}

// ---------------------------------------------------------------------------------------------
// Exclusions

const CODE_QUOTE = /“(\d{2,6})”/g;

/** Sentences that spell out the digits of a programme code ("1331": 即1名…3个…3年…1个). */
function codeDefinitionSpans(t: string, st: Structure): [number, number][] {
  const spans: [number, number][] = [];
  CODE_QUOTE.lastIndex = 0;
  for (let m = CODE_QUOTE.exec(t); m !== null; m = CODE_QUOTE.exec(t)) {
    const digits = m[1];
    const codeEnd = m.index + m[0].length;
    const sEnd = endOf(st.sentences, m.index, t.length);
    const tries: [number, number][] = [];
    // "“139”即1个品种…": the rest of the same sentence.
    tries.push([codeEnd, sEnd]);
    // The next sentence ("“1331”帮扶工程。即1名市领导…", or the paragraph after a heading).
    let next = sEnd + 1;
    while (next < t.length && SENTENCE_END.includes(t[next])) next++;
    if (next < t.length) tries.push([next, endOf(st.sentences, next, t.length)]);
    for (const [a, b] of tries) {
      const numbers: string[] = [];
      for (let i = a; i < b && numbers.length < digits.length; i++) {
        if (isDigit(t[i]) && !isDigit(t[i - 1]) && t[i - 1] !== '.') {
          const n = readNumber(t, i);
          numbers.push(t.slice(i, n.end));
          i = n.end - 1;
        } else if (
          t[i] in CN_DIGITS &&
          !isCnNum(t[i - 1]) &&
          !isCnNum(t[i + 1]) &&
          (unitAt(t, i + 1) || t[i + 1] === '年')
        ) {
          numbers.push(String(CN_DIGITS[t[i]]));
        }
      }
      if (numbers.length === digits.length && numbers.every((n, k) => n[0] === digits[k])) {
        spans.push([a, b]);
        break;
      }
    }
  }
  return spans;
}

function applyExclusions(t: string, st: Structure, tokens: Token[]): void {
  const codeMask = new Uint8Array(t.length);
  for (const [a, b] of codeDefinitionSpans(t, st)) codeMask.fill(1, a, b);
  for (const tok of tokens) {
    if (tok.skip) continue;
    if (st.quoted[tok.start]) {
      tok.skip = 'quoted';
      continue;
    }
    if (codeMask[tok.start]) {
      tok.skip = 'code-definition';
      continue;
    }
    if (tok.kind !== 'quantity') continue;
    const after = t.slice(tok.end, tok.end + 3);
    const before = t.slice(Math.max(0, tok.start - 3), tok.start);
    // Thresholds: 10亿元以上项目, 20户以上通组公路, 税收过5000万元的企业, 超过500亿元的产业.
    if ((tok.qualifier === '以上' || tok.qualifier === '以下') && (isCjk(after[0]) || after[0] === '“')) {
      tok.skip = 'threshold';
      continue;
    }
    if (before.endsWith('过') && (after[0] === '的' || isCjk(after[0]))) {
      tok.skip = 'threshold';
      continue;
    }
    if (/超过$|超$|高于$|低于$/.test(before) && after[0] === '的') {
      tok.skip = 'threshold';
      continue;
    }
    // "五个60亿元的产业集群": the size of each of an enumerated set.
    if (/[一二三四五六七八九十两][个家项]$/.test(before)) {
      tok.skip = 'descriptor';
      continue;
    }
    const clauseStart = Math.max(startOf(st.clauses, tok.start), tok.start - 80);
    const clause = t.slice(clauseStart, tok.start);
    // Per-unit specifications: 每户20个蜂箱, 每月至少召开1次会议, 每县集中3天时间剖析1个贫困村.
    const countLike = isCountUnit(tok.unit) || tok.unit === '天';
    const per = /每(年|月|季度|天|日|周)?/.exec(clause);
    if (countLike && per && (!per[1] || tok.unit === '次' || tok.unit === '天')) {
      tok.skip = 'per-unit';
      continue;
    }
    // Rule parameters: 按照…5件、…3件的标准, 按不低于财政收入5%的比例.
    const an = clause.lastIndexOf('按');
    if (an >= 0) {
      const clauseEnd = endOf(st.clauses, tok.start, t.length);
      const rest = t.slice(tok.end, Math.min(clauseEnd, tok.end + 40));
      if (/(标准|要求|比例|原则|规定|办法)/.test(rest)) {
        tok.skip = 'rule';
        continue;
      }
    }
    // Counts of categories: 3个方面, 8个领域.
    const category = CATEGORY_NOUNS.find((n) => t.startsWith(n, tok.end));
    if (countLike && category) {
      tok.skip = 'category';
      tok.end += category.length;
      continue;
    }
    // "1亩地1年收益约为4000元", "1村一个报告": a 1 right before another quantity is a denominator.
    if (tok.value === 1 && /^[\u4e00-\u9fff]?[\d一二三四五六七八九十]/.test(after)) {
      tok.skip = 'per-unit';
      if (isCjk(after[0]) && !isCnNum(after[0])) tok.end += 1;
      continue;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Years and periods

const NOW_WORDS = [
  '截至目前',
  '截止目前',
  '截止到目前',
  '到目前为止',
  '今年以来',
  '今年来',
  '今年',
  '目前',
  '当前',
  '本年',
];

function classifyYears(t: string, st: Structure, years: YearMention[]): void {
  for (const y of years) {
    if (y.kind === 'range') continue;
    if (st.quoted[y.start]) {
      y.kind = 'range';
      continue;
    }
    const before = t.slice(Math.max(0, y.start - 4), y.start);
    const after = t.slice(y.end, y.end + 6);
    if (
      /(比|较|相比|是|同|与|恢复到|对比)$/.test(before) ||
      /^(同期|基础上|水平)/.test(after) ||
      /^的[\d.]/.test(after)
    ) {
      y.kind = 'base';
      continue;
    }
    if ((/(到|至)$/.test(before) && !/(截至|截止|截止到)$/.test(before)) || /^(前|以前|之前)/.test(after)) {
      y.kind = 'target';
      continue;
    }
    if (/^(\d{1,2}月)?(份)?(以来|开始|起)/.test(after) || /(自|从)$/.test(before)) {
      y.kind = 'since';
      continue;
    }
    y.adverbial = /^(度|底|末|初|上半年|下半年|一季度|前三季度|\d{1,2}月(份|底|末)?(\d{1,2}日)?)?，/.test(
      after + t.slice(y.end + 6, y.end + 12),
    );
    const sStart = startOf(st.sentences, y.start);
    const lead = y.start - sStart <= 12 ? t.slice(sStart, y.start) : '…';
    const clauseStart = startOf(st.clauses, y.start);
    if (
      /^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)?(截至|截止到|截止|在|于)?$/.test(lead) ||
      (clauseStart === sStart && y.start - sStart <= 2)
    )
      y.kind = 'topic';
  }
  const covered = new Uint8Array(t.length);
  for (const w of NOW_WORDS) {
    for (let i = t.indexOf(w); i >= 0; i = t.indexOf(w, i + w.length)) {
      // 截止目前 etc. are found once, by their longest form first.
      if (covered[i]) continue;
      covered.fill(1, i, i + w.length);
      years.push({ start: i, end: i + w.length, year: 0, kind: 'now' });
    }
  }
  years.sort((a, b) => a.start - b.start);
}

function documentYear(years: YearMention[], st: Structure, t: string): number | null {
  let best: number | null = null;
  for (const y of years) {
    if (y.kind === 'base' || y.kind === 'target' || y.kind === 'range' || y.kind === 'now') continue;
    if (t.startsWith('远景', y.end)) continue;
    if (st.quoted[y.start]) continue;
    // Column headings of a table ("2025 年\t2030 年") are not the report's own time.
    if (st.tabbed.has(startOf(st.paragraphs, y.start))) continue;
    if (best === null || y.year > best) best = y.year;
  }
  return best;
}

interface PeriodContext {
  t: string;
  st: Structure;
  years: YearMention[];
  /** years[i].start, for binary search. */
  yearStarts: number[];
  docYear: number | null;
  /** Plan ranges in force ("“十四五”时期", "五年来"), by position. */
  plans: { start: number; end: number; from: number; to: number; scope: 'paragraph' | 'section' }[];
  planStarts: number[];
  /** Paragraph start → the year of the nearest heading above it that names one (null: none). */
  headingYear: Map<number, { year: number; at: number } | null>;
}

const PLAN_ORDINALS: Record<string, number> = { 十一: 11, 十二: 12, 十三: 13, 十四: 14, 十五: 15, 十六: 16 };

function planRanges(t: string, st: Structure, docYear: number | null): PeriodContext['plans'] {
  const plans: PeriodContext['plans'] = [];
  const nextHeading = (pos: number) => {
    const i = floorIndex(st.paragraphs, pos);
    for (let k = i + 1; k < st.paragraphs.length; k++)
      if (st.headings.has(st.paragraphs[k])) return st.paragraphs[k];
    return t.length;
  };
  const re = /“?(十[一二三四五六])五”?(时期|期间|以来)/g;
  for (let m = re.exec(t); m !== null && plans.length < 200; m = re.exec(t)) {
    // 十一五 began in 2006.
    const start = 2006 + (PLAN_ORDINALS[m[1]] - 11) * 5;
    const pStart = startOf(st.paragraphs, m.index);
    const heading = st.headings.has(pStart);
    // A heading names a section ("“十三五”时期,咸宁干得怎么样?"); a paragraph that opens with the
    // plan ("“十四五”时期是…的五年") speaks for the paragraphs up to the next heading.
    if (!heading && m.index - pStart > 2) continue;
    plans.push({
      start: pStart,
      end: heading ? t.length : nextHeading(pStart),
      from: start,
      to: start + 4,
      scope: heading ? 'section' : 'paragraph',
    });
  }
  // A later section heading ends an earlier one.
  plans.sort((a, b) => a.start - b.start);
  for (let i = 0; i < plans.length; i++)
    if (plans[i].scope === 'section')
      for (let j = i + 1; j < plans.length; j++)
        if (plans[j].scope === 'section') {
          plans[i].end = plans[j].start;
          break;
        }
  if (docYear !== null) {
    const re2 = /(五年来|这五年)/g;
    for (let m = re2.exec(t); m !== null && plans.length < 400; m = re2.exec(t)) {
      if (plans.some((p) => m.index >= p.start && m.index < p.end)) continue;
      const pStart = startOf(st.paragraphs, m.index);
      plans.push({
        start: pStart,
        end: endOf(st.paragraphs, m.index, t.length),
        from: docYear - 4,
        to: docYear,
        scope: 'paragraph',
      });
    }
  }
  plans.sort((a, b) => a.start - b.start);
  return plans;
}

/** For every paragraph, the year named by the nearest heading above it (a question title without a year resets it). */
function headingYears(t: string, st: Structure, years: YearMention[]): PeriodContext['headingYear'] {
  const map: PeriodContext['headingYear'] = new Map();
  let current: { year: number; at: number } | null = null;
  let yi = 0;
  for (let p = 0; p < st.paragraphs.length; p++) {
    const s = st.paragraphs[p];
    const e = p + 1 < st.paragraphs.length ? st.paragraphs[p + 1] - 1 : t.length;
    map.set(s, current);
    while (yi < years.length && years[yi].start < s) yi++;
    if (!st.headings.has(s)) continue;
    let y: YearMention | null = null;
    for (let k = yi; k < years.length && years[k].start < e; k++)
      if (years[k].kind === 'topic' || years[k].kind === 'inline') {
        y = years[k];
        break;
      }
    if (y) current = { year: y.year, at: s };
    else if (/[？?]$/.test(t.slice(s, e))) current = null;
  }
  return map;
}

function periodFor(ctx: PeriodContext, tok: Token, relation: string | null, target: boolean): string | null {
  const { st, years, docYear, t } = ctx;
  const pos = tok.start;
  const sStart = startOf(st.sentences, pos);
  const pStart = startOf(st.paragraphs, pos);
  const yearOf = (y: YearMention) => (y.kind === 'now' ? docYear : y.year);
  const annual = relation !== null && /年均|期末/.test(relation);
  let plan: PeriodContext['plans'][number] | undefined;
  for (let k = floorIndex(ctx.planStarts, pos), n = 0; k >= 0 && n < 20; k--, n++)
    if (pos < ctx.plans[k].end) {
      plan = ctx.plans[k];
      break;
    }
  if (annual && plan) return `${plan.from}—${plan.to}`;
  // 1. A year stated earlier in the same sentence (the nearest), or later in the same clause.
  const clauseStart = startOf(st.clauses, pos);
  const clauseEnd = endOf(st.clauses, pos, t.length);
  const at = floorIndex(ctx.yearStarts, pos);
  let found: YearMention | null = null;
  for (let k = at, n = 0; k >= 0 && n < 50 && years[k].start >= sStart; k--, n++) {
    const y = years[k];
    if (y.end > pos || y.kind === 'base' || y.kind === 'range' || y.kind === 'since') continue;
    // A year that is not followed by a comma speaks for its own part of the sentence (up to ；).
    const scoped =
      y.kind !== 'inline' || y.adverbial || (pos - y.end < 400 && !t.slice(y.end, pos).includes('；'));
    if (!scoped) continue;
    found = y;
    break;
  }
  if (!found)
    for (let k = at + 1; k < years.length && years[k].start < clauseEnd; k++) {
      const y = years[k];
      if (y.start >= clauseStart && (y.kind === 'inline' || y.kind === 'topic' || y.kind === 'target')) {
        found = y;
        break;
      }
    }
  if (found) {
    const v = yearOf(found);
    return v === null ? null : String(v);
  }
  // 2. A year that opens an earlier sentence of the paragraph, unless another time was stated since.
  for (
    let k = floorIndex(ctx.yearStarts, sStart - 1), n = 0;
    k >= 0 && n < 200 && years[k].start >= pStart;
    k--, n++
  ) {
    const y = years[k];
    if (y.start >= sStart || y.kind === 'base' || y.kind === 'range' || y.kind === 'now') continue;
    if (y.kind === 'topic') return String(y.year);
    break;
  }
  // 3. The plan period or the year of the heading above ("2020年,咸宁怎么看?"), whichever is nearer.
  const h = ctx.headingYear.get(pStart) ?? null;
  if (plan && (h === null || plan.start > h.at)) return String(plan.to);
  if (h !== null) return String(h.year);
  if (target) return null;
  return docYear === null ? null : String(docYear);
}

// ---------------------------------------------------------------------------------------------
// Naming

interface Words {
  s: string;
  /** Normalised index of s[0]. */
  at: number;
  /** Words were cut off the front of a long name: it may have lost what makes it specific. */
  truncated?: boolean;
}

function stripStart(w: Words, words: readonly string[]): boolean {
  for (const p of words)
    if (p && w.s.startsWith(p) && w.s.length >= p.length) {
      w.s = w.s.slice(p.length);
      w.at += p.length;
      return true;
    }
  return false;
}

function stripEnd(w: Words, words: readonly string[]): boolean {
  for (const p of words)
    if (p && w.s.endsWith(p)) {
      w.s = w.s.slice(0, -p.length);
      return true;
    }
  return false;
}

const TIME_PREFIX =
  /^((截至|截止到|截止|至|到|自|从|在|于)?\d{4}年(度)?(\d{1,2}月(份)?)?(底|末|初|前|上半年|下半年|一季度|前三季度)?(以来|开始|起|来)?|(截至|截止到|截止)?\d{1,2}(—\d{1,2})?月(份)?(底|末|初)?|(截至|截止到|截止)?\d{1,2}月底)/;

const RELATION_PATTERNS: { re: RegExp; name: (m: RegExpExecArray) => string }[] = [
  { re: /(增加|增长|下降|减少|降低|提高|提升|上升|回落|降|升)(到|至)$/, name: (m) => m[0] },
  { re: /(年均|年平均|平均每年)(分别)?(增长|增加|下降|减少|提高|降低)了?$/, name: (m) => `年均${m[3]}` },
  { re: /恢复(到|至)([^，。；\n]{0,10})$/, name: (m) => m[0] },
  {
    re: /((?<!占)比(?![重例率值])|较|同比|环比|相比|与)([^，。；\n]{0,12}?)(增长|增加|下降|减少|降低|提高|提升|上升|回落|收窄|扩大|上涨|下滑|高出|高|低|多|少)了?$/,
    name: (m) => `${m[1]}${m[2]}${m[3]}`,
  },
  { re: /(增幅|涨幅|降幅|增速)(为|达到?)?$/, name: (m) => m[1] },
  { re: /(增长|增加|下降|减少|降低|提高|提升|上升|回落|收窄|扩大|上涨|下滑|翻番)了?$/, name: (m) => m[1] },
];

const SHARE_PATTERN = /占([^，。；\n]{0,14}?)(比重|比例)?(的)?(仅为|仅|达到|达|为)?$/;

interface Naming {
  base: string;
  relFrom: number;
  /** Normalised span of the words the name came from. */
  from: number;
  to: number;
  relation: string | null;
  inherited: boolean;
  share: string | null;
  qualifier: string | null;
  target: boolean;
  truncated: boolean;
}

function cleanName(w: Words, regionWords: readonly string[]): void {
  // The name is what follows an enumeration's 等 ("冶金建材、…等六大传统主导产业规上企业").
  const deng = w.s.lastIndexOf('等');
  if (deng >= 0) {
    w.at += deng + 1;
    w.s = w.s.slice(deng + 1);
  }
  for (let guard = 0; guard < 12; guard++) {
    const before = w.s;
    w.s = w.s.replace(/^[\s，、；：●•▪■◆◇○·的]+/, '');
    w.at += before.length - w.s.length;
    for (const re of [
      TIME_PREFIX,
      /^(\d+|[一二三四五六七八九十两]+)(类|种|大类|个方面)/,
      /^\d+(年|个月|天|小时)(的)?/,
    ]) {
      const m = re.exec(w.s);
      if (m && m[0]) {
        w.s = w.s.slice(m[0].length);
        w.at += m[0].length;
      }
    }
    stripStart(w, LEFT_PREFIXES);
    stripStart(w, regionWords);
    // Place names: 双溪镇, 陆溪镇, 大路乡.
    const place = /^[\u4e00-\u9fff]{2,4}(镇|乡|街道)(?![村镇])/.exec(w.s);
    if (place && !/(城|乡)镇$|^(新增|新|全|各|该|本|城|农)/.test(place[0])) {
      w.s = w.s.slice(place[0].length);
      w.at += place[0].length;
    }
    stripEnd(w, LEFT_SUFFIXES);
    if (w.s === before) break;
  }
  // "…有限公司现已有中药材种植基地": the name starts after the organisation.
  const org = /(有限公司|公司|合作社|集团|协会)/g;
  let lastOrg = -1;
  for (let m = org.exec(w.s); m !== null; m = org.exec(w.s)) lastOrg = m.index + m[0].length;
  if (lastOrg > 0 && w.s.length - lastOrg >= 2) {
    w.truncated = true;
    w.at += lastOrg;
    w.s = w.s.slice(lastOrg);
    stripStart(w, LEFT_PREFIXES);
    stripStart(w, LEFT_PREFIXES);
    stripStart(w, LEFT_PREFIXES);
  }
  // "…向“1331”帮扶贫困村捐赠帮扶资金": a long name starts at its last verb of giving or spending.
  if (w.s.length > 10) {
    let k = -1;
    for (const v of AMOUNT_VERBS) k = Math.max(k, w.s.lastIndexOf(v));
    for (const v of ['捐赠', '发放', '投入']) k = Math.max(k, w.s.lastIndexOf(v));
    if (k > 0 && w.s.length - k >= 3) {
      w.truncated = true;
      w.at += k;
      w.s = w.s.slice(k);
    }
  }
  if (w.s.length > 14) {
    const de = w.s.lastIndexOf('的');
    const tail = w.s.slice(de + 1);
    if (de >= 0 && tail.length >= 2 && !/^(比例|比重|数量|总数|总量|规模|占比)$/.test(tail)) {
      w.truncated = true;
      w.at += de + 1;
      w.s = w.s.slice(de + 1);
    }
  }
  if (w.s.length > 16) {
    // Cut where a level word starts a name ("…省级工业互联网融合发展试点示范企业"), else keep the end.
    const level = /(国家级|省级|市级|县级|全国|全省|全市)/g;
    let cut = -1;
    for (let m = level.exec(w.s); m !== null; m = level.exec(w.s))
      if (w.s.length - m.index <= 20) {
        cut = m.index;
        break;
      }
    const k = cut >= 0 ? cut : w.s.length - 16;
    w.truncated = true;
    w.at += k;
    w.s = w.s.slice(k);
  }
  // Unbalanced quotes and brackets at the edges.
  for (let guard = 0; guard < 4; guard++) {
    const before = w.s;
    if (w.s.startsWith('”') || w.s.startsWith('）') || (w.s.startsWith('“') && !w.s.includes('”'))) {
      w.s = w.s.slice(1);
      w.at += 1;
    }
    if (w.s.endsWith('“') || w.s.endsWith('（') || (w.s.endsWith('”') && !w.s.includes('“')))
      w.s = w.s.slice(0, -1);
    if (w.s === before) break;
  }
  if (!/[\u4e00-\u9fffA-Za-z]/.test(w.s)) w.s = '';
}

/**
 * The counted noun after a count: "400余户贫困户开发荒山" → 贫困户; "3000个“四员”（…）扶贫岗位" →
 * “四员”扶贫岗位 (a parenthetical is skipped). For amounts, the name runs to the last money head noun
 * ("1000万元扶贫开发专项资金").
 */
function nounAfter(
  t: string,
  from: number,
  limit: number,
  money: boolean,
): { noun: string; verb: string; end: number } {
  let e = from;
  const kept: number[] = [];
  while (e < limit && kept.length < 16 && !isDigit(t[e])) {
    if (t[e] === '（') {
      const close = t.indexOf('）', e);
      if (close > e && close - e <= 40 && close < limit) {
        e = close + 1;
        continue;
      }
      break;
    }
    if (CLAUSE_END.includes(t[e])) break;
    kept.push(e);
    e++;
  }
  let chars = kept.map((k) => t[k]);
  let skip = 0;
  if (chars[0] === '的') skip = 1;
  chars = chars.slice(skip);
  const positions = kept.slice(skip);
  const s = chars.join('');
  const endAt = (n: number) => (n <= 0 ? from : positions[n - 1] + 1);
  const verb = LEADING_VERBS.find((v) => s.startsWith(v));
  if (verb) {
    let n = s.length;
    for (const stop of ['的', '和', '，']) {
      const k = s.indexOf(stop);
      if (k > 0 && k < n) n = k;
    }
    n = Math.min(n, 10);
    return { noun: '', verb: s.slice(0, n).replace(/了/g, ''), end: endAt(n) };
  }
  let cut = s.length;
  for (const stop of NOUN_STOPS) {
    // A stop at the very start is part of the noun ("“四员”…", "未脱贫贫困人口").
    for (let k = s.indexOf(stop); k >= 0; k = s.indexOf(stop, k + 1))
      if (k >= 2 || (k <= 1 && stop.length === 1 && stop !== '“')) {
        if (k < cut) cut = k;
        break;
      }
  }
  if (money) {
    let best = -1;
    for (const h of MONEY_HEADS) {
      const k = s.lastIndexOf(h);
      if (k >= 0 && k + h.length > best && !s.slice(0, k).includes('的')) best = k + h.length;
    }
    if (best > cut) cut = best;
  }
  let noun = s.slice(0, cut);
  const trimmed = noun.replace(/[共已均都还也将正又再到在至为是有达]$/, '');
  const n = trimmed.length;
  noun = trimmed;
  if (!/[\u4e00-\u9fff]/.test(noun) || /^[以上下左右余多]/.test(noun))
    return { noun: '', verb: '', end: from };
  if ((noun.match(/“/g)?.length ?? 0) !== (noun.match(/”/g)?.length ?? 0)) noun = noun.replace(/[“”]/g, '');
  return { noun, verb: '', end: endAt(n) };
}

function nameFigure(
  t: string,
  st: Structure,
  tok: Token,
  leftBound: number,
  regionWords: readonly string[],
): Naming {
  const from = Math.max(leftBound, tok.start - 60);
  const raw: Words = { s: t.slice(from, tok.start), at: from };
  let relation: string | null = null;
  let share: string | null = null;
  let qualifier: string | null = null;
  const clauseText = t
    .slice(
      Math.max(startOf(st.clauses, tok.start), tok.start - 80),
      Math.min(endOf(st.clauses, tok.start, t.length), tok.end + 80),
    )
    .replace(/“[^”]{0,12}”|《[^》]{0,60}》/g, '');
  const target = /目标|力争|争取|预期|计划/.test(clauseText);
  if (tok.kind === 'rank') {
    // 占比居全省第9位 → 占比 (+ scope in the name), 排名全省第三 → ''.
    const scope = RANK_SCOPES.find((s) => raw.s.endsWith(s)) ?? '';
    raw.s = raw.s.slice(0, raw.s.length - scope.length);
    for (const c of RANK_CUES)
      if (raw.s.endsWith(c)) {
        raw.s = raw.s.slice(0, -c.length);
        break;
      }
    relation = '居第N位';
    share = scope;
  } else {
    for (const q of PREFIX_QUALIFIERS)
      if (raw.s.endsWith(q)) {
        qualifier = q;
        raw.s = raw.s.slice(0, -q.length);
        break;
      }
    const rate = tok.unit === '%' || tok.unit === '‰' || tok.unit === '个百分点';
    for (const p of RELATION_PATTERNS) {
      const m = p.re.exec(raw.s.slice(-24));
      // "改造提升35万亩": 提升/提高 before an amount is part of the verb, not a change.
      if (
        m &&
        !rate &&
        p === RELATION_PATTERNS[RELATION_PATTERNS.length - 1] &&
        /^(提升|提高|扩大|收窄)/.test(m[0])
      )
        break;
      if (m) {
        relation = p.name(m);
        raw.s = raw.s.slice(0, raw.s.length - m[0].length);
        break;
      }
    }
    // "仅为全省平均水平的46.2%，武汉市的16.1%": a ratio to a reference.
    const ref = /(仅为|为|相当于|是)?([^，。；\n]{1,12}?(水平|平均|[市县区省]))的$/.exec(raw.s.slice(-16));
    if (!relation && ref && !ref[0].includes('占') && (tok.unit === '%' || tok.unit === '倍')) {
      relation = `相当于${ref[2]}`;
      raw.s = raw.s.slice(0, raw.s.length - ref[0].length);
    }
    if (!relation && /占比(为|达到?|仅为?)?$/.test(raw.s)) {
      relation = '占比';
      share = '';
      raw.s = raw.s.replace(/占比(为|达到?|仅为?)?$/, '');
    }
    if (!relation) {
      const m = SHARE_PATTERN.exec(raw.s.slice(-24));
      if (m && (tok.unit === '%' || tok.unit === '‰')) {
        relation = '占比';
        share = m[1].replace(/^(全省|全国|全市)(的)?$/, '$1');
        raw.s = raw.s.slice(0, raw.s.length - m[0].length);
      } else if (raw.s.endsWith('占比')) {
        relation = '占比';
        share = '';
        raw.s = raw.s.slice(0, -2);
      }
    }
    if (tok.unit === '倍') {
      relation = '倍';
      raw.s = raw.s.replace(/是[^，。；]{0,10}的?$/, '');
    }
    if (!relation && raw.s.endsWith('从')) relation = '从';
    if (!relation && raw.s.endsWith('由')) relation = '从';
  }
  // Where the words of the relation ("比上年增长", "占全省的", "居全省第") begin.
  const relFrom = raw.at + raw.s.length;
  cleanName(raw, regionWords);
  return {
    relFrom,
    base: raw.s,
    from: raw.at,
    to: raw.at + raw.s.length,
    relation,
    inherited: false,
    share,
    qualifier,
    target,
    truncated: raw.truncated === true,
  };
}

// ---------------------------------------------------------------------------------------------
// Regions

interface RegionLexicon {
  /** Longest first: [word, region name]. */
  words: [string, string][];
  home: string | null;
  provinces: Set<string>;
}

function regionLexicon(options: ExtractOptions): RegionLexicon {
  const words: [string, string][] = [];
  for (const r of options.regions ?? []) {
    words.push([r.name, r.name]);
    const short = r.name.replace(/(市|县|区|省|自治州|地区)$/, '');
    if (short.length >= 2 && short !== r.name) words.push([short, r.name]);
  }
  const provinces = new Set((options.regions ?? []).filter((r) => r.level === 'province').map((r) => r.name));
  const home = options.homeRegion ?? null;
  if (home) for (const w of ['全市', '我市', '本市', '市本级']) words.push([w, home]);
  words.sort((a, b) => b[0].length - a[0].length);
  return { words, home, provinces };
}

function regionFor(t: string, st: Structure, pos: number, lex: RegionLexicon): string | null {
  const sStart = startOf(st.sentences, pos);
  const pStart = startOf(st.paragraphs, pos);
  // A region counts where it is the subject: at the start of a clause ("通城县…", "在崇阳…"), not
  // inside a name or an object ("湖北领康中药材有限公司", "远销武汉").
  const nearest = (from: number, to: number): string | null => {
    let best: string | null = null;
    let bestAt = -1;
    const slice = t.slice(from, to);
    for (const [w, name] of lex.words) {
      for (let j = slice.lastIndexOf(w); j >= 0; j = j > 0 ? slice.lastIndexOf(w, j - 1) : -1) {
        const k = from + j;
        const cs = startOf(st.clauses, k);
        if (
          k - cs <= 2 ||
          (k - cs <= 10 &&
            /^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)?(在|对|向|由|从|其中)?$/.test(
              t.slice(cs, k),
            ))
        ) {
          // Nearest wins, except that a province ("湖北示阳农牧…") gives way to a county or city.
          const better =
            best === null ||
            (lex.provinces.has(best) && !lex.provinces.has(name)) ||
            (k > bestAt && !(lex.provinces.has(name) && !lex.provinces.has(best)));
          if (better) {
            bestAt = k;
            best = name;
          }
          break;
        }
      }
    }
    return best;
  };
  const from = Math.max(sStart, pos - 200);
  return (
    nearest(from, pos) ??
    (sStart > pStart ? nearest(Math.max(pStart, sStart - 200), sStart) : null) ??
    lex.home
  );
}

// ---------------------------------------------------------------------------------------------
// Assembly

interface Draft {
  tok: Token;
  naming: Naming;
  name: string;
  phrase: string;
  dim: string;
  period: string | null;
  region: string | null;
  spanStart: number;
  spanEnd: number;
  sentence: number;
  paragraph: number;
}

function proposedName(base: string, relation: string | null, share: string | null, tok: Token): string {
  if (tok.kind === 'rank') return `${base}${share ?? ''}排位`;
  if (relation === '占比') return share ? `${base}占${share.replace(/的$/, '')}比重` : `${base}占比`;
  if (
    relation &&
    (tok.unit === '%' || tok.unit === '‰') &&
    /增长|增加|下降|减少|增速|增幅/.test(relation) &&
    !/[到至]$/.test(relation)
  ) {
    if (relation.startsWith('年均')) return `${base}年均增速`;
    if (/期末/.test(relation)) return `${base}${relation}`;
    return base.endsWith('增速') ? base : `${base}增速`;
  }
  return base;
}

const NO_INDICATORS: readonly IndicatorRef[] = [];
const matchers = new WeakMap<readonly IndicatorRef[], IndicatorMatcher>();

/** One matcher per catalogue array (building it folds every name and alias). */
function matcherFor(indicators: readonly IndicatorRef[]): IndicatorMatcher {
  let m = matchers.get(indicators);
  if (!m) {
    m = new IndicatorMatcher(indicators);
    matchers.set(indicators, m);
  }
  return m;
}

export function extractFigures(input: string, options: ExtractOptions = {}): FigureCandidate[] {
  if (typeof input !== 'string' || input.length === 0) return [];
  const norm: NormalisedText = normalise(input);
  const t = norm.text;
  const st = structure(t);
  const years: YearMention[] = [];
  const tokens = scanTokens(t, years);
  applyExclusions(t, st, tokens);
  classifyYears(t, st, years);
  const docYear = options.year ?? documentYear(years, st, t);
  const plans = planRanges(t, st, docYear);
  const ctx: PeriodContext = {
    t,
    st,
    years,
    yearStarts: years.map((y) => y.start),
    docYear,
    plans,
    planStarts: plans.map((p) => p.start),
    headingYear: headingYears(t, st, years),
  };
  const lex = regionLexicon(options);
  const regionWords = lex.words.map(([w]) => w);
  const matcher = matcherFor(options.indicators ?? NO_INDICATORS);

  const drafts: Draft[] = [];
  // Bounds for the words before each token: the previous token (or year) in the same clause.
  // A threshold ("产值过10亿元企业仅8家") and a base year ("较2020年提升") belong to the words that
  // name the next figure, so they do not cut them off.
  const marks = [
    ...tokens.filter((k) => k.skip !== 'threshold').map((k) => k.end),
    ...years.filter((y) => y.kind !== 'now' && y.kind !== 'base').map((y) => y.end),
  ].sort((a, b) => a - b);
  let lastNounEnd = -1;
  for (const tok of tokens) {
    // Tab-separated table rows are read cell by cell (table.ts).
    const pStart = startOf(st.paragraphs, tok.start);
    if (st.tabbed.has(pStart)) continue;
    const clauseStart = startOf(st.clauses, tok.start);
    const mi = floorIndex(marks, tok.start);
    let leftBound = Math.max(clauseStart, mi >= 0 ? marks[mi] : 0, lastNounEnd > tok.start ? 0 : lastNounEnd);
    if (leftBound > tok.start) leftBound = clauseStart;
    if (tok.skip) continue;
    const naming = nameFigure(t, st, tok, leftBound, regionWords);
    let name = naming.base;
    let phrase = naming.base;
    let spanStart = naming.base ? naming.from : Math.min(naming.relFrom, tok.start);
    let spanEnd = tok.end;
    const count = tok.kind === 'quantity' && isCountUnit(tok.unit);
    const amount = tok.kind === 'quantity' && !count && tok.unit !== '%' && !tok.unit.includes('百分点');
    if (count || amount) {
      const after = nounAfter(t, tok.end, Math.min(t.length, tok.end + 80), /元$/.test(tok.unit));
      const leftVerb = AMOUNT_VERBS.find((v) => naming.base.endsWith(v));
      if (count && after.noun && !naming.relation) {
        name =
          naming.base.length > 0 && naming.base.length <= 4 && !naming.base.endsWith(after.noun)
            ? naming.base + after.noun
            : naming.base.endsWith(after.noun)
              ? naming.base
              : after.noun;
        phrase = name;
        if (naming.base.length > 4 || !naming.base) spanStart = tok.start;
        spanEnd = after.end;
        tok.nounEnd = after.end;
      } else if (count && after.verb && !naming.base) {
        name = after.verb;
        phrase = after.verb;
        spanEnd = after.end;
      } else if (amount && after.noun && (!naming.base || leftVerb) && !naming.relation) {
        name = (leftVerb ?? '') + after.noun;
        phrase = name;
        spanEnd = after.end;
        tok.nounEnd = after.end;
      }
    }
    lastNounEnd = tok.nounEnd;
    const sentence = startOf(st.sentences, tok.start);
    const paragraph = pStart;
    const dim = unitDimension(tok.unit, tok.kind === 'rank');
    const last = drafts[drafts.length - 1];
    const rankOf = tok.kind === 'rank' && /^(占比|比重|增速|增幅|总量|规模|数量)$/.test(name);
    if (rankOf && last && last.paragraph === pStart) {
      // "…营业收入1862.28亿元，…占比居全省第9位": the rank of that figure's share.
      name = (last.naming.base.replace(/占.*$/, '') || last.name) + name;
    }
    const generic = rankOf ? null : /^(数量|总数|总量|规模|比重|比例|占比|总额)$/.exec(name);
    if (generic && last && last.paragraph === pStart && last.naming.relation === null) {
      // "新增规上工业企业505家，总数达到1037家", "规上企业976家，数量仅占全省总数的6.26%".
      const subject = last.naming.base.replace(/^(新增|新建|累计)/, '');
      name = /^(总数|总量|总额)$/.test(generic[1]) ? subject + generic[1] : subject;
      phrase = generic[1];
    }
    if (
      !name &&
      last &&
      /^[、和及与]$/.test(t.slice(leftBound, tok.start)) &&
      startOf(st.clauses, last.tok.start) === clauseStart
    ) {
      // "分别增长6.5%、8.2%": the next item of a list says the same thing of the next subject.
      naming.relation = last.naming.relation;
      naming.share = last.naming.share;
      naming.inherited = true;
      name = last.naming.base;
      phrase = '';
    }
    if (
      !name &&
      (naming.relation || tok.kind === 'rank') &&
      (!last || last.sentence !== startOf(st.sentences, tok.start))
    ) {
      // "进出口总额实现翻番，年均增长17%": the subject of the clause before.
      const sStart = startOf(st.sentences, tok.start);
      if (clauseStart > sStart) {
        const prevClause = startOf(st.clauses, clauseStart - 1);
        let words = t.slice(Math.max(prevClause, clauseStart - 61), clauseStart - 1);
        const verb = /(实现|完成|达到|突破|超过|保持|稳居|位居|继续|持续|再创|创历史)/.exec(words);
        if (verb) words = words.slice(0, verb.index);
        const w: Words = { s: words, at: prevClause };
        cleanName(w, regionWords);
        if (w.s.length >= 2) {
          name = w.s;
          phrase = w.s;
          naming.inherited = true;
        }
      }
    }
    if (!name) {
      // Inherit: the figure before it in the sentence ("…200亿元，增长3.3%"), or — when only a place
      // stands before it — a figure of the same kind earlier in the paragraph ("我市规上企业976家…
      // 黄冈（1365家）").
      const wantsAny = naming.relation !== null || tok.kind === 'rank' || tok.unit === '倍';
      let rest = t.slice(Math.max(leftBound, tok.start - 60), tok.start);
      for (const w of regionWords) rest = rest.split(w).join('');
      const placeOnly = /^[\s，、（）有的省内周边和及与]*$/.test(rest);
      for (let k = drafts.length - 1; k >= 0 && k >= drafts.length - 50; k--) {
        const d = drafts[k];
        if (d.paragraph !== paragraph || (d.sentence !== sentence && !placeOnly)) break;
        if (
          (wantsAny && d.sentence === sentence) ||
          (d.dim === dim && d.naming.relation === null && d.tok.kind === tok.kind)
        ) {
          name = d.naming.relation === null ? d.name : d.naming.base || d.name;
          naming.inherited = true;
          break;
        }
      }
      if (!name) continue;
      phrase = naming.relation ?? '';
    }
    naming.base = name;
    const full = proposedName(name, naming.relation, naming.share, tok);
    const period = periodFor(ctx, tok, naming.relation, naming.target);
    const region = regionFor(t, st, tok.start, lex);
    drafts.push({
      tok,
      naming,
      name: full,
      phrase,
      dim,
      period,
      region,
      spanStart: Math.min(spanStart, tok.start),
      spanEnd: Math.max(spanEnd, tok.end),
      sentence,
      paragraph,
    });
  }

  const out: FigureCandidate[] = drafts.map((d) => toCandidate(input, norm, d, matcher, ctx));
  for (const c of extractTables(input, norm, { matcher, docYear, region: lex.home })) out.push(c);
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}

function toCandidate(
  input: string,
  norm: NormalisedText,
  d: Draft,
  matcher: IndicatorMatcher,
  ctx: PeriodContext,
): FigureCandidate {
  const { tok, naming } = d;
  const names = [d.name];
  if (naming.relation && naming.relation !== d.name) names.push(`${naming.base}${naming.relation}`);
  if (/增长|增加/.test(naming.relation ?? '') && tok.unit === '%') names.push(`${naming.base}增长`);
  if (tok.kind !== 'rank' && naming.relation !== '占比' && !(tok.unit === '%' && naming.relation))
    names.push(naming.base);
  // A name that lost its front words ("建有…平台的规上企业" → 规上企业) must not be taken for the
  // catalogue indicator its remains happen to spell.
  const hit = naming.truncated ? null : matcher.match(names, d.dim);
  const span = inputSpan(norm, d.spanStart, d.spanEnd);
  let confidence = 0.55;
  if (hit) confidence += 0.2;
  const sStart = startOf(ctx.st.sentences, tok.start);
  for (
    let k = floorIndex(ctx.yearStarts, tok.start), n = 0;
    k >= 0 && n < 20 && ctx.years[k].start >= sStart;
    k--, n++
  )
    if (ctx.years[k].kind !== 'base' && ctx.years[k].kind !== 'range' && ctx.years[k].end <= tok.start) {
      confidence += 0.1;
      break;
    }
  if (naming.relation) confidence += 0.05;
  if (naming.inherited) confidence -= 0.2;
  const len = [...naming.base].length;
  if (len < 2 || len > 14) confidence -= 0.1;
  if (/^(万|亿)$/.test(tok.unit)) confidence -= 0.1;
  confidence = Math.round(Math.min(0.99, Math.max(0.05, confidence)) * 100) / 100;
  return {
    indicator: hit ? hit.ref.name : d.name,
    indicatorMatch: hit ? 'catalogue' : 'new',
    indicatorCode: hit ? hit.ref.code : null,
    phrase: d.phrase,
    region: d.region,
    period: d.period,
    value: tok.value,
    valueTo: tok.valueTo,
    unit: tok.unit,
    qualifier: tok.qualifier ?? naming.qualifier,
    relation: naming.relation,
    text: input.slice(span.start, span.end),
    start: span.start,
    end: span.end,
    confidence,
  };
}
