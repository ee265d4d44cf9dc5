/**
 * Exporting a briefing, one pure stage after another (DESIGN §2):
 * template → document model bound to the database → headings numbered → figures rendered → .docx bytes.
 */
import type { Db } from './db/connection';
import { DbDataSource } from './data/source';
import { collectMissing, collectValues, type Block, type BriefDocument, type FigureBlock } from './doc/model';
import { numberHeadings } from './doc/numbering';
import { evaluateTemplate } from './doc/template/evaluate';
import { findTemplate } from './doc/templates';
import { renderFigures } from './chart/figures';
import { buildDocx, figureMode, fontsNeeded } from './export/docx';
import { missingFonts } from './export/installed-fonts';

export interface RenderOptions {
  year?: number;
  set?: Record<string, string>;
  charts?: 'image' | 'native';
  fontProfile?: 'standard' | 'fallback';
  /** Folder for the figure cache (the app's data folder); without it figures are cached in memory only. */
  figureCacheDir?: string;
}

export interface RenderedBriefing {
  doc: BriefDocument;
  docx: Buffer;
  values: number;
  missing: { text: string; reason: string }[];
  /** The faces the document names (CJK faces first, then Times New Roman). */
  fonts: string[];
  /** Those of `fonts` not installed on this machine (empty when that could not be checked). */
  missingFonts: string[];
}

/** Figures in document order, boxes included (depth-first), as the exporter expects them. */
export function figuresOf(blocks: Block[]): FigureBlock[] {
  return blocks.flatMap((b) => (b.type === 'figure' ? [b] : b.type === 'box' ? figuresOf(b.blocks) : []));
}

/** Builds the document model of a template for one period, headings numbered. */
export function composeBriefing(db: Db, template: string, options: RenderOptions = {}): BriefDocument {
  const t = findTemplate(template);
  const doc = evaluateTemplate(t.parsed, new DbDataSource(db), {
    year: options.year,
    set: options.set,
    file: t.file.split(/[\\/]/).pop() ?? null,
  });
  return { ...doc, blocks: numberHeadings(doc.blocks) };
}

export async function renderBriefing(
  db: Db,
  template: string,
  options: RenderOptions = {},
): Promise<RenderedBriefing> {
  return renderDocument(composeBriefing(db, template, options), options);
}

/**
 * The export stages after composition, shared by templates and documents edited in the app:
 * headings (re)numbered → figures rendered → .docx bytes.
 */
export async function renderDocument(
  source: BriefDocument,
  options: Pick<RenderOptions, 'charts' | 'fontProfile' | 'figureCacheDir'> = {},
): Promise<RenderedBriefing> {
  const doc: BriefDocument = { ...source, blocks: numberHeadings(source.blocks) };
  // Only figures exported as images are drawn; native charts are written by the exporter from the spec.
  const all = figuresOf(doc.blocks);
  const asImage = all.map((f) => figureMode(f, options.charts) === 'image');
  // The exporter prints each figure's source note as text under its caption, so the image leaves it out.
  const specs = all.filter((_, i) => asImage[i]).map((f) => ({ ...f.chart, source: undefined }));
  const { figures: drawn } = await renderFigures(specs, { cacheDir: options.figureCacheDir });
  let next = 0;
  const figures = asImage.map((image) => (image ? drawn[next++]! : null));
  const docx = await buildDocx(doc, {
    figures,
    charts: options.charts,
    template: doc.meta.template,
    fontProfile: options.fontProfile,
  });
  const fonts = fontsNeeded(options.fontProfile ?? 'standard');
  return {
    doc,
    docx,
    values: collectValues(doc.blocks).length,
    missing: collectMissing(doc.blocks),
    fonts,
    missingFonts: missingFonts(fonts).missing,
  };
}
