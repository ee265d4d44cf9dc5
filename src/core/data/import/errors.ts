/** Import failures: every problem found in a file, each naming its row and column. */

export interface ImportIssue {
  /** The row as a spreadsheet numbers it (1 = the first line of the file); null for the whole file. */
  row: number | null;
  /** The column's header as written in the file; null when the problem is not in one column. */
  column: string | null;
  /** The whole line as shown to the user, without the file name: 第12行「数值」列：「12,3.4」不是数字 */
  message: string;
}

/** How many problems an import reports at most; the rest are counted. */
export const MAX_ISSUES = 50;

/** A quoted cell in a message is cut to its first 40 characters: a 10 MB cell makes a short message. */
function shorten(what: string): string {
  const cut = what.replace(/「([^」]{61,})」/g, (_m, s: string) => {
    const head = s.slice(0, 40).replace(/[\uD800-\uDBFF]$/, '');
    return `「${head}…（共 ${s.length} 个字符）」`;
  });
  return cut.length > 1000 ? `${cut.slice(0, 1000)}…` : cut;
}

/** Builds an issue whose message says where: 第12行「数值」列：… / 第1行（表头）：… / … */
export function issue(
  row: number | null,
  column: string | null,
  rawWhat: string,
  header = false,
): ImportIssue {
  const what = shorten(rawWhat);
  if (column !== null && column.length > 60) column = `${column.slice(0, 40)}…`;
  const where =
    row === null
      ? column === null
        ? ''
        : `「${column}」列`
      : `第${row}行${header ? '（表头）' : ''}${column === null ? '' : `「${column}」列`}`;
  return { row, column, message: where ? `${where}：${what}` : what };
}

/** A file that cannot be imported. Nothing has been changed when this is thrown. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    /** The first MAX_ISSUES problems, in row order. */
    readonly issues: ImportIssue[],
    /** How many problems there are in all. */
    readonly total: number = issues.length,
  ) {
    super(formatIssues(file, issues, total));
    this.name = 'ImportError';
  }
}

export function formatIssues(file: string, issues: ImportIssue[], total: number): string {
  const lines = issues.map((i) => `${file} ${i.message}`);
  if (total > issues.length) lines.push(`……另有 ${total - issues.length} 处错误未列出`);
  lines.push(
    total === 1 ? '导入失败：数据库未作任何改动。' : `导入失败：共 ${total} 处错误，数据库未作任何改动。`,
  );
  return lines.join('\n');
}

/** Sorts problems by row (file-level ones first), keeps the first MAX_ISSUES, and throws. */
export function failWith(file: string, all: ImportIssue[]): never {
  const sorted = all
    .map((i, n) => ({ i, n }))
    .sort((a, b) => (a.i.row ?? 0) - (b.i.row ?? 0) || a.n - b.n)
    .map((x) => x.i);
  throw new ImportError(file, sorted.slice(0, MAX_ISSUES), sorted.length);
}
