/** XLSX through exceljs: the first worksheet with data is read; cells keep their types (numbers, dates). */
import ExcelJS from 'exceljs';
import { columnOf } from './columns';
import { ImportError, issue } from './errors';
import type { Cell, Table, TableRow } from './table';
import { checkXlsxZip, ZipCheckError } from './zip';

/**
 * Excel stores a computed 1594.98 as 1594.9800000000002 and shows 15 significant digits. A number
 * whose 16–17 digits are some digits, then a run of six or more 0s (or 9s), then one or two last
 * digits is such binary noise, and is read as the number the user sees. Every other number is kept
 * exactly, so that export → import gives back every stored double.
 */
export function isExcelNoise(v: number): boolean {
  if (!Number.isFinite(v)) return false;
  const digits = Math.abs(v)
    .toExponential()
    .replace(/e.*$|\./g, '');
  return (
    digits.length >= 16 && (/^\d*[1-9]0{6,}\d{1,2}$/.test(digits) || /^\d*[0-8]9{6,}\d{1,2}$/.test(digits))
  );
}

function excelNumber(v: number): number {
  return isExcelNoise(v) ? Number(v.toPrecision(15)) : v;
}

function plain(v: ExcelJS.CellValue, numFmt: string | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    // A percentage-formatted 0.081 is the "8.1%" the user typed.
    if (numFmt && numFmt.includes('%')) return `${excelNumber(v * 100)}%`;
    return excelNumber(v);
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('error' in v) return { bad: `单元格是错误值 ${v.error}` };
  if ('formula' in v || 'sharedFormula' in v) {
    const r = v.result;
    if (r === undefined || r === null)
      return { bad: '公式没有保存计算结果（请在 Excel 中打开并保存，或粘贴为数值）' };
    if (typeof r === 'object' && !(r instanceof Date)) return { bad: `公式的结果是错误值 ${r.error}` };
    return plain(r, numFmt);
  }
  if ('hyperlink' in v) return String(v.text ?? '');
  return String(v);
}

function sheetRows(ws: ExcelJS.Worksheet): TableRow[] {
  const rows: TableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = plain(cell.value, cell.numFmt);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    if (cells.some((c) => c !== null && !(typeof c === 'string' && c.trim() === '')))
      rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** Whether one of the first ten rows names both 指标 and 地区: the sheet is an import table. */
function hasHeader(rows: TableRow[]): boolean {
  return rows.slice(0, 10).some((r) => {
    const keys = r.cells.map((c) => (typeof c === 'string' ? columnOf(c) : null));
    return keys.includes('indicator') && keys.includes('region');
  });
}

/**
 * Reads the first worksheet that is an import table (a 说明 sheet before it is passed over), or the
 * first with data when none is; the other worksheets with data are named for a warning.
 */
export async function readXlsx(bytes: Uint8Array, file: string): Promise<Table> {
  // Truncated files, zip bombs and sheets too large for memory are refused before exceljs inflates.
  try {
    checkXlsxZip(bytes);
  } catch (err) {
    if (err instanceof ZipCheckError) throw new ImportError(file, [issue(null, null, err.message)]);
    throw err;
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer,
    );
  } catch (err) {
    throw new ImportError(file, [
      issue(null, null, `不是有效的 .xlsx 文件，无法打开（${(err as Error).message.slice(0, 80)}）`),
    ]);
  }
  const sheets = wb.worksheets
    .filter((ws) => ws.actualRowCount > 0)
    .map((ws) => ({ name: ws.name, rows: sheetRows(ws) }))
    .filter((s) => s.rows.length > 0);
  const chosen = sheets.find((s) => hasHeader(s.rows)) ?? sheets[0];
  return {
    rows: chosen?.rows ?? [],
    otherSheets: sheets.filter((s) => s !== chosen).map((s) => s.name),
  };
}

export type XlsxCell = string | number | null;

/** Writes one worksheet: a bold, frozen header row and the data; numbers stay numbers. */
export async function writeXlsx(sheetName: string, header: string[], rows: XlsxCell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '简报工坊';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((col, i) => {
    col.width = i === 0 ? 36 : i === 7 ? 40 : 14;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
