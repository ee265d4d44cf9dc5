/**
 * `brief export-data` (DESIGN §3): every observation in the import columns, as .csv (UTF-8 with a
 * BOM, so Excel opens the Chinese correctly) or .xlsx. Importing the file into an empty database gives
 * back the same observations. Text that a spreadsheet would run as a formula is written with a
 * leading ' (import removes it again).
 */
import type { Db } from '../db/connection';
import { COLUMNS, neutralise } from './import/columns';
import { writeCsv } from './import/csv';
import { writeXlsx, type XlsxCell } from './import/xlsx';

export type DataFormat = 'csv' | 'xlsx';

interface Row {
  indicator: string;
  region: string;
  period: string;
  value: number | null;
  text: string | null;
  unit: string;
  status: string;
  attribute: string | null;
  source: string | null;
  note: string | null;
  qualifier: string | null;
}

/** The export's header: the Chinese names of the import columns. */
export const EXPORT_HEADER = COLUMNS.map((c) => c.zh);

function rows(db: Db): Row[] {
  return db
    .prepare(
      `SELECT i.name AS indicator, r.name AS region, p.label AS period, o.value, o.text_value AS text, o.unit,
              o.status, o.attribute, s.name AS source, o.note, o.qualifier
       FROM observations o
       JOIN indicators i ON i.id = o.indicator_id
       JOIN regions r ON r.id = o.region_id
       JOIN periods p ON p.key = o.period
       LEFT JOIN sources s ON s.id = o.source_id
       ORDER BY i.id, r.id, p.start_year, p.end_year, p.kind, p.sub, o.status`,
    )
    .all() as Row[];
}

const t = (s: string | null): string => neutralise(s ?? '');

/** Cells in COLUMNS order; the value is a number, or the text of a structure ratio. */
function cells(r: Row): [string, string, string, number | string, ...string[]] {
  return [
    t(r.indicator),
    t(r.region),
    r.period,
    // A target's words (完成省下达目标) are text too, and as open to a formula as any other text.
    r.value ?? t(r.text),
    t(r.unit),
    t(r.status),
    t(r.attribute),
    t(r.source),
    t(r.note),
    t(r.qualifier),
  ];
}

export interface ExportResult {
  bytes: Buffer;
  rows: number;
}

/** Writes all observations in the given format. */
export async function exportData(db: Db, format: DataFormat): Promise<ExportResult> {
  const all = rows(db);
  if (format === 'csv') {
    const body = all.map((r) => cells(r).map((c) => (typeof c === 'number' ? String(c) : c)));
    return { bytes: writeCsv([EXPORT_HEADER, ...body]), rows: all.length };
  }
  const body: XlsxCell[][] = all.map((r) => cells(r));
  return { bytes: await writeXlsx('数据', EXPORT_HEADER, body), rows: all.length };
}

/** The format a file name asks for, or null. */
export function formatOf(fileName: string): DataFormat | null {
  const m = /\.(csv|xlsx)$/i.exec(fileName);
  return m ? (m[1].toLowerCase() as DataFormat) : null;
}
