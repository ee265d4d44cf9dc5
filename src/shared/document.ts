/**
 * Schemas of the document model (src/core/doc/model.ts) as it crosses the contract: what the editor
 * saves and exports. Known fields are checked; unknown ones are kept (loose objects), so a field the
 * model gains later is not silently dropped on the way to the database. Browser-safe: zod only.
 */
import { z } from 'zod';
import type { ChartSpec } from '../core/chart/spec';
import type { Block } from '../core/doc/model';

const text = z.string().max(100_000);
const short = z.string().max(2_000);

export const provenanceSchema = z.object({
  indicatorCode: short,
  indicator: short,
  region: short,
  period: short,
  value: z.number().nullable(),
  unit: short,
  status: short.nullable(),
  source: short.nullable(),
  revision: z.number().int().min(0),
});

export const inlineSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('text'),
    text,
    bold: z.boolean().optional(),
    subscript: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('value'),
    text: short,
    provenance: z.array(provenanceSchema).max(50),
    /** How an inserted value is worded again: an expression of the template language. */
    expr: short.optional(),
    /** Ordinal of a template value among the template's values. */
    ref: z.number().int().min(0).optional(),
  }),
  z.object({ type: z.literal('missing'), text: short, reason: short }),
]);

const runs = z.array(inlineSchema).max(5_000);

/** Loose: a field the chart spec gains later travels through unchanged. */
export const chartSpecSchema = z.looseObject({
  type: z.enum(['bar', 'line', 'bar-line', 'stacked', 'percent', 'pie', 'ring', 'ranking']),
  title: short,
  categories: z.array(short).max(500),
  series: z
    .array(
      z.looseObject({
        name: short,
        values: z.array(z.number().nullable()).max(500),
        unit: short,
        axis: z.union([z.literal(0), z.literal(1)]).optional(),
        as: z.enum(['bar', 'line']).optional(),
      }),
    )
    .max(50),
  axisNames: z.array(short).max(4).optional(),
  source: short.optional(),
  widthMm: z.number().positive().max(400).optional(),
  heightMm: z.number().positive().max(400).optional(),
}) as unknown as z.ZodType<ChartSpec>;

export const dataQuerySchema = z.object({
  indicators: z.array(z.string().trim().min(1).max(200)).min(1).max(20),
  regions: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  periods: z.array(z.string().trim().min(1).max(40)).min(1).max(60),
  status: z.string().max(10).optional(),
});

const cell = z.looseObject({
  runs,
  rowSpan: z.number().int().min(1).max(500).optional(),
  colSpan: z.number().int().min(1).max(100).optional(),
  align: z.enum(['left', 'center', 'right']).optional(),
  bold: z.boolean().optional(),
});

const headingKind = z.enum([
  'h1',
  'h2',
  'h3',
  'h4',
  'chapter',
  'section',
  'item',
  'question',
  'theme',
  'part',
]);

const leaf = [
  z.looseObject({ type: z.enum(['title', 'subtitle', 'byline', 'kicker']), text, runs: runs.optional() }),
  z.looseObject({
    type: z.literal('heading'),
    kind: headingKind,
    text,
    label: short.optional(),
    numbered: z.boolean().optional(),
    runs: runs.optional(),
  }),
  z.looseObject({
    type: z.literal('paragraph'),
    runs,
    bullet: z.boolean().optional(),
    lead: short.optional(),
    runInHeading: short.optional(),
    runInLabel: short.optional(),
    noIndent: z.boolean().optional(),
    align: z.enum(['left', 'center', 'right', 'both']).optional(),
  }),
  z.looseObject({
    type: z.literal('table'),
    title: short.optional(),
    widthsMm: z.array(z.number().positive().max(400)).max(100),
    header: z.array(z.array(cell).max(100)).max(20),
    rows: z.array(z.array(cell).max(100)).max(2_000),
    notes: runs.optional(),
    rules: z.enum(['three-line', 'grid']),
    compact: z.boolean().optional(),
  }),
  z.looseObject({
    type: z.literal('figure'),
    chart: chartSpecSchema,
    caption: short,
    mode: z.enum(['image', 'native']).optional(),
  }),
  z.looseObject({ type: z.literal('cover'), titleLines: z.array(short).max(10), issuer: short, date: short }),
  z.looseObject({ type: z.literal('toc'), title: short }),
  z.looseObject({ type: z.literal('pageBreak') }),
] as const;

/** Checked against the schemas above at run time; typed as the model's Block (the schemas mirror it). */
export const blockSchema: z.ZodType<Block> = z.lazy(() =>
  z.union([
    ...leaf,
    z.looseObject({
      type: z.literal('box'),
      title: short,
      label: short.optional(),
      blocks: z.array(blockSchema).max(2_000),
    }),
  ]),
) as unknown as z.ZodType<Block>;

export const documentSchema = z.object({
  meta: z.object({
    title: short,
    author: short,
    date: short,
    template: short,
    period: short,
  }),
  blocks: z.array(blockSchema).max(50_000),
});

export const documentSummarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  template: z.string().nullable(),
  period: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const gridCellSchema = z.object({
  region: z.string(),
  period: z.string(),
  value: z.number().nullable(),
  text: z.string().nullable(),
  unit: z.string(),
  qualifier: z.string().nullable(),
  source: z.string().nullable(),
  sourceText: z.string().nullable(),
  note: z.string().nullable(),
  revision: z.number().int(),
  updatedAt: z.string(),
});

export const chipQuerySchema = z.object({
  text: short,
  provenance: z.array(provenanceSchema).max(50),
  expr: short.optional(),
  ref: z.number().int().min(0).optional(),
});
