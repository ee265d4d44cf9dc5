/**
 * The native open and save dialogs' options (issue 7): Chinese titles and file filters, as plain data
 * a test can check (only Electron's types are imported). The main process shows them; the page never
 * sees a path, only the bytes of the file chosen (open) or the download it asked for (save).
 */
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';

type Filter = { name: string; extensions: string[] };

export const FILTERS = {
  data: { name: '数据表（CSV、Excel）', extensions: ['csv', 'xlsx'] },
  report: { name: '报告（文本、Word）', extensions: ['txt', 'docx'] },
  docx: { name: 'Word 文档', extensions: ['docx'] },
  csv: { name: 'CSV 文件', extensions: ['csv'] },
  xlsx: { name: 'Excel 工作簿', extensions: ['xlsx'] },
  all: { name: '所有文件', extensions: ['*'] },
} satisfies Record<string, Filter>;

/** What 打开… can open, and what each kind of file becomes in the app. */
export type OpenKind = 'data' | 'report';

export function openKindOf(fileName: string): OpenKind | null {
  const ext = /\.([^.\\/]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'xlsx') return 'data';
  if (ext === 'txt' || ext === 'docx') return 'report';
  return null;
}

const OPEN_PROPERTIES: OpenDialogOptions['properties'] = ['openFile', 'dontAddToRecent'];

/** 打开…: a report to import (.txt, .docx) or a data table (.csv, .xlsx). */
export function openAnyDialog(defaultPath?: string): OpenDialogOptions {
  return {
    title: '打开',
    buttonLabel: '打开',
    defaultPath,
    properties: OPEN_PROPERTIES,
    filters: [
      { name: '可打开的文件（文本、Word、CSV、Excel）', extensions: ['txt', 'docx', 'csv', 'xlsx'] },
      FILTERS.report,
      FILTERS.data,
      FILTERS.all,
    ],
  };
}

/** A file name the dialog may propose: no folders, nothing Windows refuses. */
export function safeFileName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '<>:"|?*'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/[. ]+$/, '')
    .trim();
  return cleaned || fallback;
}

/** 导出 Word: where to save the .docx (the name the export proposes, in the chosen folder). */
export function saveDocxDialog(fileName: string, folder?: string): SaveDialogOptions {
  let name = safeFileName(fileName, '简报.docx');
  if (!/\.docx$/i.test(name)) name += '.docx';
  return {
    title: '导出 Word 文档',
    buttonLabel: '保存',
    defaultPath: folder ? joinPath(folder, name) : name,
    filters: [FILTERS.docx],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
}

/** 导出数据: .csv or .xlsx, by the name's extension. */
export function saveDataDialog(fileName: string, folder?: string): SaveDialogOptions {
  const name = safeFileName(fileName, '数据.xlsx');
  const csv = /\.csv$/i.test(name);
  return {
    title: '导出数据',
    buttonLabel: '保存',
    defaultPath: folder ? joinPath(folder, name) : name,
    filters: csv ? [FILTERS.csv, FILTERS.xlsx] : [FILTERS.xlsx, FILTERS.csv],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
}

/** The save dialog for a download the page started (exports reach the user as downloads). */
export function saveDialogForDownload(fileName: string, folder?: string): SaveDialogOptions {
  if (/\.docx$/i.test(fileName)) return saveDocxDialog(fileName, folder);
  if (/\.(csv|xlsx)$/i.test(fileName)) return saveDataDialog(fileName, folder);
  return {
    title: '保存',
    buttonLabel: '保存',
    defaultPath: folder ? joinPath(folder, safeFileName(fileName, '文件')) : safeFileName(fileName, '文件'),
    filters: [FILTERS.all],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
}

function joinPath(folder: string, name: string): string {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}

/**
 * The file a launch asks to open ("简报工坊 报告.docx", or a second launch forwarded to the running
 * app): the last argument that is a file of a kind the app opens; flags and the app's own path are not.
 */
export function fileFromArgv(argv: readonly string[]): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i];
    if (!arg.startsWith('-') && openKindOf(arg)) return arg;
  }
  return null;
}
