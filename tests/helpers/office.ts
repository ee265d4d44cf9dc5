/**
 * Looks at an exported .docx the way a reader would: LibreOffice lays it out into a PDF, poppler reads
 * the PDF back (text per page, page count, fonts). Used by the document-rendering suites.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface PdfLayout {
  pdf: string;
  pages: number;
  /** Text of each page, in order. */
  pageTexts: string[];
  fonts: string[];
}

export function layoutWithLibreOffice(docx: string): PdfLayout {
  const work = mkdtempSync(join(tmpdir(), 'brief-lo-'));
  const profile = pathToFileURL(join(work, 'profile')).href;
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      work,
      docx,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  const pdf = join(work, basename(docx).replace(/\.docx$/i, '.pdf'));
  readFileSync(pdf); // fails loudly when LibreOffice wrote nothing
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(info.match(/^Pages:\s+(\d+)/m)?.[1] ?? 0);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const pageTexts = text.split('\f').slice(0, pages);
  const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .map((l) => l.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, ''))
    .filter(Boolean);
  return { pdf, pages, pageTexts, fonts };
}

/** Text with the layout's line breaks and spaces removed, for searching sentences. */
export function flat(text: string): string {
  return text.replace(/\s+/g, '');
}
