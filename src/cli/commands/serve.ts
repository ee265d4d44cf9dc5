import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createService } from '../../core/service';
import { startServer } from '../../server/server';
import { openDb, parse, UsageError, type Io } from '../args';

/** The built renderer: out/renderer beside out/cli. */
function rendererDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', 'renderer'), join(here, '..', '..', 'out', 'renderer')]) {
    if (existsSync(join(candidate, 'index.html'))) return resolve(candidate);
  }
  return null;
}

/**
 * Browser mode prefers one fixed port: the page keeps unsaved edits in the browser's storage, which
 * belongs to the origin (host and port), so a restart must come back on the same origin to offer them.
 */
export const DEFAULT_PORT = 47_210;

async function listen(options: Parameters<typeof startServer>[0], explicit: boolean) {
  try {
    return await startServer(options);
  } catch (err) {
    if (explicit || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return startServer({ ...options, port: 0 });
  }
}

export async function cmdServe(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { port: { type: 'string' } });
  const port = values.port !== undefined ? Number(values.port) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port 应是 0–65535 的整数：${values.port}`);
  const { db } = await openDb(values.db, io);
  const dir = rendererDir();
  const running = await listen(
    { handlers: createService(db), rendererDir: dir, port },
    values.port !== undefined,
  );
  if (running.port !== port && port !== 0) {
    io.err(`端口 ${port} 已被占用，改用 ${running.port}（未保存的修改只能在原端口恢复）。`);
  }
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
