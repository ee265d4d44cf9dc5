/**
 * The one typed contract between the UI and the core. Every call crosses it as JSON and is validated
 * by these schemas on the host side (Electron main, browser-mode server) before the core sees it.
 * Browser-safe: zod and types only.
 */
import { z } from 'zod';
import type { MethodName } from './methods';

const name = z.string().trim().min(1).max(200);

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
      year: z.number().int().min(1949).max(2100).optional(),
      charts: z.enum(['image', 'native']).default('image'),
    }),
    output: z.object({
      fileName: z.string(),
      /** The .docx, base64: the UI hands it to the user as a download, never as a path. */
      base64: z.string(),
      values: z.number().int(),
      missing: z.array(z.object({ text: z.string(), reason: z.string() })),
      fonts: z.array(z.string()),
    }),
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
      newIndicators: z.array(z.object({ name: z.string(), code: z.string(), unit: z.string() })),
      newRegions: z.array(z.object({ name: z.string(), code: z.string(), level: z.string() })),
      warnings: z.array(z.string()),
      /** Non-empty when the file was refused: nothing was written. At most 50; errorCount has them all. */
      errors: z.array(z.object({ row: z.number().int().nullable(), column: z.string().nullable(), message: z.string() })),
      errorCount: z.number().int(),
    }),
  },
  exportData: {
    input: z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
    output: z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
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

/** Validates a call and runs it: the only way the hosts reach the handlers. */
export async function dispatch(handlers: BriefHandlers, method: unknown, rawInput: unknown): Promise<unknown> {
  if (!isMethod(method)) throw new ApiError('not-found', `未知的接口：${String(method).slice(0, 60)}`);
  const parsed = schemas[method].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError('bad-request', `请求参数不正确（${issue.path.join('.') || '参数'}）：${issue.message}`);
  }
  const handler = handlers[method] as (input: unknown) => Promise<unknown> | unknown;
  return handler(parsed.data);
}
