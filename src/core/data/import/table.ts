/** What a file reader hands to the parser: cells as the file holds them, rows as a spreadsheet numbers them. */

/** A cell that has no usable value: an Excel error (#N/A) or a formula saved without its result. */
export interface BadCell {
  bad: string;
}

export type Cell = string | number | Date | BadCell | null;

export interface TableRow {
  /** 1-based, as the spreadsheet shows it. */
  row: number;
  cells: Cell[];
}

export interface Table {
  /** Non-empty rows only, in order. */
  rows: TableRow[];
  /** Worksheets with data other than the one read (XLSX), for a warning. */
  otherSheets: string[];
}

export function isBad(c: Cell): c is BadCell {
  return typeof c === 'object' && c !== null && !(c instanceof Date);
}

export function isBlank(c: Cell): boolean {
  return c === null || (typeof c === 'string' && c.trim() === '');
}
