/**
 * The `brief` command (DESIGN §3): the same core as the desktop app, no Electron.
 * Exit codes: 0 success, 1 bad input (message on stderr says where), 2 usage error.
 * Machine-readable output on stdout, messages on stderr.
 */
import { existsSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { renderBriefing } from '../core/briefing';
import { Catalogue } from '../core/data/catalogue';
import { ObservationStore } from '../core/data/observations';
import { openStore } from '../core/db/store';
import { builtInTemplates } from '../core/doc/templates';
import { writeFileAtomic } from '../core/export/atomic';
import { defaultDbPath } from '../core/paths';
import { createService } from '../core/service';
import { startServer } from '../server/server';

export class UsageError extends Error {}

const USAGE = `用法：brief <命令> [选项]   （每个命令都接受 --db PATH；默认使用桌面应用的数据库，环境变量 BRIEF_DB 可覆盖）
  init [--demo] [--force]                 创建数据库；--demo 载入源报告中的演示数据
  query 指标 [--region R] [--from P] [--to P] [--json]   打印一个指标的序列（指标可写名称、代码或别名）
  query --list [关键词]                    列出指标目录
  templates [--json]                      列出模板
  render 模板 --out 文件.docx [--year Y] [--set 键=值]… [--charts image|native]   导出简报
  serve [--port N]                        浏览器模式：在 127.0.0.1 上提供应用界面，第一行输出网址`;

const COMMON = { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

function dbPath(value: string | undefined): string {
  return resolve(value ?? defaultDbPath());
}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

async function cmdInit(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { demo: { type: 'boolean' }, force: { type: 'boolean' } });
  const path = dbPath(values.db);
  if (existsSync(path)) {
    if (!values.force) {
      io.err(`数据库已存在：${path}（要重新创建请加 --force，原文件会改名保留为 .bak）`);
      return 1;
    }
    renameSync(path, `${path}.${Date.now()}.bak`);
    for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, `${path}${suffix}.bak`);
  }
  const { db, demoRows } = openStore(path, { demo: Boolean(values.demo) });
  db.close();
  io.err(values.demo ? `已创建数据库并载入演示数据 ${demoRows} 条：${path}` : `已创建空数据库：${path}`);
  return 0;
}

async function cmdQuery(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    region: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
    list: { type: 'boolean' },
  });
  const { db } = openStore(dbPath(values.db));
  try {
    const catalogue = new Catalogue(db);
    if (values.list) {
      const list = catalogue.indicators(positionals[0] ?? '');
      if (values.json) io.out(JSON.stringify({ indicators: list.map(({ id: _id, ...i }) => i) }));
      else for (const i of list) io.out(`${i.code}\t${i.name}\t${i.unit}${i.aliases.length ? `\t别名：${i.aliases.join('、')}` : ''}`);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('query 需要一个指标名称，如：brief query 地区生产总值');
    const indicator = catalogue.indicator(positionals[0]);
    const region = values.region ? catalogue.region(values.region) : undefined;
    const series = new ObservationStore(db).series({
      indicatorId: indicator.id,
      regionId: region?.id,
      from: values.from,
      to: values.to,
    });
    if (values.json) {
      io.out(
        JSON.stringify({
          series: series.map((o) => ({
            region: o.region,
            period: o.periodLabel,
            value: o.value ?? o.textValue,
            unit: o.unit,
            status: o.status,
            source: o.source,
          })),
        }),
      );
    } else {
      io.err(`${indicator.name}（${indicator.code}，${indicator.unit}）`);
      for (const o of series) {
        io.out([o.region, o.periodLabel, o.value ?? o.textValue, o.unit, o.status || '-', o.source ?? ''].join('\t'));
      }
      if (series.length === 0) io.err('（没有数据）');
    }
    return 0;
  } finally {
    db.close();
  }
}

async function cmdTemplates(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } });
  const templates = builtInTemplates().map((t) => t.info);
  if (values.json) io.out(JSON.stringify({ templates }));
  else for (const t of templates) io.out(`${t.name}\t默认时期 ${t.defaultPeriod}\t${t.description}`);
  return 0;
}

function parseSets(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set 应写作 键=值：「${item}」`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

async function cmdRender(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string', short: 'o' },
    year: { type: 'string' },
    set: { type: 'string', multiple: true },
    charts: { type: 'string' },
    'font-profile': { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('render 需要一个模板名称或模板文件，如：brief render 政府工作报告解读 --out 解读.docx');
  if (!values.out) throw new UsageError('render 需要 --out 文件.docx');
  if (!values.out.toLowerCase().endsWith('.docx')) throw new UsageError(`--out 应是 .docx 文件：${values.out}`);
  const charts = values.charts ?? 'image';
  if (charts !== 'image' && charts !== 'native') throw new UsageError(`--charts 只能是 image 或 native：${charts}`);
  const profile = values['font-profile'] ?? 'standard';
  if (profile !== 'standard' && profile !== 'fallback') throw new UsageError(`--font-profile 只能是 standard 或 fallback`);
  let year: number | undefined;
  if (values.year !== undefined) {
    year = Number(values.year);
    if (!/^\d{4}$/.test(values.year)) throw new UsageError(`--year 应是四位年份：${values.year}`);
  }
  const { db } = openStore(dbPath(values.db));
  try {
    const started = Date.now();
    const result = await renderBriefing(db, positionals[0], { year, set: parseSets(values.set), charts, fontProfile: profile });
    writeFileAtomic(resolve(values.out), result.docx);
    io.err(
      `已导出：${resolve(values.out)}（数据绑定数值 ${result.values} 个，用时 ${Date.now() - started} 毫秒；所需字体：${result.fonts.join('、')}）`,
    );
    for (const m of result.missing) io.err(`缺少数值：${m.text} ${m.reason}`);
    return 0;
  } finally {
    db.close();
  }
}

/** The built renderer: out/renderer beside out/cli. */
function rendererDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', 'renderer'), join(here, '..', '..', 'out', 'renderer')]) {
    if (existsSync(join(candidate, 'index.html'))) return resolve(candidate);
  }
  return null;
}

async function cmdServe(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { port: { type: 'string' } });
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port 应是 0–65535 的整数：${values.port}`);
  const { db } = openStore(dbPath(values.db));
  const dir = rendererDir();
  const running = await startServer({ handlers: createService(db), rendererDir: dir, port });
  io.out(running.url);
  if (!dir) io.err('提示：界面尚未构建（npm run build），目前只提供 /api/。');
  io.err('简报工坊浏览器模式已启动（仅本机可访问），按 Ctrl+C 退出。');
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      void running.close().then(() => {
        db.close();
        resolveStop();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  init: cmdInit,
  query: cmdQuery,
  templates: cmdTemplates,
  render: cmdRender,
  serve: cmdServe,
};

const USER_ERRORS = new Set(['NotFoundError', 'TemplateError', 'PeriodError', 'UnitError', 'WordingError', 'DatabaseError', 'ImportError']);

export async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    (command ? io.out : io.err)(USAGE);
    return command ? 0 : 2;
  }
  const handler = COMMANDS[command];
  if (!handler) {
    io.err(`未知命令「${command}」\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  try {
    return await handler(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n${USAGE}`);
      return 2;
    }
    if (err instanceof Error && USER_ERRORS.has(err.name)) {
      io.err(err.message);
      return 1;
    }
    if (err instanceof Error && /EBUSY|EPERM|EACCES|文件被占用/.test(err.message)) {
      io.err(err.message);
      return 1;
    }
    throw err;
  }
}

/** Entry point of the built bin. */
export async function main(): Promise<void> {
  const code = await run(process.argv.slice(2), {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
  });
  if (process.argv[2] !== 'serve') process.exitCode = code;
  else process.exit(code);
}

