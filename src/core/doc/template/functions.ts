/**
 * The functions of the template language: their parameters, for checks at parse time (unknown
 * function, wrong number of arguments, unknown named argument) and for the documentation.
 */

/** What a parameter takes; `indicator` and `region` arguments are checked against the database. */
export type ParamType = 'indicator' | 'region' | 'period' | 'value' | 'text' | 'number' | 'list' | 'any';

export interface Param {
  name: string;
  type: ParamType;
  optional?: boolean;
}

export interface FunctionSpec {
  params: Param[];
  /** Any number of further arguments of the last parameter's type (sum, indicators, regions). */
  variadic?: boolean;
  /** Named arguments and their types. */
  named: Record<string, ParamType>;
  /** One line of documentation (Chinese, as users read it). */
  doc: string;
}

const BINDING = { period: 'period', region: 'region', status: 'text' } as const;
const SINGLE: Param[] = [
  { name: '指标', type: 'indicator' },
  { name: '时期', type: 'period', optional: true },
  { name: '地区', type: 'region', optional: true },
];
const AS = { as: 'text', decimals: 'number' } as const;

export const FUNCTIONS: Record<string, FunctionSpec> = {
  v: {
    params: SINGLE,
    named: { ...BINDING, decimals: 'number', scale: 'text', unit: 'text', or: 'text' },
    doc: '数值和单位，带约数词：1594.98亿元、突破920家、95%以上',
  },
  n: { params: SINGLE, named: { ...BINDING, decimals: 'number', or: 'text' }, doc: '只有数字：1594.98' },
  growth: {
    params: SINGLE,
    named: { ...BINDING, ...AS, from: 'period', verb: 'text', down: 'text', than: 'text', or: 'text' },
    doc: '增速，按正负写作 增长8.1%/下降3.2%/持平；非比率指标或给出 from= 时由两期数值计算',
  },
  points: {
    params: SINGLE,
    named: { ...BINDING, ...AS, verb: 'text', down: 'text', than: 'text', or: 'text' },
    doc: '百分点差值：提高4.22个百分点',
  },
  rank: {
    params: SINGLE,
    named: {
      ...BINDING,
      as: 'text',
      among: 'list',
      order: 'text',
      scope: 'text',
      style: 'text',
      before: 'text',
      suffix: 'text',
      or: 'text',
    },
    doc: '名次：第9位；among=[…] 在一组地区中按数值排名（order=asc 由小到大）；scope=全省 写作 居全省第9位；before="" suffix="" 写作 全省第5',
  },
  ratio: { params: SINGLE, named: { ...BINDING, or: 'text' }, doc: '结构比：12.5:44.2:43.3' },
  cagr: {
    params: [
      { name: '指标', type: 'indicator' },
      { name: '起始时期', type: 'period' },
      { name: '末期', type: 'period' },
      { name: '地区', type: 'region', optional: true },
    ],
    named: { status: 'text', ...AS, verb: 'text' },
    doc: '年均增长（由两期数值计算）：年均{cagr(社会消费品零售总额, 2020, year)} → 年均增长10.3%',
  },
  change: {
    params: [
      { name: '指标', type: 'indicator' },
      { name: '起始时期', type: 'period' },
      { name: '末期', type: 'period' },
      { name: '地区', type: 'region', optional: true },
    ],
    named: { status: 'text', decimals: 'number', up: 'text', down: 'text', to: 'text' },
    doc: '从600亿元提高至980亿元',
  },
  share: {
    params: [
      { name: '部分', type: 'value' },
      { name: '总数', type: 'value' },
    ],
    named: { ...BINDING, ...AS, of: 'text' },
    doc: '占比（由两个数值计算）：占比40.1%；of=全省 写作 占全省的4.1%',
  },
  diff: {
    params: [
      { name: '甲', type: 'value' },
      { name: '乙', type: 'value' },
    ],
    named: { ...BINDING, ...AS, verb: 'text', down: 'text', than: 'text', thanWord: 'text' },
    doc: '两个比率之差，单位个百分点：提高1.77个百分点；than=全省水平 写作 比全省水平高6.6个百分点',
  },
  compare: {
    params: [
      { name: '差值或甲', type: 'value' },
      { name: '乙', type: 'value', optional: true },
    ],
    named: { ...BINDING, decimals: 'number', than: 'text', up: 'text', down: 'text', thanWord: 'text' },
    doc: '与比较对象相比：compare(差值, than=全省平均水平) → 比全省平均水平低0.99亿元；两个参数时取其差，比率之差用个百分点',
  },
  sum: {
    params: [{ name: '数值', type: 'value' }],
    variadic: true,
    named: { ...BINDING, decimals: 'number', regions: 'list', years: 'list' },
    doc: '合计：sum(甲, 乙, …)，或 sum(指标, regions=[…]) / sum(指标, years=years(2016..2020))',
  },
  multiple: {
    params: [
      { name: '数值', type: 'value' },
      { name: '基数或基期', type: 'any' },
    ],
    named: { ...BINDING, ...AS, base: 'text' },
    doc: '倍数：multiple(高新技术企业总数, 2020) → 是2020年的3.4倍',
  },
  updown: {
    params: [
      { name: '数值', type: 'value' },
      { name: '为正时', type: 'text' },
      { name: '为负时', type: 'text' },
      { name: '为零时', type: 'text', optional: true },
    ],
    named: { ...BINDING, at: 'number' },
    doc: '按正负（或与 at= 阈值比较）选词：updown(v(地区生产总值增速), 加快, 放缓)；为零时默认“持平”',
  },
  each: {
    params: [
      { name: '列表', type: 'list' },
      { name: '文字', type: 'text' },
    ],
    named: { sep: 'text' },
    doc: '文中的循环：each([黄冈市, 荆州市], "{it}（{v(规上工业企业数, region=it)}）") → 黄冈市（1365家）、荆州市（1181家）',
  },
  br: { params: [], named: {}, doc: '换行（标题的第二行）：chapter: 加快打造…增长极{br}奋力谱写…篇章' },
  cn: { params: [{ name: '整数', type: 'number' }], named: {}, doc: '汉字数字：cn(year-2013) → 七' },
  has: { params: SINGLE, named: { ...BINDING }, doc: '数据库中有这个数值时为 1，否则为 0（用于 if）' },
  attr: {
    params: SINGLE,
    named: { ...BINDING, or: 'text' },
    doc: '规划指标的属性：预期性/约束性（默认取 status=目标 的数值）',
  },
  set: {
    params: [
      { name: '键', type: 'text' },
      { name: '默认值', type: 'text', optional: true },
    ],
    named: {},
    doc: '命令行 --set 键=值 给出的文字',
  },
  b: { params: [{ name: '文字', type: 'text' }], named: {}, doc: '加粗的文字' },
  sub: { params: [{ name: '文字', type: 'text' }], named: {}, doc: '下标：PM{sub(2.5)}' },
  cndate: {
    params: [
      { name: '年', type: 'number' },
      { name: '月', type: 'number' },
      { name: '日', type: 'number', optional: true },
    ],
    named: {},
    doc: '封面日期：cndate(2026, 5) → 二〇二六年五月',
  },
  date: {
    params: [
      { name: '年', type: 'number' },
      { name: '月', type: 'number' },
      { name: '日', type: 'number', optional: true },
    ],
    named: {},
    doc: '成文日期：date(2026, 5, 8) → 2026年5月8日',
  },
  plan: {
    params: [{ name: '年份', type: 'number' }],
    named: { quoted: 'text' },
    doc: '年份所在的五年规划：plan(2026) → “十五五”',
  },
  planno: {
    params: [{ name: '年份', type: 'number' }],
    named: {},
    doc: '五年规划的序数：planno(2026) → 十五',
  },
  regions: {
    params: [{ name: '上级地区', type: 'region' }],
    named: {},
    doc: '下级地区的列表：regions(咸宁市) → 咸安区、嘉鱼县…（用于 for）',
  },
  years: {
    params: [
      { name: '起止', type: 'any' },
      { name: '止', type: 'number', optional: true },
    ],
    named: {},
    doc: '年份的列表：years(2016..year) 或 years(2016, 2020)（用于 for）',
  },
  indicators: {
    params: [{ name: '指标', type: 'indicator' }],
    variadic: true,
    named: {},
    doc: '指标的列表：indicators(地区生产总值, 粮食产量)（用于 for）',
  },
};

/** Variables every template has: the briefing's year and its default region. */
export const BUILTIN_VARIABLES = ['year', 'region'] as const;

export function arityText(name: string, spec: FunctionSpec): string {
  const parts = spec.params.map((p) => (p.optional ? `[${p.name}]` : p.name));
  if (spec.variadic) parts.push('…');
  return `${name}(${parts.join(', ')})`;
}
