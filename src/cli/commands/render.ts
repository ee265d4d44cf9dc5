import { resolve } from 'node:path';
import { renderBriefing } from '../../core/briefing';
import { writeFileAtomic } from '../../core/export/atomic';
import { figureCacheDir } from '../../core/paths';
import { openDb, parse, UsageError, type Io } from '../args';

export function parseSets(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set 应写作 键=值：「${item}」`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** One line telling which of the document's fonts this machine lacks, and what to do about it. */
export function fontHint(missing: readonly string[], profile: 'standard' | 'fallback'): string | null {
  if (missing.length === 0) return null;
  const lacks = `本机未安装字体：${missing.join('、')}，Word/WPS 打开时会用其他字体代替`;
  return profile === 'standard' && missing.some((f) => /_GB2312$|方正小标宋/.test(f))
    ? `${lacks}；可加 --font-profile fallback 改用 仿宋、楷体、宋体。`
    : `${lacks}。`;
}

export async function cmdRender(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string', short: 'o' },
    year: { type: 'string' },
    set: { type: 'string', multiple: true },
    charts: { type: 'string' },
    'font-profile': { type: 'string' },
  });
  if (positionals.length !== 1)
    throw new UsageError(
      'render 需要一个模板名称或模板文件，如：brief render 政府工作报告解读 --out 解读.docx',
    );
  if (!values.out) throw new UsageError('render 需要 --out 文件.docx');
  if (!values.out.toLowerCase().endsWith('.docx'))
    throw new UsageError(`--out 应是 .docx 文件：${values.out}`);
  const charts = values.charts ?? 'image';
  if (charts !== 'image' && charts !== 'native')
    throw new UsageError(`--charts 只能是 image 或 native：${charts}`);
  const profile = values['font-profile'] ?? 'standard';
  if (profile !== 'standard' && profile !== 'fallback')
    throw new UsageError(`--font-profile 只能是 standard 或 fallback`);
  let year: number | undefined;
  if (values.year !== undefined) {
    year = Number(values.year);
    if (!/^\d{4}$/.test(values.year)) throw new UsageError(`--year 应是四位年份：${values.year}`);
  }
  const { db } = await openDb(values.db, io);
  try {
    const started = Date.now();
    const result = await renderBriefing(db, positionals[0], {
      year,
      set: parseSets(values.set),
      charts,
      fontProfile: profile,
      figureCacheDir: figureCacheDir(),
    });
    writeFileAtomic(resolve(values.out), result.docx);
    io.err(
      `已导出：${resolve(values.out)}（数据绑定数值 ${result.values} 个，用时 ${Date.now() - started} 毫秒；所需字体：${result.fonts.join('、')}）`,
    );
    for (const m of result.missing) io.err(`缺少数值：${m.text} ${m.reason}`);
    const hint = fontHint(result.missingFonts, profile);
    if (hint) io.err(hint);
    return 0;
  } finally {
    db.close();
  }
}
