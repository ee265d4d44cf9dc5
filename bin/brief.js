#!/usr/bin/env node
// The `brief` command. The TypeScript sources are built into out/cli by `npm install` (prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../out/cli/brief.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('brief 尚未构建：请在项目目录运行 npm install（或 npm run build）。\n');
  process.exit(2);
}
const { main } = await import(pathToFileURL(built).href);
await main();
