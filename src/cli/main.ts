/**
 * The `brief` command (DESIGN §3): the same core as the desktop app, no Electron.
 * Exit codes: 0 success, 1 bad input (message on stderr says where), 2 usage error.
 * Machine-readable output on stdout, messages on stderr. One file per command in commands/.
 */
import { isCorruptionError } from '../core/db/connection';
import { USER_ERROR_NAMES } from '../shared/api';
import { UsageError, type Command, type Io } from './args';
import { cmdBackup } from './commands/backup';
import { cmdCheck } from './commands/check';
import { cmdExportData } from './commands/export-data';
import { cmdExtract } from './commands/extract';
import { cmdImport } from './commands/import';
import { cmdInit } from './commands/init';
import { cmdIntegrity } from './commands/integrity';
import { cmdQuery } from './commands/query';
import { cmdRender } from './commands/render';
import { cmdRestore } from './commands/restore';
import { cmdServe } from './commands/serve';
import { cmdTemplates } from './commands/templates';

const USAGE = `用法：brief <命令> [选项]   （每个命令都接受 --db PATH；默认使用桌面应用的数据库，环境变量 BRIEF_DB 可覆盖）
  init [--demo] [--force]                 创建数据库；--demo 载入源报告中的演示数据
  query 指标 [--region R] [--from P] [--to P] [--json]   打印一个指标的序列（指标可写名称、代码或别名）
  query --list [关键词]                    列出指标目录
  import 文件.csv|.xlsx [--dry-run] [--strict] [--json]   导入数据，全部无误才写入；--dry-run 只报告不写入；--strict 不新建指标、地区
  export-data --out 文件.csv|.xlsx         导出全部数据（与导入相同的列）
  templates [--json]                      列出模板
  render 模板 --out 文件.docx [--year Y] [--set 键=值]… [--charts image|native] [--font-profile standard|fallback]   导出简报
  check 模板 [--year Y] [--json]          核对简报用到的数字之间是否一致（--all 核对全部关系）；只报告，不修改数据
  extract 文件.txt [--json]               从报告文本中找出数字（指标、地区、时间、数值、单位、关系及原文位置）
  serve [--port N]                        浏览器模式：在 127.0.0.1 上提供应用界面，第一行输出网址
  backup [--list] [--json]                立即备份数据库（备份在数据库旁的 backups 文件夹；每日和升级前也会自动备份）
  restore --latest | --from 备份 [--list]  从备份恢复；损坏的数据库改名保留为 .broken-时间
  integrity [--json]                      完整检查数据库文件（PRAGMA integrity_check）`;

const COMMANDS: Record<string, Command> = {
  init: cmdInit,
  import: cmdImport,
  'export-data': cmdExportData,
  query: cmdQuery,
  templates: cmdTemplates,
  render: cmdRender,
  check: cmdCheck,
  extract: cmdExtract,
  serve: cmdServe,
  backup: cmdBackup,
  restore: cmdRestore,
  integrity: cmdIntegrity,
};

const USER_ERRORS = new Set(USER_ERROR_NAMES);

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
    if (isCorruptionError(err)) {
      io.err(
        `数据库文件已损坏（${(err as Error).message}）。可运行 brief restore --latest 从备份恢复（brief restore --list 列出全部备份）。`,
      );
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
  // `brief extract … | head`: a closed pipe ends the command quietly, not with a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const code = await run(process.argv.slice(2), {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
  });
  if (process.argv[2] !== 'serve') process.exitCode = code;
  else process.exit(code);
}
