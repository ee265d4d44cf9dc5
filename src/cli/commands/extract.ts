/**
 * `brief extract FILE.txt [--json]` (DESIGN §3): candidate figures found in a report's text.
 *
 * The file is decoded as UTF-8 (with or without BOM), UTF-16LE (with BOM) or GBK/GB18030; `start`/`end`
 * are JavaScript string offsets (UTF-16 code units) into the decoded text, BOM removed, so
 * `text === decoded.slice(start, end)`. Names are mapped to the database's indicator catalogue; the
 * database is only read.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Catalogue } from '../../core/data/catalogue';
import { decodeText } from '../../core/data/import/csv';
import { extractFigures, homeRegionOf, type FigureCandidate } from '../../core/extract';
import { openDb, parse, UsageError, type Io } from '../args';

const MAX_BYTES = 50 * 1024 * 1024;

function readText(path: string, io: Io): string | null {
  try {
    const st = statSync(path);
    if (!st.isFile()) {
      io.err(`不是文件：${path}`);
      return null;
    }
    if (st.size > MAX_BYTES) {
      io.err(`文件太大（超过 50 MB）：${path}`);
      return null;
    }
    return decodeText(readFileSync(path)).text;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.err(code === 'ENOENT' ? `找不到文件：${path}` : `无法读取文件 ${path}：${(err as Error).message}`);
    return null;
  }
}

/** 1-based line of each offset, for people reading the plain output. */
function lineOf(text: string, offsets: number[]): Map<number, number> {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  let line = 1;
  let i = 0;
  for (const o of sorted) {
    for (; i < o && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
    out.set(o, line);
  }
  return out;
}

function formatValue(c: FigureCandidate): string {
  const range = c.valueTo !== null ? `—${c.valueTo}` : '';
  const q = c.qualifier ?? '';
  // 余/多 go after the scale: 1.2万余元, 2亿多元.
  if (/^(余|多)$/.test(q))
    return c.unit.replace(/^(万亿|千万|百万|万|亿)?/, (m) => `${c.value}${range}${m}${q}`);
  if (/^(左右|以上|以下|以内|上下)$/.test(q)) return `${c.value}${range}${c.unit}${q}`;
  return `${q}${c.value}${range}${c.unit}`;
}

export async function cmdExtract(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  if (positionals.length !== 1)
    throw new UsageError('extract 需要一个文本文件，如：brief extract 报告.txt [--json]');
  const path = resolve(positionals[0]);
  const text = readText(path, io);
  if (text === null) return 1;
  const { db } = await openDb(values.db, io);
  let candidates: FigureCandidate[];
  try {
    const catalogue = new Catalogue(db);
    const regions = catalogue.regions();
    candidates = extractFigures(text, {
      indicators: catalogue.indicators(),
      regions,
      homeRegion: homeRegionOf(regions),
    });
  } finally {
    db.close();
  }
  if (values.json) {
    io.out(JSON.stringify({ candidates }));
    return 0;
  }
  const lines = lineOf(
    text,
    candidates.map((c) => c.start),
  );
  io.out(['行', '指标', '匹配', '地区', '时间', '数值', '关系', '置信度', '原文'].join('\t'));
  for (const c of candidates)
    io.out(
      [
        lines.get(c.start),
        c.indicator,
        c.indicatorMatch === 'catalogue' ? `目录 ${c.indicatorCode}` : '新',
        c.region ?? '-',
        c.period ?? '-',
        formatValue(c),
        c.relation ?? '-',
        c.confidence.toFixed(2),
        c.text.replace(/\s+/g, ''),
      ].join('\t'),
    );
  const matched = candidates.filter((c) => c.indicatorMatch === 'catalogue').length;
  io.err(
    `共找到 ${candidates.length} 个数字，其中 ${matched} 个对应指标目录中的指标（--json 输出全部字段）。`,
  );
  return 0;
}
