/**
 * Figures in tab-separated tables: a header row with year columns ("2025 年", "2030 年") and maybe a
 * 年均/累计 column, an indicator-name column whose cells end in their unit ("常住人口城镇化率（%）").
 * Rows may be shifted by merged cells (seed 004's 专栏1: a row that lost its empty first cell, a
 * sub-indicator column used by one row), so each row is anchored on its name cell, not on positions.
 */
import type { FigureCandidate } from './figures';
import { IndicatorMatcher, unitDimension } from './match';
import { inputSpan, type NormalisedText } from './normalize';

interface Cell {
  text: string;
  start: number;
  end: number;
}

interface Row {
  cells: Cell[];
}

export interface TableOptions {
  matcher: IndicatorMatcher;
  docYear: number | null;
  region?: string | null;
}

/** A line of a tab-separated table: two tabs or more, and not a whole page of prose. */
export function isTableRow(line: string): boolean {
  if (line.length > 600) return false;
  const first = line.indexOf('\t');
  return first >= 0 && line.indexOf('\t', first + 1) >= 0;
}

const hasCjk = (s: string) => /[\u4e00-\u9fff]/.test(s);
const EMPTY = /^[\s—\-–]*$/;

function splitRow(t: string, start: number, end: number): Row {
  const cells: Cell[] = [];
  let s = start;
  for (let i = start; i <= end; i++) {
    if (i === end || t[i] === '\t') {
      let a = s;
      let b = i;
      while (a < b && t[a] === ' ') a++;
      while (b > a && t[b - 1] === ' ') b--;
      cells.push({ text: t.slice(a, b), start: a, end: b });
      s = i + 1;
    }
  }
  return { cells };
}

/** Name and unit of an indicator cell: "常住人口城镇化率（%）" → 常住人口城镇化率, %. */
function nameAndUnit(text: string): { name: string; unit: string } {
  const m = /（([^（）]{1,12})）$/.exec(text);
  if (!m) return { name: text, unit: '' };
  let unit = m[1];
  if (unit === '百分点') unit = '个百分点';
  if (hasCjk(unit) && unit.length > 6) return { name: text, unit: '' };
  return { name: text.slice(0, m.index), unit };
}

const RELATION_SUFFIX = /(增长|降低|下降|提高|提升|减少)$/;

export function extractTables(input: string, norm: NormalisedText, options: TableOptions): FigureCandidate[] {
  const t = norm.text;
  const out: FigureCandidate[] = [];
  // Blocks of consecutive lines that contain tabs.
  const lines: { start: number; end: number }[] = [];
  for (let s = 0; s <= t.length;) {
    let e = t.indexOf('\n', s);
    if (e < 0) e = t.length;
    lines.push({ start: s, end: e });
    s = e + 1;
  }
  let i = 0;
  while (i < lines.length) {
    if (!isTableRow(t.slice(lines[i].start, lines[i].end))) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && isTableRow(t.slice(lines[j].start, lines[j].end))) j++;
    const block = lines.slice(i, j).map((l) => splitRow(t, l.start, l.end));
    const notes = t.slice(lines[j - 1].end, Math.min(t.length, lines[j - 1].end + 400));
    readTable(input, norm, block, notes, options, out);
    i = j;
  }
  return out;
}

function readTable(
  input: string,
  norm: NormalisedText,
  rows: Row[],
  notes: string,
  options: TableOptions,
  out: FigureCandidate[],
): void {
  if (rows.length < 2) return;
  const header = rows[0].cells.map((c) => c.text);
  const nameCol = header.findIndex((h) => /指标|项目|名称/.test(h));
  if (nameCol < 0) return;
  const cols = header.slice(nameCol + 1).map((h) => {
    const y = /^(\d{4})年?$/.exec(h);
    if (y) return { kind: 'year' as const, year: Number(y[1]) };
    if (/年均|累计/.test(h)) return { kind: 'annual' as const, year: 0 };
    return { kind: 'other' as const, year: 0 };
  });
  const yearCols = cols.filter((c) => c.kind === 'year').map((c) => c.year);
  if (yearCols.length === 0 && !cols.some((c) => c.kind === 'annual')) return;
  const span =
    yearCols.length >= 2
      ? `${Math.min(...yearCols) + 1}—${Math.max(...yearCols)}`
      : yearCols.length === 1
        ? String(yearCols[0])
        : null;
  const starYear = /带.{0,2}的为(\d{4})年/.exec(notes)?.[1] ?? null;
  const hasSeq = header.some((h) => /序号/.test(h));
  let parent: string | null = null;
  for (const row of rows.slice(1)) {
    const cells = row.cells;
    let r = -1;
    let isContinuation = false;
    if (hasSeq) {
      const seq = cells.findIndex((c) => /^\d{1,3}$/.test(c.text));
      if (seq >= 0 && seq + 1 < cells.length && hasCjk(cells[seq + 1].text)) r = seq + 1;
    }
    if (r < 0) {
      r = cells.findIndex(
        (c, k) => k >= Math.min(nameCol, 1) && hasCjk(c.text) && !/^(预期性|约束性)$/.test(c.text),
      );
      isContinuation = hasSeq && r >= 0;
    }
    if (r < 0) continue;
    let { name, unit } = nameAndUnit(cells[r].text);
    let first = r + 1;
    if (isContinuation && parent) {
      name = subName(parent, name);
    } else if (
      first < cells.length &&
      hasCjk(cells[first].text) &&
      /（[^（）]+）$/.test(cells[first].text) &&
      !/\d/.test(cells[first].text)
    ) {
      parent = name;
      const sub = nameAndUnit(cells[first].text);
      name = subName(parent, sub.name);
      unit = sub.unit || unit;
      first++;
    } else parent = name;
    for (let k = 0; k < cols.length && first + k < cells.length; k++) {
      const col = cols[k];
      const cell = cells[first + k];
      if (col.kind === 'other' || EMPTY.test(cell.text)) continue;
      const m = /(\d+(?:\.\d+)?)(?!\d*年)/.exec(cell.text.replace(/\d{4}年/g, (y) => ' '.repeat(y.length)));
      if (!m) continue;
      const value = Number(m[1]);
      const cellUnit = /个百分点|百分点/.test(cell.text.slice(m.index)) ? '个百分点' : unit;
      // A number whose unit the table does not say is not read (no guessing).
      if (!cellUnit) continue;
      const qualifier = /左右|以上|以下|以内/.exec(cell.text.slice(m.index))?.[0] ?? null;
      const raw = inputSpan(norm, cell.start, cell.end);
      // The footnote mark "6.4*" was dropped by normalising; it belongs to the cell's words.
      const starred = input[raw.end] === '*' || input.slice(raw.start, raw.end).includes('*');
      if (input[raw.end] === '*') raw.end += 1;
      let relation: string | null = null;
      let base = name;
      const rel = RELATION_SUFFIX.exec(name);
      if (rel) {
        base = name.slice(0, -rel[0].length);
        relation = rel[0];
      }
      let period: string | null;
      if (col.kind === 'annual') {
        period = span;
        const verb = /累计(提高|增长|下降|减少|降低)/.exec(cell.text)?.[0];
        relation = verb ?? (relation ? `年均${relation}` : '年均');
      } else period = starred && starYear ? starYear : String(col.year);
      const proposed =
        relation && /增长|下降|降低|减少/.test(relation) && cellUnit === '%'
          ? `${base}${relation.startsWith('年均') ? '年均增速' : '增速'}`
          : name;
      const names = [
        proposed,
        `${base}${relation ?? ''}`,
        name,
        base,
        ...(relation && cellUnit === '%' ? [`${base}增速`] : []),
      ];
      const hit = options.matcher.match(names, unitDimension(cellUnit));
      out.push({
        indicator: hit ? hit.ref.name : proposed,
        indicatorMatch: hit ? 'catalogue' : 'new',
        indicatorCode: hit ? hit.ref.code : null,
        phrase: cells[r].text,
        region: options.region ?? null,
        period,
        value,
        valueTo: null,
        unit: cellUnit,
        qualifier,
        relation,
        text: input.slice(raw.start, raw.end),
        start: raw.start,
        end: raw.end,
        confidence: hit ? 0.9 : 0.7,
      });
    }
  }
}

/** "每千人口拥有医护人员数" + "执业医师数" → 每千人口执业医师数. */
function subName(parent: string, sub: string): string {
  const per = /^每[^\s拥]{1,4}人口/.exec(parent);
  return per ? per[0] + sub : `${parent}${sub}`;
}
