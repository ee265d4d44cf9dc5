// `npm start`: the desktop app where Electron's runtime is available; otherwise one clear line saying
// why, and the same UI in browser mode on 127.0.0.1 (DESIGN §2).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

if (!existsSync(join(root, 'out', 'cli', 'brief.js'))) {
  console.error('简报工坊尚未构建：请先运行 npm install（或 npm run build）。');
  process.exit(1);
}

const bin = electronBinary();
if (bin) {
  const child = spawn(bin, [root], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    '未能获得 Electron 运行时（本机无法下载 Electron 程序文件），改为浏览器模式：在浏览器中打开下面的网址即可使用同一界面。',
  );
  const child = spawn(process.execPath, [join(root, 'bin', 'brief.js'), 'serve', ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
