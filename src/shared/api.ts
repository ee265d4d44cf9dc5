/**
 * The one typed contract between the UI and the core. Every call crosses it as JSON and is validated
 * by these schemas on the host side (Electron main, browser-mode server) before the core sees it.
 * Browser-safe: zod and types only.
 */
import { z } from 'zod';
import type { MethodName } from './methods';
import {
  blockSchema,
  chartSpecSchema,
  chipQuerySchema,
  dataQuerySchema,
  documentSchema,
  documentSummarySchema,
  gridCellSchema,
  inlineSchema,
  provenanceSchema,
} from './document';

// The hosts' validation messages reach the user as they are: in Chinese.
z.config(z.locales.zhCN());

const name = z.string().trim().min(1).max(200);
const year = z.number().int().min(1949).max(2100);

/** A backup as the UI lists it: its file name in the backups folder, never a path. */
const backupSchema = z.object({
  file: z.string(),
  created: z.string(),
  kind: z.enum(['daily', 'pre-migration', 'pre-restore', 'manual']),
  schemaVersion: z.number().int().nullable(),
  size: z.number().int(),
});

/** A Word export as the UI receives it: the .docx as base64 (handed over as a download, never a path). */
const exportedDocxSchema = z.object({
  fileName: z.string(),
  base64: z.string(),
  values: z.number().int(),
  missing: z.array(z.object({ text: z.string(), reason: z.string() })),
  fonts: z.array(z.string()),
});

const newIndicatorsSchema = z.array(z.object({ name: z.string(), code: z.string(), unit: z.string() }));
const newRegionsSchema = z.array(z.object({ name: z.string(), code: z.string(), level: z.string() }));

export const schemas = {
  listIndicators: {
    input: z.object({ search: z.string().max(200).default('') }),
    output: z.object({
      indicators: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          unit: z.string(),
          kind: z.string(),
          aliases: z.array(z.string()),
          observations: z.number().int(),
        }),
      ),
    }),
  },
  getSeries: {
    input: z.object({ indicator: name, region: name.optional() }),
    output: z.object({
      indicator: z.string(),
      series: z.array(
        z.object({
          region: z.string(),
          period: z.string(),
          status: z.string(),
          value: z.number().nullable(),
          text: z.string().nullable(),
          unit: z.string(),
          qualifier: z.string().nullable(),
          source: z.string().nullable(),
          sourceText: z.string().nullable(),
          revision: z.number().int(),
        }),
      ),
    }),
  },
  listTemplates: {
    input: z.object({}).default({}),
    output: z.object({
      templates: z.array(
        z.object({ name: z.string(), title: z.string(), description: z.string(), defaultPeriod: z.string() }),
      ),
    }),
  },
  exportBriefing: {
    input: z.object({
      template: name,
      year: year.optional(),
      charts: z.enum(['image', 'native']).default('image'),
    }),
    output: exportedDocxSchema,
  },
  importFile: {
    input: z.object({
      /** The file's name, for messages and the revision record; the bytes come with it, never a path. */
      fileName: z.string().trim().min(1).max(255),
      base64: z.string().max(300_000_000),
      dryRun: z.boolean().default(false),
      strict: z.boolean().default(false),
    }),
    output: z.object({
      file: z.string(),
      format: z.enum(['csv', 'xlsx']).nullable(),
      encoding: z.string().nullable(),
      layout: z.enum(['long', 'wide']).nullable(),
      rows: z.number().int(),
      dryRun: z.boolean(),
      added: z.number().int(),
      revised: z.array(
        z.object({
          indicator: z.string(),
          region: z.string(),
          period: z.string(),
          status: z.string(),
          old: z.union([z.number(), z.string()]).nullable(),
          new: z.union([z.number(), z.string()]).nullable(),
          unit: z.string(),
          row: z.number().int(),
        }),
      ),
      unchanged: z.number().int(),
      converted: z.number().int(),
      newIndicators: newIndicatorsSchema,
      newRegions: newRegionsSchema,
      warnings: z.array(z.string()),
      /** Non-empty when the file was refused: nothing was written. At most 50; errorCount has them all. */
      errors: z.array(
        z.object({ row: z.number().int().nullable(), column: z.string().nullable(), message: z.string() }),
      ),
      errorCount: z.number().int(),
    }),
  },
  exportData: {
    input: z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  },
  /** `brief check`: where a briefing's figures (or, without a template, all figures) disagree. Reads only. */
  runChecks: {
    input: z.object({ template: name.optional(), year: year.optional() }),
    output: z.object({
      findings: z.array(
        z.object({
          severity: z.enum(['error', 'warning', 'info']),
          message: z.string(),
          values: z.array(
            z.object({
              indicator: z.string(),
              region: z.string(),
              period: z.string(),
              value: z.union([z.number(), z.string()]).nullable(),
              unit: z.string(),
              source: z.string().nullable(),
              sourceText: z.string().nullable(),
            }),
          ),
        }),
      ),
      checked: z.number().int(),
      skipped: z.number().int(),
    }),
  },
  // ---- 数据: the dataset grid (one indicator as regions × periods), edits as recorded revisions
  getGrid: {
    input: z.object({
      indicator: name,
      /** '' = 实际; omitted: the status most of the indicator's values have. */
      status: z.string().max(10).optional(),
      /** Period columns to show even without values yet (as written: 2021, 2021年上半年). */
      periods: z.array(z.string().trim().min(1).max(40)).max(40).default([]),
    }),
    output: z.object({
      indicator: z.object({
        code: z.string(),
        name: z.string(),
        unit: z.string(),
        kind: z.string(),
        decimals: z.number().int().nullable(),
      }),
      status: z.string(),
      statuses: z.array(z.object({ status: z.string(), count: z.number().int() })),
      regions: z.array(z.object({ name: z.string(), level: z.string(), hasData: z.boolean() })),
      periods: z.array(z.object({ key: z.string(), label: z.string() })),
      cells: z.array(gridCellSchema),
    }),
  },
  /** Sets one cell: a changed value becomes a revision (old, new, when, reason); undo is another revision. */
  setObservation: {
    input: z.object({
      indicator: name,
      region: name,
      period: z.string().trim().min(1).max(40),
      status: z.string().max(10).optional(),
      /** A number, a structure ratio as text, or null to clear a never-revised cell. */
      value: z.union([z.number(), z.string().max(200), z.null()]),
      reason: z.string().max(500).optional(),
    }),
    output: z.object({
      outcome: z.enum(['added', 'revised', 'unchanged', 'removed']),
      cell: gridCellSchema.nullable(),
      previous: gridCellSchema.nullable(),
    }),
  },
  cellHistory: {
    input: z.object({
      indicator: name,
      region: name,
      period: z.string().trim().min(1).max(40),
      status: z.string().max(10).optional(),
    }),
    output: z.object({
      indicator: z.string(),
      region: z.string(),
      period: z.string(),
      cell: gridCellSchema.nullable(),
      revisions: z.array(
        z.object({
          revision: z.number().int(),
          oldValue: z.number().nullable(),
          newValue: z.number().nullable(),
          oldText: z.string().nullable(),
          newText: z.string().nullable(),
          changedAt: z.string(),
          reason: z.string().nullable(),
          sourceFile: z.string().nullable(),
        }),
      ),
    }),
  },
  /** Regions and the periods the database has values for (choices of the figure and table builders). */
  listDimensions: {
    input: z.object({}).default({}),
    output: z.object({
      regions: z.array(z.object({ name: z.string(), level: z.string() })),
      periods: z.array(z.object({ key: z.string(), label: z.string(), kind: z.string() })),
    }),
  },

  // ---- 文档: briefings composed in the editor
  listDocuments: {
    input: z.object({}).default({}),
    output: z.object({ documents: z.array(documentSummarySchema) }),
  },
  /** From a template (composed for `year`, values bound) or blank (no template). */
  createDocument: {
    input: z.object({
      template: name.optional(),
      year: year.optional(),
      title: z.string().trim().max(200).optional(),
    }),
    output: documentSummarySchema.extend({ doc: documentSchema }),
  },
  loadDocument: {
    input: z.object({ id: z.number().int().positive() }),
    output: documentSummarySchema.extend({ doc: documentSchema }),
  },
  /** Saves over `baseVersion`; `saved: false` when another window saved first (nothing written then). */
  saveDocument: {
    input: z.object({
      id: z.number().int().positive(),
      doc: documentSchema,
      baseVersion: z.number().int().optional(),
      force: z.boolean().default(false),
    }),
    output: z.object({ saved: z.boolean(), version: z.number().int(), updatedAt: z.string() }),
  },
  deleteDocument: {
    input: z.object({ id: z.number().int().positive() }),
    output: z.object({ deleted: z.boolean() }),
  },
  /** One data-bound value worded the house way (v 数值, n 数字, growth 增速, points 百分点, rank 名次, ratio 结构比). */
  resolveValue: {
    input: z.object({
      indicator: name,
      region: name,
      period: z.string().trim().min(1).max(40),
      status: z.string().max(10).optional(),
      form: z.enum(['v', 'n', 'growth', 'points', 'rank', 'ratio']).default('v'),
      year: year.optional(),
    }),
    output: z.object({ run: inlineSchema }),
  },
  /** Which of a document's values changed in the database since they were inserted, and their current wording. */
  checkValues: {
    input: z.object({
      template: z.string().max(200).default(''),
      period: z.string().max(40),
      chips: z.array(chipQuerySchema).max(20_000),
    }),
    output: z.object({
      states: z.array(
        z.object({
          stale: z.boolean(),
          text: z.string().nullable(),
          provenance: z.array(provenanceSchema),
          changes: z.array(
            z.object({
              indicator: z.string(),
              region: z.string(),
              period: z.string(),
              unit: z.string(),
              old: z.number().nullable(),
              current: z.number().nullable(),
              oldRevision: z.number().int(),
              currentRevision: z.number().int().nullable(),
            }),
          ),
        }),
      ),
    }),
  },
  /** A figure's chart spec from the database (the preview and the export draw the same spec). */
  buildFigure: {
    input: dataQuerySchema.extend({
      type: z.enum(['bar', 'line', 'bar-line', 'stacked', 'percent', 'pie', 'ring', 'ranking']),
      title: z.string().max(200).optional(),
    }),
    output: z.object({ chart: chartSpecSchema, caption: z.string(), missing: z.number().int() }),
  },
  buildTable: {
    input: dataQuerySchema.extend({ title: z.string().max(200).optional() }),
    output: z.object({ table: blockSchema }),
  },
  /** Before export: values gone stale, missing values, failed checks, fonts not installed here. */
  preflightDocument: {
    input: z.object({
      doc: documentSchema,
      fontProfile: z.enum(['standard', 'fallback']).default('standard'),
    }),
    output: z.object({
      stale: z.array(
        z.object({
          text: z.string(),
          current: z.string().nullable(),
          indicator: z.string(),
          region: z.string(),
          period: z.string(),
        }),
      ),
      missing: z.array(z.object({ text: z.string(), reason: z.string() })),
      findings: z.array(z.object({ severity: z.enum(['error', 'warning', 'info']), message: z.string() })),
      fonts: z.object({ needed: z.array(z.string()), missing: z.array(z.string()), checked: z.boolean() }),
      figures: z.number().int(),
      values: z.number().int(),
    }),
  },
  /** The document as .docx (headings numbered, figures rendered from their specs), base64. */
  exportDocument: {
    input: z.object({
      doc: documentSchema,
      charts: z.enum(['image', 'native']).default('image'),
      fontProfile: z.enum(['standard', 'fallback']).default('standard'),
    }),
    output: exportedDocxSchema,
  },

  // ---- 数据安全 (issue 9): backups beside the database, restore, the full check on demand
  listBackups: {
    input: z.object({}).default({}),
    output: z.object({ backups: z.array(backupSchema) }),
  },
  backupDatabase: {
    input: z.object({}).default({}),
    output: z.object({ backup: backupSchema }),
  },
  /** Restores a backup named in listBackups (a name, never a path); the state before is backed up first. */
  restoreBackup: {
    input: z.object({
      file: z
        .string()
        .max(200)
        .regex(/^[^\\/:]+\.db$/, '应是备份列表中的文件名'),
    }),
    output: z.object({
      restored: backupSchema,
      safetyBackup: backupSchema.nullable(),
      schemaVersion: z.number().int(),
    }),
  },
  checkDatabase: {
    input: z.object({ full: z.boolean().default(true) }),
    output: z.object({ ok: z.boolean(), full: z.boolean(), problems: z.array(z.string()) }),
  },
  /**
   * Candidate figures in a report's text (the `brief extract` JSON): names mapped to the catalogue or
   * proposed as new; start/end are UTF-16 offsets into `text`.
   */
  extractText: {
    input: z.object({ text: z.string().max(20_000_000) }),
    output: z.object({
      candidates: z.array(
        z.object({
          indicator: z.string(),
          indicatorMatch: z.enum(['catalogue', 'new']),
          indicatorCode: z.string().nullable(),
          phrase: z.string(),
          region: z.string().nullable(),
          period: z.string().nullable(),
          value: z.union([z.number(), z.string()]),
          valueTo: z.number().nullable(),
          unit: z.string(),
          qualifier: z.string().nullable(),
          relation: z.string().nullable(),
          text: z.string(),
          start: z.number().int(),
          end: z.number().int(),
          confidence: z.number(),
        }),
      ),
    }),
  },
  /** 导入报告: a report file (.txt in UTF-8/GBK, or .docx) → its text, for extractText and commitReport. */
  readReport: {
    input: z.object({
      fileName: z.string().trim().min(1).max(255),
      base64: z.string().max(70_000_000),
    }),
    output: z.object({
      text: z.string(),
      format: z.enum(['txt', 'docx']),
      encoding: z.string().nullable(),
    }),
  },
  /**
   * 导入报告, the commit: the accepted candidates (by their offsets in `text`, with the user's edits) go
   * into the database with the report as source and the exact words; the report becomes a document
   * (stored, `documentId`) with those figures bound as chips. All or nothing: when a decision is wrong,
   * `errors` lists each (naming its words) and nothing is written (`report` and `documentId` null).
   */
  commitReport: {
    input: z.object({
      fileName: z.string().trim().min(1).max(255),
      text: z.string().min(1).max(20_000_000),
      decisions: z
        .array(
          z.object({
            start: z.number().int().min(0),
            end: z.number().int().min(0),
            accept: z.boolean(),
            indicator: z.string().trim().max(200).optional(),
            region: z.string().trim().max(200).optional(),
            period: z.string().trim().max(40).optional(),
            value: z.union([z.number(), z.string().max(200)]).optional(),
            unit: z.string().trim().max(20).optional(),
            status: z.string().trim().max(10).optional(),
            qualifier: z.string().max(20).nullable().optional(),
          }),
        )
        .max(50_000),
    }),
    output: z.object({
      report: z
        .object({
          file: z.string(),
          source: z.string(),
          accepted: z.number().int(),
          rejected: z.number().int(),
          added: z.number().int(),
          revised: z.array(
            z.object({
              indicator: z.string(),
              region: z.string(),
              period: z.string(),
              status: z.string(),
              old: z.union([z.number(), z.string()]).nullable(),
              new: z.union([z.number(), z.string()]).nullable(),
              unit: z.string(),
              text: z.string(),
            }),
          ),
          unchanged: z.number().int(),
          converted: z.number().int(),
          newIndicators: newIndicatorsSchema,
          newRegions: newRegionsSchema,
          figures: z.array(
            z.object({
              start: z.number().int(),
              end: z.number().int(),
              text: z.string(),
              indicator: z.string(),
              indicatorCode: z.string(),
              region: z.string(),
              period: z.string(),
              status: z.string(),
              value: z.number().nullable(),
              textValue: z.string().nullable(),
              unit: z.string(),
              outcome: z.enum(['added', 'revised', 'unchanged']),
              revision: z.number().int(),
            }),
          ),
          unplaced: z.array(
            z.object({
              start: z.number().int(),
              end: z.number().int(),
              text: z.string(),
              reason: z.string(),
            }),
          ),
        })
        .nullable(),
      documentId: z.number().int().nullable(),
      errors: z.array(
        z.object({ start: z.number().int(), end: z.number().int(), text: z.string(), message: z.string() }),
      ),
    }),
  },
} as const;

export type Schemas = typeof schemas;
export type Method = keyof Schemas;
export type Input<M extends Method> = z.input<Schemas[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Schemas[M]['input']>;
export type Output<M extends Method> = z.output<Schemas[M]['output']>;

/** What the UI calls: one object, the same in Electron (preload) and in the browser (HTTP). */
export type BriefApi = { [M in Method]: (input: Input<M>) => Promise<Output<M>> };

/** What a host implements: receives validated input. */
export type BriefHandlers = { [M in Method]: (input: ParsedInput<M>) => Promise<Output<M>> | Output<M> };

export const methods = Object.keys(schemas) as Method[];

// The preload's list of names must be the contract's, no more and no less.
const _sameNames: MethodName extends Method ? (Method extends MethodName ? true : never) : never = true;
void _sameNames;

export function isMethod(value: unknown): value is Method {
  return typeof value === 'string' && (methods as string[]).includes(value);
}

/** A failure the UI can show as it is: Chinese message, and where the problem is when known. */
export interface ApiErrorBody {
  error: { code: 'bad-request' | 'not-found' | 'bad-input' | 'internal'; message: string };
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorBody['error']['code'],
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The core's errors whose message is written for the user (Chinese, saying where the problem is): the
 * hosts show them as they are. The CLI exits 1 with the message; the API answers 'not-found' or 'bad-input'.
 */
export const USER_ERROR_NAMES: readonly string[] = [
  'NotFoundError',
  'TemplateError',
  'PeriodError',
  'UnitError',
  'WordingError',
  'ImportError',
  'InputError',
  'DatabaseError',
  'ReportError',
];

/** Maps an error to the contract's error body: the core's user errors keep their message, others are 'internal'. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof Error && USER_ERROR_NAMES.includes(err.name))
    return new ApiError(err.name === 'NotFoundError' ? 'not-found' : 'bad-input', err.message);
  return new ApiError('internal', `内部错误：${err instanceof Error ? err.message : String(err)}`);
}

/** Validates a call and runs it: the only way the hosts reach the handlers. */
export async function dispatch(
  handlers: BriefHandlers,
  method: unknown,
  rawInput: unknown,
): Promise<unknown> {
  if (!isMethod(method)) throw new ApiError('not-found', `未知的接口：${String(method).slice(0, 60)}`);
  const parsed = schemas[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(
      'bad-request',
      `请求参数不正确（${issue.path.join('.') || '参数'}）：${issue.message}`,
    );
  }
  const handler = handlers[method] as (input: unknown) => Promise<unknown> | unknown;
  return handler(parsed.data);
}
