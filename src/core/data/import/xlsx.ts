/** XLSX through exceljs: the first worksheet with data is read; cells keep their types (numbers, dates). */
import ExcelJS from 'exceljs';
import { ImportError, issue } from './errors';
import type { Cell, Table, TableRow } from './table';

/** Excel shows 15 significant digits; a stored 1594.9800000000002 is the 1594.98 the user sees. */
function excelNumber(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(15)) : v;
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

/** Reads the first worksheet that has data. */
export async function readXlsx(bytes: Uint8Array, file: string): Promise<Table> {
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
  let rows: TableRow[] | null = null;
  const otherSheets: string[] = [];
  for (const ws of wb.worksheets) {
    if (ws.actualRowCount === 0) continue;
    if (rows !== null) {
      otherSheets.push(ws.name);
      continue;
    }
    const sheetRows: TableRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = plain(cell.value, cell.numFmt);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      if (cells.some((c) => c !== null && !(typeof c === 'string' && c.trim() === ''))) {
        sheetRows.push({ row: rowNumber, cells });
      }
    });
    rows = sheetRows;
  }
  return { rows: rows ?? [], otherSheets };
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
