/**
 * LibreOffice's own view of an exported .docx, with its table of contents refreshed: one LibreOffice
 * run (./lo-refresh.py, through UNO) lays the document out as written, then updates every index and
 * field and lays it out again. The office faces are mapped to free look-alikes by a fonts.conf written
 * here (仿宋_GB2312/宋体/方正小标宋简体 → Noto Serif CJK SC, 黑体 → Noto Sans CJK SC, 楷体_GB2312 →
 * LXGW WenKai), so that LibreOffice measures CJK text as the office faces are measured (one em per
 * character) and the faces stay distinct. Times New Roman is Liberation Serif (metric-compatible).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The office faces and the installed face each is laid out with. */
export const FACE_STAND_INS: Record<string, string> = {
  仿宋_GB2312: 'Noto Serif CJK SC',
  仿宋: 'Noto Serif CJK SC',
  FangSong: 'Noto Serif CJK SC',
  方正小标宋简体: 'Noto Serif CJK SC',
  方正小标宋_GBK: 'Noto Serif CJK SC',
  宋体: 'Noto Serif CJK SC',
  SimSun: 'Noto Serif CJK SC',
  黑体: 'Noto Sans CJK SC',
  SimHei: 'Noto Sans CJK SC',
  楷体_GB2312: 'LXGW WenKai',
  楷体: 'LXGW WenKai',
  KaiTi: 'LXGW WenKai',
};

/** A fontconfig file that includes the system's and maps the office faces to their stand-ins. */
export function officeFontsConf(dir: string): string {
  const aliases = Object.entries(FACE_STAND_INS)
    .map(
      ([face, to]) =>
        `  <alias binding="same"><family>${face}</family><prefer><family>${to}</family></prefer></alias>`,
    )
    .join('\n');
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${aliases}\n</fontconfig>\n`,
  );
  return file;
}

export interface PdfPages {
  pdf: string;
  pages: number;
  /** pdftotext -layout of each page, in order. */
  pageTexts: string[];
}

export function readPdf(pdf: string): PdfPages {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(info.match(/^Pages:\s+(\d+)/m)?.[1] ?? 0);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { pdf, pages, pageTexts: text.split('\f').slice(0, pages) };
}

export interface TocEntry {
  /** The entry's text, without its page number. */
  title: string;
  page: string;
}

export interface RefreshedLayout {
  /** The document as written (cached TOC entries and field results). */
  written: PdfPages;
  /** The document after LibreOffice updated its indexes and fields. */
  refreshed: PdfPages;
  /** Each table of contents' entries before and after the update. */
  tocs: { written: TocEntry[]; refreshed: TocEntry[] }[];
}

/** "title<TAB>page" lines of an index as LibreOffice holds it. */
export function tocEntries(text: string): TocEntry[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const tab = l.lastIndexOf('\t');
      return tab < 0
        ? { title: l.trim(), page: '' }
        : { title: l.slice(0, tab).trim(), page: l.slice(tab + 1).trim() };
    });
}

/** Lays a .docx out with LibreOffice as written and refreshed (one LibreOffice run, a few seconds). */
export function layoutRefreshed(docx: string): RefreshedLayout {
  const work = mkdtempSync(join(tmpdir(), 'brief-lo-refresh-'));
  const written = join(work, 'written.pdf');
  const refreshed = join(work, 'refreshed.pdf');
  const out = execFileSync(
    '/usr/bin/python3',
    [join(HERE, 'lo-refresh.py'), docx, written, refreshed, join(work, 'profile')],
    {
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, FONTCONFIG_FILE: officeFontsConf(work) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const { indexes } = JSON.parse(out) as { indexes: { written: string; refreshed: string }[] };
  return {
    written: readPdf(written),
    refreshed: readPdf(refreshed),
    tocs: indexes.map((i) => ({ written: tocEntries(i.written), refreshed: tocEntries(i.refreshed) })),
  };
}
