/**
 * `brief import` (DESIGN §3): observations from .csv or .xlsx, long or wide layout, Chinese or English
 * headers, all or nothing. Every problem is reported with its row and column; a changed value is
 * recorded as a revision (old, new, when, which file) and reported.
 */
import type { Db } from '../../db/connection';
import { applyImport, type ApplyResult } from './apply';
import { decodeText, parseCsv, type Encoding } from './csv';
import { failWith, ImportError, issue } from './errors';
import { parseTable } from './parse';
import { readXlsx } from './xlsx';

export { ImportError, MAX_ISSUES, type ImportIssue } from './errors';
export type { NewIndicator, NewRegion, RevisedEntry } from './apply';

export interface ImportOptions {
  /** The file's name as the user knows it; messages and revisions name it. */
  fileName: string;
  bytes: Uint8Array;
  /** Report what would happen, change nothing. */
  dryRun?: boolean;
  /** Refuse indicators and regions that are not in the catalogue yet. */
  strict?: boolean;
}

export interface ImportReport extends ApplyResult {
  file: string;
  format: 'csv' | 'xlsx';
  /** How a CSV was decoded. */
  encoding: Encoding | null;
  layout: 'long' | 'wide';
  /** Observations the file states. */
  rows: number;
  dryRun: boolean;
}

export type FileFormat = 'csv' | 'xlsx';

/** Tells the format from the bytes first (an .xlsx is a zip), the name second. */
export function detectFormat(fileName: string, bytes: Uint8Array): FileFormat {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (ole || ext === 'xls')
    throw new ImportError(fileName, [
      issue(null, null, '这是旧版 Excel（.xls）文件：请在 Excel 中“另存为” .xlsx 或 CSV 后再导入'),
    ]);
  if (zip) {
    if (ext === 'xlsx' || ext === 'xlsm' || ext === 'csv' || ext === '') return 'xlsx';
    throw new ImportError(fileName, [
      issue(null, null, `只能导入 .csv 或 .xlsx 文件，这是一个 .${ext} 文件`),
    ]);
  }
  if (ext === 'xlsx' || ext === 'xlsm')
    throw new ImportError(fileName, [
      issue(null, null, '不是有效的 .xlsx 文件（文件内容不是 Excel 工作簿）'),
    ]);
  if (['csv', 'tsv', 'txt', ''].includes(ext)) return 'csv';
  throw new ImportError(fileName, [issue(null, null, `只能导入 .csv 或 .xlsx 文件，不能导入 .${ext} 文件`)]);
}

/** Imports a file's observations into the database, or (dryRun) reports what that would do. */
export async function importData(db: Db, opts: ImportOptions): Promise<ImportReport> {
  const file = opts.fileName;
  if (opts.bytes.length === 0)
    failWith(file, [issue(null, null, '文件是空的：应有表头（指标、地区、时间、数值、单位 …）和数据行')]);
  const format = detectFormat(file, opts.bytes);
  let encoding: Encoding | null = null;
  let table;
  if (format === 'xlsx') table = await readXlsx(opts.bytes, file);
  else {
    const utf16 = opts.bytes[0] === 0xff && opts.bytes[1] === 0xfe;
    if (!utf16 && opts.bytes.subarray(0, 4096).includes(0))
      failWith(file, [issue(null, null, '不是文本文件（CSV 应是文字，可用 Excel“另存为” CSV）')]);
    const decoded = decodeText(opts.bytes);
    encoding = decoded.encoding;
    const csv = parseCsv(decoded.text);
    if (csv.issues.length) failWith(file, csv.issues);
    table = csv.table;
  }
  const parsed = parseTable(table);
  if (parsed.issues.length && parsed.rows.length === 0) failWith(file, parsed.issues);
  const result = applyImport(db, parsed, {
    file,
    dryRun: Boolean(opts.dryRun),
    strict: Boolean(opts.strict),
  });
  if (table.otherSheets.length)
    result.warnings.unshift(`只导入了一个工作表；其余有内容的工作表未导入：${table.otherSheets.join('、')}`);
  return {
    file,
    format,
    encoding,
    layout: parsed.layout,
    rows: parsed.rows.length,
    dryRun: Boolean(opts.dryRun),
    ...result,
  };
}

/** The human summary of a report (the CLI prints it on stderr). */
export function summarise(r: ImportReport, maxLines = 50): string {
  const lines: string[] = [];
  const newOnes = [
    r.newIndicators.length ? `新建指标 ${r.newIndicators.length} 个` : '',
    r.newRegions.length ? `新建地区 ${r.newRegions.length} 个` : '',
  ].filter(Boolean);
  lines.push(
    `${r.file}：${r.dryRun ? '试运行，将' : '已'}新增 ${r.added} 条，修订 ${r.revised.length} 条，未变 ${r.unchanged} 条` +
      (newOnes.length ? `；${newOnes.join('，')}` : '') +
      (r.converted ? `；${r.converted} 个数值已换算为指标目录的单位` : '') +
      '。',
  );
  if (r.revised.length) {
    lines.push('修订（旧值 → 新值）：');
    for (const v of r.revised.slice(0, maxLines))
      lines.push(
        `  第${v.row}行 ${v.indicator} ${v.region} ${v.period}${v.status ? `（${v.status}）` : ''}：${v.old} → ${v.new} ${v.unit}`,
      );
    if (r.revised.length > maxLines) lines.push(`  ……另有 ${r.revised.length - maxLines} 条修订`);
  }
  if (r.newIndicators.length) {
    const list = r.newIndicators
      .slice(0, maxLines)
      .map((i) => `${i.name}（${i.code}，${i.unit || '无单位'}）`);
    lines.push(`新指标：${list.join('、')}${r.newIndicators.length > maxLines ? ' ……' : ''}`);
  }
  if (r.newRegions.length) {
    const list = r.newRegions.slice(0, maxLines).map((x) => x.name);
    lines.push(`新地区：${list.join('、')}${r.newRegions.length > maxLines ? ' ……' : ''}`);
  }
  for (const w of r.warnings) lines.push(`注意：${w}`);
  if (r.dryRun) lines.push('（试运行：数据库未作任何改动）');
  return lines.join('\n');
}
