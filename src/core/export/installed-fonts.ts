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

/** The other names a face is installed under (fontconfig and the Windows registry may use either). */
const ALIASES: Record<string, string[]> = {
  宋体: ['SimSun'],
  黑体: ['SimHei'],
  仿宋: ['FangSong'],
  楷体: ['KaiTi'],
  仿宋_GB2312: ['FangSong_GB2312'],
  楷体_GB2312: ['KaiTi_GB2312'],
  方正小标宋简体: ['FZXiaoBiaoSong-B05S'],
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

/**
 * Font families the Windows registry lists (HKLM and the per-user HKCU), from value names such as
 * "仿宋_GB2312 (TrueType)" or "SimSun & NSimSun (TrueType)".
 */
function registryFamilies(): Set<string> | null {
  if (process.platform !== 'win32') return null;
  const set = new Set<string>();
  let read = false;
  for (const hive of ['HKLM', 'HKCU']) {
    try {
      // chcp 65001: reg writes the value names (仿宋_GB2312 …) in UTF-8, not the OEM code page.
      const key = `${hive}\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Fonts`;
      const out = execFileSync('cmd', ['/d', '/s', '/c', `chcp 65001 >nul && reg query "${key}"`], {
        encoding: 'utf8',
        timeout: 5000,
        windowsHide: true,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      read = true;
      for (const line of out.split(/\r?\n/)) {
        const m = line.match(/^\s+(.+?)\s+REG_\w+\s/);
        if (!m) continue;
        const names = m[1]!.replace(/\s*\((TrueType|OpenType|All res)\)\s*$/i, '');
        for (const n of names.split('&')) if (n.trim()) set.add(n.trim());
      }
    } catch {
      // no such key (HKCU on older Windows), or reg is unavailable
    }
  }
  return read ? set : null;
}

/**
 * The font families installed on this machine: fontconfig's (Linux, and macOS where it is installed),
 * else the Windows registry's; null when neither can be read. Cached for the process.
 */
export function installedFonts(): ReadonlySet<string> | null {
  cache ??= { families: fontconfigFamilies() ?? registryFamilies(), files: null };
  return cache.families;
}

/** Whether a face is among the installed families, under its own name or an alias. */
function hasFamily(families: ReadonlySet<string>, face: string): boolean {
  return [face, ...(ALIASES[face] ?? [])].some((n) => families.has(n));
}

/**
 * Which of `faces` are not installed: not among the installed families (under any of their names) nor,
 * on Windows and macOS, in the font folders under the file names they ship as. `missing` is meaningful
 * only when `checked`; the list keeps the order of `faces`.
 */
export function missingFonts(faces: readonly string[]): { checked: boolean; missing: string[] } {
  const families = installedFonts();
  cache!.files ??= fontFiles();
  const files = cache!.files;
  if (!families && !files) return { checked: false, missing: [] };
  const hasFile = (f: string): boolean =>
    files !== null && (FILES[f] ?? [`${f.toLowerCase()}.ttf`]).some((name) => files.has(name));
  return {
    checked: true,
    missing: faces.filter((f) => !(families && hasFamily(families, f)) && !hasFile(f)),
  };
}
