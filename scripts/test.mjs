// `npm test`: every check and every suite (format, lint, types, unit, integration, document rendering
// in LibreOffice, the UI in Debian's Chromium). The system packages the suites need are installed
// here on Debian as root; elsewhere the missing ones are named and the run fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const fontFamilies = () => {
  try {
    return execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  } catch {
    return '';
  }
};

/** Debian package → how to tell it is there. */
const NEEDS = [
  ['libreoffice-writer-nogui', () => has('soffice')],
  ['poppler-utils', () => has('pdftoppm') && has('pdftotext')],
  ['chromium', () => existsSync('/usr/bin/chromium')],
  ['fonts-noto-cjk', () => /Noto Sans CJK SC/.test(fontFamilies())],
  ['fonts-lxgw-wenkai', () => /LXGW WenKai/i.test(fontFamilies())],
  // Metric twin of Times New Roman, the documents' Latin face: keeps digit widths as in Word.
  ['fonts-liberation', () => /Liberation Serif/.test(fontFamilies())],
  // LibreOffice's UNO bridge for the system Python: tests/helpers/lo-refresh.py refreshes the TOC.
  [
    'python3-uno',
    () => spawnSync('/usr/bin/python3', ['-c', 'import uno'], { stdio: 'ignore' }).status === 0,
  ],
];

function missingPackages() {
  return NEEDS.filter(([, ok]) => !ok()).map(([name]) => name);
}

/** Every way out of this script ends with the summary line. */
function finish(passed, failed, skipped) {
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(failed > 0 ? 1 : 0);
}

let missing = missingPackages();
if (missing.length > 0) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && has('apt-get')) {
    console.log(`正在安装测试所需的系统软件包：${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
        stdio: 'inherit',
        env,
      });
    } catch {
      console.error('✗ apt-get 未能安装这些软件包');
    }
    missing = missingPackages();
  }
  if (missing.length > 0) {
    console.error(`测试需要这些系统软件包，但没有找到：${missing.join(' ')}`);
    console.error(`在 Debian/Ubuntu 上请以 root 运行：apt-get install ${missing.join(' ')}`);
    finish(0, 1, 0);
  }
}

function step(name, cmd, args) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✗ ${name} 未通过${r.error ? `：${r.error.message}` : ''}`);
    finish(0, 1, 0);
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
// Always build: the CLI, browser and packaging suites test the built app, which must match src/.
step('构建', 'npm', ['run', 'build']);
step('格式检查（prettier）', npx, ['prettier', '--check', '.']);
step('代码检查（eslint，含依赖规则）', npx, ['eslint', '--max-warnings=0', '.']);
step('类型检查（tsc）', npx, ['tsc', '-p', 'tsconfig.node.json', '--noEmit']);
step('类型检查（界面）', npx, ['tsc', '-p', 'tsconfig.web.json', '--noEmit']);

const report = join(mkdtempSync(join(tmpdir(), 'brief-test-')), 'vitest.json');
console.log('\n▶ 测试套件（单元、集成、文档渲染、浏览器界面）');
const run = spawnSync(
  npx,
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  {
    stdio: 'inherit',
  },
);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numFailedTestSuites ?? 0);
  skipped = r.numPendingTests + (r.numTodoTests ?? 0);
} catch {
  console.error('✗ 没有得到 vitest 的结果报告');
}
if (run.status !== 0 && failed === 0) {
  // No failed test, yet vitest failed: an unhandled error, a crash, or no report at all.
  console.error(`✗ vitest 以状态 ${run.status ?? run.signal} 退出`);
  failed = 1;
}
finish(passed, failed, skipped);
