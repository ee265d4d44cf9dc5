/**
 * The columns of an import or export file (DESIGN §3): 指标 indicator, 地区 region, 时间 period,
 * 数值 value, 单位 unit, 状态 status, 属性 attribute, 来源 source, 备注 note; the first five are
 * required. 限定词 qualifier (超过, 余, 左右 …) is an optional extra so that export → import keeps
 * "超过4000亿元" and "3万余人" whole.
 */

export type ColumnKey =
  | 'indicator'
  | 'region'
  | 'period'
  | 'value'
  | 'unit'
  | 'status'
  | 'attribute'
  | 'source'
  | 'note'
  | 'qualifier';

export interface ColumnDef {
  key: ColumnKey;
  /** The Chinese header, as export writes it. */
  zh: string;
  en: string;
  /** Other headers people write for it. */
  also: string[];
}

export const COLUMNS: readonly ColumnDef[] = [
  { key: 'indicator', zh: '指标', en: 'indicator', also: ['指标名称'] },
  { key: 'region', zh: '地区', en: 'region', also: ['地区名称'] },
  { key: 'period', zh: '时间', en: 'period', also: ['时期'] },
  { key: 'value', zh: '数值', en: 'value', also: [] },
  { key: 'unit', zh: '单位', en: 'unit', also: [] },
  { key: 'status', zh: '状态', en: 'status', also: [] },
  { key: 'attribute', zh: '属性', en: 'attribute', also: [] },
  { key: 'source', zh: '来源', en: 'source', also: [] },
  { key: 'note', zh: '备注', en: 'note', also: [] },
  { key: 'qualifier', zh: '限定词', en: 'qualifier', also: [] },
];

export const LONG_REQUIRED: readonly ColumnKey[] = ['indicator', 'region', 'period', 'value', 'unit'];
export const WIDE_REQUIRED: readonly ColumnKey[] = ['indicator', 'region', 'unit'];

export const COLUMN_BY_KEY = Object.fromEntries(COLUMNS.map((c) => [c.key, c])) as Record<
  ColumnKey,
  ColumnDef
>;

function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s*＊]/g, '')
    .toLowerCase();
}

const BY_HEADER = new Map<string, ColumnKey>();
for (const c of COLUMNS) for (const h of [c.zh, c.en, ...c.also]) BY_HEADER.set(headerKey(h), c.key);

/** The column a header names (Chinese or English, any case and width), or null. */
export function columnOf(header: string): ColumnKey | null {
  return BY_HEADER.get(headerKey(header)) ?? null;
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or CR before them) as a formula.
 * Export writes such text with a leading ' ; text that already starts with ' before one of them gets
 * one more, so that import — which strips exactly one — gives back what was exported.
 */
const RISKY = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return RISKY.test(text) ? `'${text}` : text;
}

export function unneutralise(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(index1: number): string {
  let n = index1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
