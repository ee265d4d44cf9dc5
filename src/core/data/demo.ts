/**
 * The demo database: every figure stated in seeds 000, 002 and 004 (resources/demo/indicators-from-seeds.tsv),
 * loaded with its provenance. The TSV's indicator names carry notes that are not part of a name —
 * "(专栏1)", "目标", "(比较)", "(累计)" — and are normalised here: a plan target is an observation
 * with status 目标, not an indicator of its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/connection';
import { resourcesDir } from '../resources';
import { Catalogue, type IndicatorKind } from './catalogue';
import { ObservationStore, type Status } from './observations';
import { parsePeriod } from './periods';
import { loadDemoRelations } from './relations';

/** Source titles of the seed reports (a source is named for people, the file kept beside it). */
const SEED_SOURCES: Record<string, string> = {
  '000': '咸宁日报·关于我市工业转型发展的思考（2020）',
  '002': '咸宁日报·政府工作报告解读（2021）',
  '004': '咸宁市国民经济和社会发展第十五个五年规划纲要（2026）',
};

/** Region hierarchy: 湖北省 › 咸宁市 › its counties and districts, with peer cities for comparisons. */
export const DEMO_REGIONS: { code: string; name: string; parent: string | null; level: string }[] = [
  { code: '420000', name: '湖北省', parent: null, level: 'province' },
  { code: '421200', name: '咸宁市', parent: '湖北省', level: 'city' },
  { code: '421202', name: '咸安区', parent: '咸宁市', level: 'district' },
  { code: '421221', name: '嘉鱼县', parent: '咸宁市', level: 'county' },
  { code: '421281', name: '赤壁市', parent: '咸宁市', level: 'county' },
  { code: '421222', name: '通城县', parent: '咸宁市', level: 'county' },
  { code: '421223', name: '崇阳县', parent: '咸宁市', level: 'county' },
  { code: '421224', name: '通山县', parent: '咸宁市', level: 'county' },
  { code: '421271', name: '咸宁高新区', parent: '咸宁市', level: 'zone' },
  { code: '420100', name: '武汉市', parent: '湖北省', level: 'city' },
  { code: '421100', name: '黄冈市', parent: '湖北省', level: 'city' },
  { code: '421000', name: '荆州市', parent: '湖北省', level: 'city' },
  { code: '420900', name: '孝感市', parent: '湖北省', level: 'city' },
  { code: '420800', name: '荆门市', parent: '湖北省', level: 'city' },
  { code: '430600', name: '岳阳市', parent: null, level: 'city' },
  { code: '360400', name: '九江市', parent: null, level: 'city' },
];

/** Names in the TSV that are the same indicator as another (after the notes are removed). */
const SAME_AS: Record<string, string> = {
  '地区生产总值(GDP)': '地区生产总值',
  经济总量: '地区生产总值',
  GDP增速: '地区生产总值增速',
  GDP年均增速: '地区生产总值年均增速',
  '地区生产总值(“十三五”期末)': '地区生产总值',
  '地区生产总值(“十四五”期末)': '地区生产总值',
  规上企业数: '规上工业企业数',
  规上工业企业总数: '规上工业企业数',
  高新技术企业: '高新技术企业总数',
  '三次产业结构(“十二五”期末)': '三次产业结构比',
  '三次产业结构(“十三五”期末)': '三次产业结构比',
  全社会研发经费投入年均增速: '全社会研发经费投入增速',
  '城镇新增就业(累计)': '城镇新增就业',
  '城镇新增就业(五年)': '城镇新增就业',
  '3岁以下婴幼儿入托率累计提高': '3岁以下婴幼儿入托率提高',
  'PM2.5浓度': '细颗粒物(PM2.5)浓度',
};

/** Codes and aliases users will type for the headline indicators. */
const CODES: Record<string, { code: string; aliases: string[] }> = {
  地区生产总值: { code: 'GDP', aliases: ['GDP', '地区生产总值(GDP)', '经济总量'] },
  地区生产总值增速: { code: 'GDP_G', aliases: ['GDP增速', '地区生产总值增长'] },
  地区生产总值年均增速: { code: 'GDP_CAGR', aliases: ['GDP年均增速'] },
  第一产业增加值: { code: 'VA1', aliases: [] },
  第二产业增加值: { code: 'VA2', aliases: [] },
  第三产业增加值: { code: 'VA3', aliases: [] },
  三次产业结构比: { code: 'IND_STRUCT', aliases: ['三次产业结构'] },
  规上工业企业数: { code: 'FIRMS', aliases: ['规上企业数', '规上工业企业总数'] },
  全口径税收收入: { code: 'TAX', aliases: ['税收收入'] },
  粮食产量: { code: 'GRAIN', aliases: [] },
  常住人口城镇化率: { code: 'URBAN', aliases: ['城镇化率'] },
  森林覆盖率: { code: 'FOREST', aliases: [] },
  人均预期寿命: { code: 'LIFE', aliases: [] },
  高新技术企业总数: { code: 'HITECH', aliases: ['高新技术企业'] },
};

/** 专栏1 attributes (style-spec §A.5): 约束性 rows; every other 专栏1 target is 预期性. */
const BINDING_TARGETS = new Set([
  '劳动年龄人口平均受教育年限',
  '单位GDP二氧化碳排放降低',
  '非化石能源占能源消费总量比重',
  '细颗粒物(PM2.5)浓度',
  '优良水体比例',
  '森林覆盖率',
  '粮食综合生产能力',
  '能源综合生产能力',
]);

export interface DemoRow {
  id: number;
  seed: string;
  indicator: string;
  region: string;
  year: string;
  value: string;
  unit: string;
  qualifier: string;
  kind: string;
  sourceSnippet: string;
}

export interface NormalisedName {
  name: string;
  status: Status;
  inBox1: boolean;
  note: string | null;
}

/** Splits the notes off a TSV indicator name. */
export function normaliseDemoName(raw: string, kind: string, qualifier = ''): NormalisedName {
  let name = raw.trim();
  let note: string | null = null;
  const inBox1 = name.includes('(专栏1)');
  name = name.replace('(专栏1)', '').replace('(比较)', '');
  const noteMatch = name.match(/\((累计|每年|五年|上半年)\)$/);
  if (noteMatch) {
    note = noteMatch[1];
    if (noteMatch[1] !== '累计' && noteMatch[1] !== '五年') name = name.replace(noteMatch[0], '');
  }
  let status: Status = kind === '预计' || qualifier === '预计' ? '预计' : '';
  if (name.endsWith('目标') && (kind === '目标' || inBox1)) {
    name = name.slice(0, -2);
    status = '目标';
  }
  if (kind === '目标') status = '目标';
  name = name.replace(/控制$/, '');
  name = SAME_AS[name] ?? name;
  return { name, status, inBox1, note };
}

export function parseDemoTsv(text: string): DemoRow[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const [header, ...rows] = lines;
  if (!header.startsWith('id\tseed\tindicator'))
    throw new Error('演示数据文件格式不对：缺少表头 id/seed/indicator');
  return rows.map((line) => {
    const c = line.split('\t');
    return {
      id: Number(c[0]),
      seed: c[1],
      indicator: c[2],
      region: c[3],
      year: c[4],
      value: c[5],
      unit: c[6],
      qualifier: c[7] ?? '',
      kind: c[8] ?? '',
      sourceSnippet: c[9] ?? '',
    };
  });
}

function inferKind(name: string, unit: string, tsvKind: string): IndicatorKind {
  if (unit === '比值' || tsvKind === '结构') return 'structure';
  if (unit === '位' || tsvKind === '排名') return 'rank';
  if (unit === '个百分点') return 'difference';
  if (unit === '%') return /增速|增长|涨幅|降幅|提高|提升|降低/.test(name) ? 'rate' : 'share';
  if (/^(家|个|人|名|户|所|座|艘|套|件|口|项)$/.test(unit)) return 'count';
  return 'level';
}

function decimalsOf(value: string): number {
  const m = value.match(/\.(\d+)$/);
  return m ? m[1].length : 0;
}

/**
 * Rows of seed 004's 专栏1 that indicators-from-seeds.tsv lacks (text targets such as 完成省下达目标,
 * the 全省第5 rank): resources/demo/plan-indicators.tsv, same columns. Empty when the file is absent.
 */
export function planIndicatorsTsv(resources?: string): string {
  const file = join(resourcesDir(resources), 'demo', 'plan-indicators.tsv');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/**
 * Loads the demo rows (and the plan supplement) into an empty catalogue; returns the number of
 * observations added. A value that is not a number ("完成省下达目标") is stored as text.
 */
export function loadDemo(db: Db, tsvText: string, supplement = planIndicatorsTsv()): number {
  const catalogue = new Catalogue(db);
  const store = new ObservationStore(db);
  const rows = [...parseDemoTsv(tsvText), ...(supplement.trim() ? parseDemoTsv(supplement) : [])];
  let added = 0;
  db.transaction(() => {
    for (const r of DEMO_REGIONS) {
      if (catalogue.findRegion(r.name)) continue;
      const parent = r.parent ? catalogue.findRegion(r.parent) : null;
      catalogue.addRegion({ code: r.code, name: r.name, parentId: parent?.id ?? null, level: r.level });
    }
    for (const row of rows) {
      const n = normaliseDemoName(row.indicator, row.kind, row.qualifier);
      const structure = row.unit === '比值';
      const asText = structure || !/^-?\d+(\.\d+)?$/.test(row.value);
      const unit = row.unit === '万' ? '万人' : row.unit;
      let indicator = catalogue.findIndicator(n.name);
      if (!indicator) {
        const known = CODES[n.name];
        indicator = catalogue.addIndicator({
          code: known?.code ?? catalogue.nextIndicatorCode(),
          name: n.name,
          unit,
          category: null,
          definition: null,
          decimals: structure ? 1 : asText ? null : decimalsOf(row.value),
          kind: inferKind(n.name, unit, row.kind),
          formula: null,
          aliases: known?.aliases ?? [],
        });
      }
      // A real synonym (规上企业数, 经济总量) becomes an alias; a name that only carried notes does not.
      const bare = row.indicator.replace(/\([^)]*\)/g, '').replace(/目标$/, '');
      if (bare !== n.name && bare === row.indicator) catalogue.addAlias(indicator.id, bare);
      const region = catalogue.region(row.region);
      const seed = row.seed.slice(0, 3);
      const qualifier =
        row.qualifier && !/^(比上年|同比|年均|按不变价|第|仅|仅为|全部|预计)$/.test(row.qualifier)
          ? row.qualifier
          : null;
      const outcome = store.upsert({
        indicatorId: indicator.id,
        regionId: region.id,
        period: parsePeriod(row.year),
        status: n.status,
        value: asText ? null : Number(row.value),
        textValue: asText ? row.value : null,
        unit,
        qualifier,
        attribute:
          n.inBox1 && n.status === '目标' ? (BINDING_TARGETS.has(n.name) ? '约束性' : '预期性') : null,
        source: SEED_SOURCES[seed] ?? row.seed,
        sourceFile: row.seed,
        sourceText: row.sourceSnippet,
        note: n.note,
      });
      if (outcome === 'added') added++;
    }
    // The relations the seeds' figures imply (resources/demo/relations.tsv), for `brief check`.
    loadDemoRelations(db);
  })();
  return added;
}
