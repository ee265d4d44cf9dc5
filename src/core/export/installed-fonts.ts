/**
 * Which of the faces an exported document names are installed here, so the UI can warn before export
 * that Word/WPS on this machine would substitute them. fontconfig (fc-list) where it exists; on
 * Windows and macOS the usual font folders, by the file names these faces ship as.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** File names (lower case) the common Chinese office faces are installed as. */
const FILES: Record<string, string[]> = {
  宋体: ['simsun.ttc', 'simsun.ttf'],
  黑体: ['simhei.ttf'],
  仿宋: ['simfang.ttf'],
  楷体: ['simkai.ttf'],
  仿宋_GB2312: ['fs_gb2312.ttf', 'fsgb2312.ttf', '仿宋_gb2312.ttf', 'simfang_gb2312.ttf'],
  楷体_GB2312: ['kt_gb2312.ttf', 'ktgb2312.ttf', '楷体_gb2312.ttf', 'simkai_gb2312.ttf'],
  方正小标宋简体: ['fzxbsjw.ttf', 'fzxiaobiaosong-b05s.ttf', '方正小标宋简体.ttf'],
  'Times New Roman': ['times.ttf', 'timesnewroman.ttf', 'times new roman.ttf'],
};

let cache: { families: Set<string> | null; files: Set<string> | null } | null = null;

function fontconfigFamilies(): Set<string> | null {
  try {
    const out = execFileSync('fc-list', [':', 'family'], {
      encoding: 'utf8',
      timeout: 5000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const set = new Set<string>();
    for (const line of out.split('\n'))
      for (const name of line.split(',')) if (name.trim()) set.add(name.trim());
    return set;
  } catch {
    return null;
  }
}

function fontFiles(): Set<string> | null {
  const dirs =
    process.platform === 'win32'
      ? [
          join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts'),
          join(process.env.LOCALAPPDATA ?? '', 'Microsoft', 'Windows', 'Fonts'),
        ]
      : process.platform === 'darwin'
        ? ['/Library/Fonts', '/System/Library/Fonts', join(homedir(), 'Library', 'Fonts')]
        : [];
  const found = dirs.filter((d) => d && existsSync(d));
  if (found.length === 0) return null;
  const set = new Set<string>();
  for (const d of found) {
    try {
      for (const f of readdirSync(d)) set.add(f.toLowerCase());
    } catch {
      // an unreadable folder just tells us nothing
    }
  }
  return set;
}

/** `missing` is meaningful only when `checked`; the list keeps the order of `faces`. */
export function missingFonts(faces: readonly string[]): { checked: boolean; missing: string[] } {
  cache ??= { families: fontconfigFamilies(), files: null };
  if (cache.families) return { checked: true, missing: faces.filter((f) => !cache!.families!.has(f)) };
  cache.files ??= fontFiles();
  if (!cache.files) return { checked: false, missing: [] };
  const files = cache.files;
  return {
    checked: true,
    missing: faces.filter((f) => !(FILES[f] ?? [`${f.toLowerCase()}.ttf`]).some((name) => files.has(name))),
  };
}
