import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's resources/ folder (demo data, templates, fonts). Hosts may pass it explicitly
 * (Electron's packaged app keeps it beside the asar); otherwise it is found by walking up from
 * this module, which works from src/ under vitest and from out/ after a build.
 */
export function resourcesDir(explicit?: string): string {
  const fromEnv = explicit ?? process.env.BRIEF_RESOURCES;
  if (fromEnv) return resolve(fromEnv);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'resources', 'demo')) && existsSync(join(dir, 'package.json'))) {
      return join(dir, 'resources');
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('找不到程序资源目录 resources/（演示数据、模板、字体）：安装可能不完整。');
}
