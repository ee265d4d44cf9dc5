/**
 * The text of a Word .docx, laid out the way the report texts are (seeds/): one paragraph per line with
 * a blank line between, tabs and line breaks kept (w:tab → \t, w:br → \n), a table row with several
 * cells as one tab-separated line (a cell spanning columns is followed by empty cells, so columns stay
 * in line), a one-cell row (a 专栏 box, a merged title row) as its paragraphs. textToDocument and
 * extractFigures read the result like any plain-text report.
 *
 * Only word/document.xml is inflated, and only after its declared size is checked: a file that is not
 * a .docx, a damaged zip, or a zip bomb is refused with a message before any large allocation.
 */
import { Inflate } from 'fflate';
import { ReportError } from './report-error';

export const DOCX_LIMITS = {
  /** word/document.xml, uncompressed (a 64-page report is a few megabytes). */
  documentXmlBytes: 64 * 1024 * 1024,
  /** The text handed on (extractText takes at most 20,000,000 characters). */
  textChars: 20_000_000,
};

const MB = 1024 * 1024;

function refuse(message: string): never {
  throw new ReportError(message);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e];
    const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
      ? String.fromCodePoint(code)
      : m;
  });
}

interface Cell {
  lines: string[];
  span: number;
}

/** Where paragraphs go: the body or a table cell. */
interface Container {
  lines: string[];
}

/** The text of word/document.xml (see the file comment). Total: any string gives a string. */
export function documentXmlText(xml: string): string {
  const body: Container = { lines: [] };
  const containers: Container[] = [body];
  const paragraphs: string[] = [];
  const tables: { rows: Cell[][] }[] = [];
  const cells: Cell[] = [];
  let inText = false;
  let runDepth = 0;
  /** Inside content that must not be read twice or at all: mc:Fallback (a copy), deleted or moved-away text. */
  let skipDepth = 0;
  const SKIP = new Set(['mc:Fallback', 'w:del', 'w:moveFrom']);

  const emit = (line: string) => containers[containers.length - 1].lines.push(line);
  const addText = (s: string) => {
    if (paragraphs.length > 0 && skipDepth === 0) paragraphs[paragraphs.length - 1] += s;
  };

  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    if (inText && lt > i) addText(decodeEntities(xml.slice(i, lt)));
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      i = end < 0 ? xml.length : end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (inText) addText(xml.slice(lt + 9, end < 0 ? xml.length : end));
      i = end < 0 ? xml.length : end + 3;
      continue;
    }
    const gt = xml.indexOf('>', lt + 1);
    if (gt < 0) break;
    i = gt + 1;
    if (xml[lt + 1] === '?' || xml[lt + 1] === '!') continue;
    const closing = xml[lt + 1] === '/';
    const selfClosing = xml[gt - 1] === '/';
    const inner = xml.slice(lt + (closing ? 2 : 1), selfClosing ? gt - 1 : gt);
    const space = inner.search(/[\s/]/);
    const name = space < 0 ? inner : inner.slice(0, space);

    if (SKIP.has(name)) {
      if (!selfClosing) skipDepth += closing ? -1 : 1;
      if (skipDepth < 0) skipDepth = 0;
      continue;
    }
    switch (name) {
      case 'w:p':
        if (closing) {
          const line = paragraphs.pop();
          if (line !== undefined) emit(line);
        } else if (selfClosing) emit('');
        else paragraphs.push('');
        break;
      case 'w:r':
        if (!selfClosing) runDepth += closing ? -1 : 1;
        if (runDepth < 0) runDepth = 0;
        break;
      case 'w:t':
        inText = !closing && !selfClosing;
        break;
      case 'w:tab':
        if (runDepth > 0 && !closing) addText('\t');
        break;
      case 'w:br':
      case 'w:cr':
        if (runDepth > 0 && !closing) addText('\n');
        break;
      case 'w:noBreakHyphen':
        if (runDepth > 0 && !closing) addText('-');
        break;
      case 'w:tbl':
        if (closing) {
          const t = tables.pop();
          if (t) for (const line of tableLines(t.rows)) emit(line);
        } else if (!selfClosing) tables.push({ rows: [] });
        break;
      case 'w:tr':
        if (!closing && !selfClosing) tables[tables.length - 1]?.rows.push([]);
        break;
      case 'w:tc':
        if (!closing && !selfClosing) {
          const cell: Cell = { lines: [], span: 1 };
          cells.push(cell);
          containers.push(cell);
          const t = tables[tables.length - 1];
          t?.rows[t.rows.length - 1]?.push(cell);
        } else if (closing) {
          cells.pop();
          if (containers.length > 1) containers.pop();
        }
        break;
      case 'w:gridSpan': {
        const m = /w:val="(\d{1,3})"/.exec(inner);
        const cell = cells[cells.length - 1];
        if (m && cell) cell.span = Math.max(1, Number(m[1]));
        break;
      }
      default:
        break;
    }
  }
  return body.lines.join('\n\n');
}

/** A table's rows as lines: several cells → one tab-separated line; one cell → its own lines. */
function tableLines(rows: Cell[][]): string[] {
  const out: string[] = [];
  for (const row of rows) {
    if (row.length === 0) continue;
    if (row.length === 1) {
      out.push(...row[0].lines.filter((l) => l.trim() !== ''));
      continue;
    }
    const cells: string[] = [];
    for (const c of row) {
      cells.push(c.lines.map((l) => l.replace(/[\t\n]+/g, ' ').trim()).join(''));
      for (let k = 1; k < c.span; k++) cells.push('');
    }
    out.push(cells.join('\t'));
  }
  return out;
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const u16 = (b: Uint8Array, p: number) => b[p] | (b[p + 1] << 8);
const u32 = (b: Uint8Array, p: number) =>
  (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
const DAMAGED = '不是有效的 .docx 文件：压缩包已损坏或不完整（文件可能被截断）';

/** The zip's central directory, read without inflating anything. */
function centralDirectory(b: Uint8Array): Entry[] {
  let eocd = -1;
  for (let p = b.length - 22; p >= Math.max(0, b.length - 22 - 0xffff); p--)
    if (u32(b, p) === 0x06054b50) {
      eocd = p;
      break;
    }
  if (eocd < 0) refuse(DAMAGED);
  const count = u16(b, eocd + 10);
  const offset = u32(b, eocd + 16);
  if (count === 0xffff || offset === 0xffffffff)
    refuse('不是有效的 .docx 文件：压缩包过大（ZIP64），不予读取');
  if (count > 10_000) refuse(`不是有效的 .docx 文件：压缩包内有 ${count} 个部件，不予读取`);
  const entries: Entry[] = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) refuse(DAMAGED);
    const nameLength = u16(b, p + 28);
    if (p + 46 + nameLength > b.length) refuse(DAMAGED);
    entries.push({
      name: new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLength)),
      method: u16(b, p + 10),
      compressedSize: u32(b, p + 20),
      size: u32(b, p + 24),
      localOffset: u32(b, p + 42),
    });
    p += 46 + nameLength + u16(b, p + 30) + u16(b, p + 32);
  }
  return entries;
}

/**
 * One entry inflated in small steps with a hard ceiling on its output: an entry that inflates beyond
 * its declared size (a zip bomb whose sizes lie) is stopped at the ceiling, in bounded time and memory.
 */
function inflateEntry(b: Uint8Array, e: Entry, limit: number): Uint8Array {
  if (e.size > limit)
    refuse(
      `Word 文档的正文解压后有 ${Math.round(e.size / MB)} MB，超过上限 ${limit / MB} MB，不予读取` +
        '（文件可能是“压缩炸弹”；正常的报告只有几 MB）',
    );
  const h = e.localOffset;
  if (h + 30 > b.length || u32(b, h) !== 0x04034b50) refuse(DAMAGED);
  const start = h + 30 + u16(b, h + 26) + u16(b, h + 28);
  if (start + e.compressedSize > b.length) refuse(DAMAGED);
  const data = b.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    if (e.compressedSize !== e.size) refuse(DAMAGED);
    return data;
  }
  if (e.method !== 8) refuse(`不是有效的 .docx 文件：正文用了不支持的压缩方式（${e.method}）`);
  const out = new Uint8Array(e.size);
  let filled = 0;
  const inflater = new Inflate((chunk) => {
    if (filled + chunk.length > e.size) refuse('Word 文档的正文解压后比声明的大（疑似“压缩炸弹”），不予读取');
    out.set(chunk, filled);
    filled += chunk.length;
  });
  const STEP = 16 * 1024;
  try {
    for (let k = 0; k < data.length || k === 0; k += STEP)
      inflater.push(data.subarray(k, k + STEP), k + STEP >= data.length);
  } catch (err) {
    if (err instanceof ReportError) throw err;
    refuse(`${DAMAGED}（正文无法解压）`);
  }
  if (filled !== e.size) refuse(`${DAMAGED}（正文大小与声明不符）`);
  return out;
}

/**
 * The text of a .docx file's bytes. Throws ReportError with a message for the user when the bytes
 * are not a .docx (an old .doc, another zip, a damaged file) or would inflate beyond the limits.
 */
export function docxToText(bytes: Uint8Array): string {
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    refuse(
      '这是旧版 Word（.doc）或其他 Office 97–2003 文件，不能直接读取：请在 Word 或 WPS 中另存为 .docx 或 .txt 后再导入',
    );
  if (bytes.length < 22 || u32(bytes, 0) !== 0x04034b50)
    refuse('不是 Word 文档（.docx）：文件不是 .docx 的压缩包格式');
  const entry = centralDirectory(bytes).find((e) => e.name === 'word/document.xml');
  if (!entry) refuse('不是 Word 文档（.docx）：压缩包里没有 word/document.xml');
  const xmlBytes = inflateEntry(bytes, entry, DOCX_LIMITS.documentXmlBytes);
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(xmlBytes);
  } catch {
    refuse('不是有效的 .docx 文件：正文不是 UTF-8 编码的 XML');
  }
  if (!/<w:document[\s>]/.test(xml.slice(0, 4096)))
    refuse('不是 Word 文档（.docx）：word/document.xml 不是 Word 正文');
  const text = documentXmlText(xml);
  if (text.length > DOCX_LIMITS.textChars)
    refuse(
      `Word 文档的文字超过 ${DOCX_LIMITS.textChars.toLocaleString('en-US')} 个字符，不予读取：请分成几个文件`,
    );
  return text;
}
