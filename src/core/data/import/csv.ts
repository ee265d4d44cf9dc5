/**
 * CSV as people actually have it: UTF-8 with or without a BOM, GBK/GB18030 as Excel saves it on
 * Chinese Windows, UTF-16 "Unicode text" (tab-separated); comma, tab or semicolon separated.
 * Export writes UTF-8 with a BOM and CRLF lines, which Excel opens without garbling the Chinese.
 */
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { issue, type ImportIssue } from './errors';
import type { Table, TableRow } from './table';

export type Encoding = 'utf-8' | 'utf-16le' | 'gb18030';

/** Decodes the bytes of a text file and says which encoding it was. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: what Excel writes on Chinese Windows ("CSV (逗号分隔)") is GBK; GB18030 is its superset.
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030'),
      encoding: 'gb18030',
    };
  }
}

const SEPARATORS = [',', '\t', ';'] as const;

/**
 * The separator, told from the first line that has any (outside quotes): the most frequent of , tab ;
 * (a tie goes to the comma). Papaparse's own guess weighs every line alike, the empty last line
 * included, and can take a ; inside a quoted note for the separator; the header knows better.
 */
export function sniffSeparator(text: string): string | null {
  const counts = [0, 0, 0];
  let quoted = false;
  const end = Math.min(text.length, 1 << 16);
  for (let i = 0; i < end; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (counts.some((n) => n > 0)) break;
    } else if (!quoted) {
      const k = SEPARATORS.indexOf(ch as (typeof SEPARATORS)[number]);
      if (k >= 0) counts[k]++;
    }
  }
  const best = Math.max(...counts);
  return best > 0 ? SEPARATORS[counts.indexOf(best)] : null;
}

/** Parses CSV text into rows; quoting problems are reported with their row. */
export function parseCsv(text: string): { table: Table; issues: ImportIssue[] } {
  const delimiter = sniffSeparator(text);
  const result = Papa.parse<string[]>(text, {
    ...(delimiter ? { delimiter } : { delimitersToGuess: [...SEPARATORS] }),
    skipEmptyLines: false,
  });
  const issues: ImportIssue[] = [];
  for (const e of result.errors) {
    if (e.code === 'UndetectableDelimiter') continue; // one column: the header check says what is missing
    const row = typeof e.row === 'number' ? e.row + 1 : null;
    issues.push(
      issue(
        row,
        null,
        e.code === 'MissingQuotes' || e.code === 'InvalidQuotes'
          ? '引号不成对（"…"），请检查这一行'
          : e.message,
      ),
    );
  }
  const rows: TableRow[] = [];
  result.data.forEach((cells, i) => {
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: i + 1, cells });
  });
  return { table: { rows, otherSheets: [] }, issues };
}

function csvCell(text: string): string {
  // Tabs and semicolons too: the reader guesses the separator among , \t ; and must not be misled.
  return /[",;\t\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes rows as CSV: UTF-8 with a BOM, CRLF line ends, quoted where needed. */
export function writeCsv(rows: readonly (readonly string[])[]): Buffer {
  const body = rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return Buffer.from('\uFEFF' + body, 'utf8');
}
