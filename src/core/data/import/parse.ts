/**
 * From cells to observations as the file states them: finds the header row, tells the long layout
 * (指标, 地区, 时间, 数值, 单位 …) from the wide one (指标, 地区, 单位, then one column per period), and
 * checks every cell's form — numbers, periods, statuses — without looking at the database.
 */
import { STATUSES, type Status } from '../observations';
import { parsePeriod, PeriodError, type Period } from '../periods';
import {
  COLUMN_BY_KEY,
  COLUMNS,
  columnLetter,
  columnOf,
  LONG_REQUIRED,
  unneutralise,
  WIDE_REQUIRED,
  type ColumnKey,
} from './columns';
import { issue, type ImportIssue } from './errors';
import { isBad, isBlank, type Cell, type Table } from './table';

export type Attribute = '预期性' | '约束性';

/** One observation as the file states it (names not yet resolved, value in the file's unit). */
export interface ParsedRow {
  row: number;
  indicator: string;
  region: string;
  period: Period;
  /** A number, or null when the value is a structure ratio (text). */
  value: number | null;
  text: string | null;
  unit: string;
  status: Status;
  attribute: Attribute | null;
  source: string | null;
  note: string | null;
  qualifier: string | null;
  /** Headers of the columns this row's value and unit came from, for messages. */
  valueColumn: string;
}

export interface ParsedFile {
  layout: 'long' | 'wide';
  rows: ParsedRow[];
  /** Header text of each column the file has, by key. */
  headers: Partial<Record<ColumnKey, string>>;
  issues: ImportIssue[];
}

/** Which columns a file has: optional ones it lacks are left as they are on revision. */
export function hasColumn(f: ParsedFile, key: ColumnKey): boolean {
  return f.headers[key] !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Cells

function cellText(c: Cell): string {
  if (c === null || isBad(c)) return '';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '无效日期' : c.toISOString().slice(0, 10);
  return String(c);
}

/** Text for a text column: trimmed, the export's formula neutraliser (') removed. */
function text(c: Cell): string {
  return unneutralise(cellText(c).trim());
}

const NUMBER = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)?(?:\.\d+)?(?:e[+-]?\d+)?$/i;
const RATIO = /^\d+(?:\.\d+)?(?::\d+(?:\.\d+)?)+$/;

type ValueResult = { value: number; text: null } | { value: null; text: string } | { error: string };

const CJK = /[\u3400-\u9fff]/;

/**
 * A value cell: a number (1,594.98 and 8.1% for a % unit are fine), a structure ratio 12.5:44.2:43.3,
 * or — for a target (status 目标) only — a statement in words without figures, as plans set some
 * targets: 完成省下达目标, 与GDP增长同步. Anything else with figures in it is a mistyped number.
 */
export function parseValue(c: Cell, unit: string, status: string = ''): ValueResult {
  if (typeof c === 'number')
    return Number.isFinite(c) ? { value: c, text: null } : { error: `「${c}」不是数字` };
  if (c instanceof Date) return { error: `「${cellText(c)}」是日期，不是数字` };
  if (c === null || isBad(c)) return { error: c === null ? '不能为空' : c.bad };
  const raw = c.trim();
  let s = unneutralise(raw).normalize('NFKC').replace(/[−–]/g, '-').trim();
  if (RATIO.test(s)) return { value: null, text: s };
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  if (s !== '' && /\d/.test(s) && NUMBER.test(s)) {
    if (percent && unit.normalize('NFKC').trim() !== '%') {
      return { error: `「${raw}」带百分号，但单位是「${unit}」：百分数请把单位写作 %` };
    }
    const v = Number(s.replace(/,/g, ''));
    if (Number.isFinite(v)) return { value: v === 0 ? 0 : v, text: null };
  }
  const lead = s.match(/^[+-]?\d[\d,.]*/);
  if (lead && NUMBER.test(lead[0]) && /^[\u4e00-\u9fff%个]/.test(s.slice(lead[0].length))) {
    return { error: `「${raw}」不是数字：「数值」列只写数字，单位写在「单位」列` };
  }
  const words = unneutralise(raw);
  if (CJK.test(words) && !/\d/.test(s)) {
    if (status === '目标') return { value: null, text: words };
    return { error: `「${raw}」不是数字（文字表述只能用于状态为「目标」的行）` };
  }
  return { error: `「${raw}」不是数字` };
}

/** Whether a text value is a structure ratio (12.5:44.2:43.3) rather than words. */
export function isRatio(text: string): boolean {
  return RATIO.test(text);
}

const periodCache = new Map<string, Period | string>();

/** A period cell: 2019, 2020年上半年, 2020Q1, 2020年3月, 2026—2030, 十五五; Excel's dates are months. */
export function parsePeriodCell(c: Cell): Period | string {
  if (c === null || isBad(c)) return c === null ? '不能为空' : c.bad;
  if (c instanceof Date) {
    // Excel turns a typed 2020-03 into the date 2020-03-01.
    if (Number.isNaN(c.getTime()) || c.getUTCDate() !== 1)
      return `「${cellText(c)}」是日期：时间应写作 2020年3月 这样的月份`;
    const month = `${c.getUTCFullYear()}-${String(c.getUTCMonth() + 1).padStart(2, '0')}`;
    try {
      return parsePeriod(month);
    } catch (err) {
      // A date Excel shows, but no period (year 1800, 10000 …): a message for the cell, not a throw.
      if (!(err instanceof PeriodError)) throw err;
      return err.message;
    }
  }
  const key = unneutralise(String(c).trim());
  let hit = periodCache.get(key);
  if (hit === undefined) {
    const folded = key.normalize('NFKC');
    try {
      hit = parsePeriod(folded);
    } catch (err) {
      if (!(err instanceof PeriodError)) throw err;
      hit = err.message.replace(`「${folded}」`, `「${key}」`);
    }
    if (periodCache.size < 10_000) periodCache.set(key, hit);
  }
  return hit;
}

const STATUS_WORDS: Record<string, Status> = { 实际: '', 实际值: '' };

function parseStatus(s: string): Status | string {
  if ((STATUSES as string[]).includes(s)) return s as Status;
  if (s in STATUS_WORDS) return STATUS_WORDS[s];
  return `「${s}」不是可识别的状态：应为 初步核算、最终核实、预计、目标 之一，或留空`;
}

function parseAttribute(s: string): Attribute | null | string {
  if (s === '') return null;
  if (s === '预期性' || s === '约束性') return s;
  return `「${s}」不是可识别的属性：应为 预期性 或 约束性，或留空`;
}

// ---------------------------------------------------------------------------------------------
// Header and layout

/** The header is the first row naming both 指标 and 地区 among the first ten; else the first row. */
function findHeader(table: Table): number {
  for (let i = 0; i < Math.min(10, table.rows.length); i++) {
    const keys = table.rows[i].cells.map((c) => (typeof c === 'string' ? columnOf(c) : null));
    if (keys.includes('indicator') && keys.includes('region')) return i;
  }
  return 0;
}

function headerText(c: Cell): string {
  if (typeof c === 'number') return String(c);
  if (c instanceof Date) return `${c.getUTCFullYear()}-${String(c.getUTCMonth() + 1).padStart(2, '0')}`;
  return cellText(c).trim();
}

/** What statistical tables write in a year that has no figure: —, -, …, / (wide layout only). */
function isPlaceholder(c: Cell): boolean {
  return typeof c === 'string' && /^\s*(?:[-—–…/／]+|\.{2,})\s*$/.test(c);
}

const COLUMN_LIST = COLUMNS.map((c) => c.zh).join('、');

/** Excel's own limits: 16,384 columns, 32,767 characters in a cell. Beyond them a file is refused at once. */
export const MAX_COLUMNS = 16_384;
export const MAX_CELL_CHARS = 32_767;

function checkLimits(table: Table, width: number): ImportIssue[] {
  if (width > MAX_COLUMNS)
    return [
      issue(
        null,
        null,
        `文件有 ${width.toLocaleString('en-US')} 列，超过上限 ${MAX_COLUMNS.toLocaleString('en-US')} 列（Excel 的上限）：请检查分隔符，或把数据分成几个文件`,
      ),
    ];
  const issues: ImportIssue[] = [];
  for (const r of table.rows)
    r.cells.forEach((c, i) => {
      if (typeof c === 'string' && c.length > MAX_CELL_CHARS)
        issues.push(
          issue(
            r.row,
            null,
            `第${columnLetter(i + 1)}列的内容有 ${c.length.toLocaleString('en-US')} 个字符，超过上限 ${MAX_CELL_CHARS.toLocaleString('en-US')}（Excel 单元格的上限）`,
          ),
        );
    });
  return issues;
}

/** Parses a table; problems are collected, not thrown, so that all of them can be reported. */
export function parseTable(table: Table): ParsedFile {
  const issues: ImportIssue[] = [];
  const headers: Partial<Record<ColumnKey, string>> = {};
  if (table.rows.length === 0) {
    issues.push(issue(null, null, '文件是空的：应有表头（指标、地区、时间、数值、单位 …）和数据行'));
    return { layout: 'long', rows: [], headers, issues };
  }
  const hi = findHeader(table);
  const head = table.rows[hi];
  const hr = head.row;
  const index: Partial<Record<ColumnKey, number>> = {};
  const periodCols: { col: number; header: string; period: Period }[] = [];
  const unknown: { col: number; header: string }[] = [];
  // A loop, not Math.max(...rows): hundreds of thousands of rows overflow the call stack.
  let width = 0;
  for (const r of table.rows) if (r.cells.length > width) width = r.cells.length;
  const limits = checkLimits(table, width);
  if (limits.length) return { layout: 'long', rows: [], headers, issues: limits };
  const dataRows = table.rows.slice(hi + 1);
  for (let col = 0; col < width; col++) {
    const c = head.cells[col] ?? null;
    const h = headerText(c);
    if (h === '') {
      if (dataRows.some((r) => !isBlank(r.cells[col] ?? null)))
        issues.push(issue(hr, null, `第${columnLetter(col + 1)}列有数据但没有列名`, true));
      continue;
    }
    const key = columnOf(h);
    if (key) {
      if (index[key] !== undefined)
        issues.push(issue(hr, h, `与第${columnLetter(index[key]! + 1)}列重复`, true));
      else {
        index[key] = col;
        headers[key] = h;
      }
      continue;
    }
    const p =
      c instanceof Date || typeof c === 'number' || /\d{4}|十[一二三四五六]五/.test(h)
        ? parsePeriodCell(c)
        : null;
    if (p !== null && typeof p !== 'string') periodCols.push({ col, header: h, period: p });
    else unknown.push({ col, header: h });
  }

  const wide = periodCols.length > 0 && index.period === undefined && index.value === undefined;
  const layout = wide ? 'wide' : 'long';
  for (const u of unknown)
    issues.push(issue(hr, u.header, `不是可识别的列名（可用的列：${COLUMN_LIST}）`, true));
  if (!wide) {
    for (const p of periodCols)
      issues.push(
        issue(hr, p.header, `不是可识别的列名：按年份分列（宽表）时不能再有「时间」「数值」列`, true),
      );
  }
  for (const k of wide ? WIDE_REQUIRED : LONG_REQUIRED) {
    if (index[k] === undefined) {
      const d = COLUMN_BY_KEY[k];
      issues.push(issue(hr, null, `缺少「${d.zh}」列（英文表头写作 ${d.en}）`, true));
    }
  }
  if (issues.length > 0) return { layout, rows: [], headers, issues };
  if (dataRows.length === 0) {
    issues.push(issue(hr, null, '只有表头，没有数据行', true));
    return { layout, rows: [], headers, issues };
  }

  const rows: ParsedRow[] = [];
  const get = (cells: Cell[], k: ColumnKey): Cell =>
    index[k] === undefined ? null : (cells[index[k]!] ?? null);
  const h = (k: ColumnKey) => headers[k]!;

  for (const { row, cells } of dataRows) {
    const before = issues.length;
    const required = (k: ColumnKey): string => {
      const c = get(cells, k);
      if (isBad(c)) {
        issues.push(issue(row, h(k), c.bad));
        return '';
      }
      const t = text(c);
      if (t === '') issues.push(issue(row, h(k), '不能为空'));
      return t;
    };
    const optional = (k: ColumnKey): string => {
      const c = get(cells, k);
      if (isBad(c)) {
        issues.push(issue(row, h(k), c.bad));
        return '';
      }
      return text(c);
    };
    const indicator = required('indicator');
    const region = required('region');
    const unit = required('unit');
    const statusText = optional('status');
    const status = parseStatus(statusText);
    if (status !== '' && !(STATUSES as string[]).includes(status))
      issues.push(issue(row, h('status'), status));
    const attribute = parseAttribute(optional('attribute'));
    if (attribute !== null && attribute !== '预期性' && attribute !== '约束性')
      issues.push(issue(row, h('attribute'), attribute));
    const source = optional('source') || null;
    const note = optional('note') || null;
    const qualifier = optional('qualifier') || null;

    const cellsToRead: { header: string; period: Period | null; periodCell: Cell; valueCell: Cell }[] = wide
      ? periodCols
          .filter((p) => !isBlank(cells[p.col] ?? null) && !isPlaceholder(cells[p.col] ?? null))
          .map((p) => ({
            header: p.header,
            period: p.period,
            periodCell: null,
            valueCell: cells[p.col] ?? null,
          }))
      : [
          {
            header: h('value'),
            period: null,
            periodCell: get(cells, 'period'),
            valueCell: get(cells, 'value'),
          },
        ];
    if (wide && cellsToRead.length === 0) continue; // a row with no figures in any year says nothing
    const out: ParsedRow[] = [];
    for (const v of cellsToRead) {
      let period = v.period;
      if (period === null) {
        const p = parsePeriodCell(v.periodCell);
        if (typeof p === 'string') issues.push(issue(row, h('period'), p));
        else period = p;
      }
      const value = parseValue(v.valueCell, unit, statusText === '目标' ? '目标' : '');
      if ('error' in value) {
        issues.push(issue(row, v.header, value.error));
        continue;
      }
      if (period === null) continue;
      out.push({
        row,
        indicator,
        region,
        period,
        value: value.value,
        text: value.text,
        unit,
        status: status as Status,
        attribute: attribute as Attribute | null,
        source,
        note,
        qualifier,
        valueColumn: v.header,
      });
    }
    if (issues.length === before) rows.push(...out);
  }
  if (rows.length === 0 && issues.length === 0) issues.push(issue(hr, null, '只有表头，没有数据', true));
  return { layout, rows, headers, issues };
}
