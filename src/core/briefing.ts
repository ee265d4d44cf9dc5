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
import { renderFigure } from './chart/render';
import { buildDocx, fontsNeeded, type RenderedFigure } from './export/docx';

export interface RenderOptions {
  year?: number;
  set?: Record<string, string>;
  charts?: 'image' | 'native';
  fontProfile?: 'standard' | 'fallback';
}

export interface RenderedBriefing {
  doc: BriefDocument;
  docx: Buffer;
  values: number;
  missing: { text: string; reason: string }[];
  fonts: string[];
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

export async function renderBriefing(db: Db, template: string, options: RenderOptions = {}): Promise<RenderedBriefing> {
  const doc = composeBriefing(db, template, options);
  // The exporter prints each figure's source note as text under its caption, so the image leaves it out.
  const figures: RenderedFigure[] = figuresOf(doc.blocks).map((f) => renderFigure({ ...f.chart, source: undefined }));
  const docx = await buildDocx(doc, {
    figures,
    template: doc.meta.template,
    fontProfile: options.fontProfile,
  });
  return {
    doc,
    docx,
    values: collectValues(doc.blocks).length,
    missing: collectMissing(doc.blocks),
    fonts: fontsNeeded(options.fontProfile ?? 'standard'),
  };
}
