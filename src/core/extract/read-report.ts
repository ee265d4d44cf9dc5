/**
 * A report file's bytes → its text, for 导入报告: .txt in UTF-8 (with or without BOM), UTF-16 or GBK
 * (decoded as the CSV import does), .docx through docxToText. Anything else is refused with a message
 * that says what to do instead.
 */
import { decodeText } from '../data/import/csv';
import { docxToText, DOCX_LIMITS } from './docx-text';
import { ReportError } from './report-error';

export interface ReportText {
  text: string;
  format: 'txt' | 'docx';
  /** The text file's encoding (utf-8, utf-16le, gb18030); null for .docx. */
  encoding: string | null;
}

export function readReportBytes(fileName: string, bytes: Uint8Array): ReportText {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  const zip =
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole =
    bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (ext === 'docx' || ext === 'doc' || ext === 'wps' || zip || ole)
    try {
      return { text: docxToText(bytes), format: 'docx', encoding: null };
    } catch (err) {
      if (err instanceof ReportError) throw new ReportError(`「${fileName}」：${err.message}`);
      throw err;
    }
  if (ext === 'pdf' || (bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-'))
    throw new ReportError(
      `「${fileName}」是 PDF 文件，不能直接读取：请复制其中的文字粘贴进来，或另存为 .txt 后再导入`,
    );
  const { text, encoding } = decodeText(bytes);
  if (text.includes('\u0000'))
    throw new ReportError(`「${fileName}」不是文本文件：可以导入 .txt（UTF-8 或 GBK）和 .docx`);
  if (text.length > DOCX_LIMITS.textChars)
    throw new ReportError(
      `「${fileName}」的文字超过 ${DOCX_LIMITS.textChars.toLocaleString('en-US')} 个字符，不予读取：请分成几个文件`,
    );
  return { text, format: 'txt', encoding };
}
