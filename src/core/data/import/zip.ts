/**
 * An .xlsx is a zip. Before exceljs inflates it (all of it, in memory), its central directory is read
 * and every entry inflated once with a hard ceiling (issue 9): a truncated file, a zip bomb (a few
 * hundred kilobytes that inflate to gigabytes), sizes that lie, or a sheet too large to read in memory
 * are refused with a message, in bounded time and memory, before anything else happens.
 *
 * Limits: 100 MB uncompressed in all (≈ 450,000 rows of the import columns), 10,000 entries, and
 * 1,000,000 cells in the worksheets (exceljs needs about 2 KB of memory per cell; CSV has no such cost).
 */
import zlib from 'node:zlib';

export const XLSX_LIMITS = {
  uncompressedBytes: 100 * 1024 * 1024,
  entries: 10_000,
  cells: 1_000_000,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** Why a zip is refused, in the words the user sees (the caller adds the file name). */
export class ZipCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipCheckError';
  }
}

const TRUNCATED = '不是有效的 .xlsx 文件：压缩包不完整（文件可能被截断，或只复制、下载了一部分）';
const DAMAGED = '不是有效的 .xlsx 文件：压缩包已损坏';
const MB = 1024 * 1024;

function findEocd(b: Buffer): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) if (b.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}

function safeNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipCheckError(DAMAGED);
  return Number(v);
}

/** The central directory: names, methods, sizes (ZIP64 included), without inflating anything. */
export function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 22) throw new ZipCheckError(TRUNCATED);
  const eocd = findEocd(b);
  if (eocd < 0) throw new ZipCheckError(TRUNCATED);
  let count = b.readUInt16LE(eocd + 10);
  let cdSize = b.readUInt32LE(eocd + 12);
  let cdOffset = b.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || b.readUInt32LE(locator) !== 0x07064b50) throw new ZipCheckError(DAMAGED);
    const z64 = safeNumber(b.readBigUInt64LE(locator + 8));
    if (z64 + 56 > b.length || b.readUInt32LE(z64) !== 0x06064b50) throw new ZipCheckError(DAMAGED);
    count = safeNumber(b.readBigUInt64LE(z64 + 32));
    cdSize = safeNumber(b.readBigUInt64LE(z64 + 40));
    cdOffset = safeNumber(b.readBigUInt64LE(z64 + 48));
  }
  if (count > XLSX_LIMITS.entries)
    throw new ZipCheckError(`Excel 文件内含 ${count} 个部件，超过上限 ${XLSX_LIMITS.entries} 个，不予读取`);
  if (cdOffset + cdSize > b.length) throw new ZipCheckError(TRUNCATED);
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw new ZipCheckError(DAMAGED);
    const method = b.readUInt16LE(p + 10);
    let compressedSize = b.readUInt32LE(p + 20);
    let uncompressedSize = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    let localOffset = b.readUInt32LE(p + 42);
    if (p + 46 + nameLen + extraLen > b.length) throw new ZipCheckError(DAMAGED);
    const name = b.toString('utf8', p + 46, p + 46 + nameLen);
    // ZIP64 extra field: 8-byte values for the fields that say 0xFFFFFFFF, in this order.
    let e = p + 46 + nameLen;
    const end = e + extraLen;
    while (e + 4 <= end) {
      const id = b.readUInt16LE(e);
      const size = b.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const next = () => {
          if (q + 8 > e + 4 + size) throw new ZipCheckError(DAMAGED);
          const v = safeNumber(b.readBigUInt64LE(q));
          q += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      e += 4 + size;
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function countCells(xml: Buffer): number {
  let n = 0;
  for (const tag of ['<c ', '<c>']) {
    for (let i = xml.indexOf(tag); i >= 0; i = xml.indexOf(tag, i + 3)) n++;
  }
  return n;
}

/**
 * Refuses (ZipCheckError) what must not reach exceljs. Every entry is inflated once, one at a time,
 * with its declared size as a hard ceiling, so a bomb costs at most the limit, never more.
 */
export function checkXlsxZip(bytes: Uint8Array): void {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readCentralDirectory(bytes);
  const declared = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (declared > XLSX_LIMITS.uncompressedBytes)
    throw new ZipCheckError(
      `Excel 文件解压后有 ${Math.round(declared / MB)} MB，超过上限 ${XLSX_LIMITS.uncompressedBytes / MB} MB，不予读取：` +
        '请把数据分成几个文件，或另存为 CSV 后导入',
    );
  let cells = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/') && entry.uncompressedSize === 0) continue;
    const h = entry.localOffset;
    if (h + 30 > b.length || b.readUInt32LE(h) !== 0x04034b50) throw new ZipCheckError(TRUNCATED);
    const start = h + 30 + b.readUInt16LE(h + 26) + b.readUInt16LE(h + 28);
    if (start + entry.compressedSize > b.length) throw new ZipCheckError(TRUNCATED);
    const data = b.subarray(start, start + entry.compressedSize);
    let out: Buffer;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize) throw new ZipCheckError(DAMAGED);
      out = data;
    } else if (entry.method === 8) {
      try {
        out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw new ZipCheckError(
            `Excel 文件中的「${entry.name.slice(0, 80)}」解压后比声明的大（疑似“压缩炸弹”），不予读取`,
          );
        throw new ZipCheckError(`${DAMAGED}（${entry.name.slice(0, 80)} 无法解压）`);
      }
      if (out.length !== entry.uncompressedSize)
        throw new ZipCheckError(`${DAMAGED}（${entry.name.slice(0, 80)} 大小不符）`);
    } else {
      throw new ZipCheckError(
        `不是有效的 .xlsx 文件：「${entry.name.slice(0, 80)}」用了不支持的压缩方式（${entry.method}）`,
      );
    }
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)) {
      cells += countCells(out);
      if (cells > XLSX_LIMITS.cells)
        throw new ZipCheckError(
          `工作表超过 ${XLSX_LIMITS.cells.toLocaleString('en-US')} 个单元格，不予读取：请把数据分成几个文件，或另存为 CSV 后导入`,
        );
    }
  }
}
