import { describe, expect, it } from 'vitest';
import { closestName, NotFoundError } from '../../data/catalogue';
import { collectMissing, collectValues, type Block, type Inline, type TableBlock } from '../model';
import { TemplateError } from './errors';
import { evaluateTemplate, type DataSource, type Datum } from './evaluate';
import { parseTemplate } from './parse';

/** A small in-memory database: indicator → region → period[·status] → value. */
const DATA: Record<string, { unit: string; values: Record<string, Record<string, number | string>> }> = {
  地区生产总值: {
    unit: '亿元',
    values: { 咸宁市: { 2015: 1030, 2019: 1594.98, 2020: 1524.67 }, 黄冈市: { 2019: 2322.73 } },
  },
  地区生产总值增速: { unit: '%', values: { 咸宁市: { 2019: 8.1, 2020: -4.9, '2021·目标': 10.5 } } },
  社会消费品零售总额: { unit: '亿元', values: { 咸宁市: { 2020: 600, 2025: 980 } } },
  常住人口城镇化率: { unit: '%', values: { 咸宁市: { 2020: 56.74, 2025: 60.96 }, 湖北省: { 2025: 65.47 } } },
  规上工业企业数: {
    unit: '家',
    values: { 咸宁市: { 2019: 976 }, 黄冈市: { 2019: 1365 }, 荆州市: { 2019: 1181 }, 孝感市: { 2019: 976 } },
  },
  全口径税收收入: { unit: '亿元', values: { 咸宁市: { 2019: 122.64 } } },
  工业企业税收: { unit: '亿元', values: { 咸宁市: { 2019: 49.18 } } },
  高新技术企业总数: { unit: '家', values: { 咸宁市: { 2020: 270, 2025: 920 } } },
  粮食产量: { unit: '万吨', values: { 咸安区: { 2019: 20 }, 嘉鱼县: { 2019: 30.5 } } },
  单位GDP二氧化碳排放降低: { unit: '%', values: { 咸宁市: { '2030·目标': '完成省下达目标' } } },
  营收差距: { unit: '亿元', values: { 咸宁市: { 2019: -0.99 } } },
};
const QUALIFIERS: Record<string, string> = { '地区生产总值增速|咸宁市|2021|目标': '以上' };
const REGIONS: Record<string, string[]> = {
  湖北省: ['咸宁市', '黄冈市', '荆州市', '孝感市'],
  咸宁市: ['咸安区', '嘉鱼县'],
};

const data: DataSource = {
  indicatorName(q) {
    if (DATA[q]) return q;
    const s = closestName(q, Object.keys(DATA));
    throw new NotFoundError(`未找到指标「${q}」` + (s ? `，是否指「${s}」？` : ''), s);
  },
  regionName(q) {
    const all = ['湖北省', ...REGIONS.湖北省, ...REGIONS.咸宁市];
    const hit = all.find((r) => r === q || r.replace(/[市县区省]$/, '') === q);
    if (hit) return hit;
    const s = closestName(q, all);
    throw new NotFoundError(`未找到地区「${q}」` + (s ? `，是否指「${s}」？` : '。'), s);
  },
  regionsUnder: (parent) => REGIONS[parent] ?? [],
  lookup(indicator, region, period, status): Datum | null {
    const v = DATA[indicator]?.values[region]?.[status ? `${period}·${status}` : period];
    if (v === undefined) return null;
    const unit = DATA[indicator].unit;
    return {
      value: typeof v === 'number' ? v : null,
      text: typeof v === 'string' ? v : null,
      unit,
      qualifier: QUALIFIERS[`${indicator}|${region}|${period}|${status}`] ?? null,
      decimals: null,
      attribute: status === '目标' ? '约束性' : null,
      provenance: {
        indicatorCode: indicator,
        indicator,
        region,
        period,
        value: typeof v === 'number' ? v : null,
        unit,
        status: status || null,
        source: '测试',
        revision: 0,
      },
    };
  },
};

const HEAD = '@name 测试\n@period 2019\n@region 咸宁市\n';

function render(body: string, options: { year?: number; set?: Record<string, string> } = {}) {
  return evaluateTemplate(parseTemplate(HEAD + body, 't.tpl'), data, { file: 't.tpl', ...options });
}

function text(runs: Inline[] | undefined): string {
  return (runs ?? []).map((r) => r.text).join('');
}

/** Each paragraph's text, in order. */
function paragraphs(blocks: Block[]): string[] {
  return blocks.flatMap((b) =>
    b.type === 'paragraph' ? [text(b.runs)] : b.type === 'box' ? paragraphs(b.blocks) : [],
  );
}

function one(body: string, options?: { year?: number; set?: Record<string, string> }): string {
  return paragraphs(render(body, options).blocks).join('\n');
}

function errorOf(body: string): TemplateError {
  try {
    render(body);
  } catch (err) {
    if (err instanceof TemplateError) return err;
    throw err;
  }
  throw new Error('expected a TemplateError');
}

describe('evaluateTemplate: values and wording', () => {
  it('binds to indicator, period and region, with the default period from the template or --year', () => {
    expect(one('p: {year}年，GDP{v(地区生产总值)}，比上年{growth(地区生产总值增速)}。')).toBe(
      '2019年，GDP1594.98亿元，比上年增长8.1%。',
    );
    expect(one('p: {year}年{growth(地区生产总值增速)}', { year: 2020 })).toBe('2020年下降4.9%');
    expect(one('p: {v(地区生产总值, region=黄冈市)}、{v(地区生产总值, 2019, 黄冈)}')).toBe(
      '2322.73亿元、2322.73亿元',
    );
    expect(one('p: 预期{growth(地区生产总值增速, year+2, status=目标)}')).toBe('预期增长10.5%以上');
  });

  it('computes growth, average annual growth, change, share, difference in 百分点 and multiples', () => {
    expect(one('p: {growth(地区生产总值, year+1)}')).toBe('下降4.4%');
    expect(one('p: {growth(地区生产总值, from=2015, decimals=2)}')).toBe('增长54.85%');
    expect(
      one('p: 社零{change(社会消费品零售总额, 2020, 2025)}，年均{cagr(社会消费品零售总额, 2020, 2025)}'),
    ).toBe('社零从600亿元提高至980亿元，年均增长10.3%');
    expect(one('p: {cagr(社会消费品零售总额, 2020, 2025, as=percent, decimals=2)}')).toBe('10.31%');
    expect(
      one(
        'p: 工业税收{share(工业企业税收, 全口径税收收入)}，{share(工业企业税收, 全口径税收收入, of=全口径税收)}',
      ),
    ).toBe('工业税收占比40.1%，占全口径税收的40.1%');
    expect(one('p: 较2020年{diff(v(常住人口城镇化率, 2025), v(常住人口城镇化率, 2020), verb=提升)}')).toBe(
      '较2020年提升4.22个百分点',
    );
    expect(
      one('p: {diff(常住人口城镇化率, v(常住人口城镇化率, 2025, 湖北省), period=2025, than=全省)}'),
    ).toBe('比全省低4.51个百分点');
    expect(
      one('p: 高新技术企业{v(高新技术企业总数, 2025)}，{multiple(高新技术企业总数, 2020, period=2025)}'),
    ).toBe('高新技术企业920家，是2020年的3.4倍');
    expect(one('p: {compare(营收差距, than=全省平均水平)}')).toBe('比全省平均水平低0.99亿元');
  });

  it('ranks a region among others and sums over regions, years or indicators', () => {
    expect(one('p: {rank(规上工业企业数, among=[黄冈市, 荆州市, 孝感市], scope=四市中)}')).toBe(
      '居四市中第3位',
    );
    expect(one('p: {rank(规上工业企业数, among=regions(湖北省), order=asc, as=number)}')).toBe('1');
    expect(one('p: {sum(粮食产量, regions=regions(咸宁市))}')).toBe('50.5万吨');
    expect(one('p: {sum(地区生产总值, years=[2019, 2020])}')).toBe('3119.65亿元');
    expect(one('p: {sum(工业企业税收, 全口径税收收入)}')).toBe('171.82亿元');
  });

  it('chooses wording by sign or threshold, in text and by block', () => {
    expect(one('p: 增速{updown(地区生产总值增速, 加快, 放缓)}', { year: 2020 })).toBe('增速放缓');
    expect(one('p: {updown(地区生产总值增速, 较快, 较慢, 持平, at=8.1)}')).toBe('持平');
    const body = [
      'if v(地区生产总值增速) >= 8',
      '  p: 高速增长',
      'elif v(地区生产总值增速) > 0',
      '  p: 平稳增长',
      'else',
      '  p: 负增长',
      'end',
    ].join('\n');
    expect(one(body)).toBe('高速增长');
    expect(one(body, { year: 2020 })).toBe('负增长');
    expect(
      one('if set(体例, 报道) == 简报\n  p: 简报\nelse\n  p: 报道\nend', { set: { 体例: '简报' } }),
    ).toBe('简报');
  });

  it('repeats blocks and text over regions, years and indicators', () => {
    expect(one('for r in regions(咸宁市)\n  bullet: {r}粮食产量{v(粮食产量, region=r)}\nend')).toBe(
      '咸安区粮食产量20万吨\n嘉鱼县粮食产量30.5万吨',
    );
    expect(one('for y in years(2019..year+1)\n  p: {y}年{v(地区生产总值, y)}\nend')).toBe(
      '2019年1594.98亿元\n2020年1524.67亿元',
    );
    expect(one('for i in indicators(全口径税收收入, 工业企业税收)\n  p: {i}{v(i)}\nend')).toBe(
      '全口径税收收入122.64亿元\n工业企业税收49.18亿元',
    );
    expect(one('p: 省内{each([黄冈市, 荆州市], "{it}（{v(规上工业企业数, region=it)}）")}等')).toBe(
      '省内黄冈市（1365家）、荆州市（1181家）等',
    );
    expect(one('let peers = [咸宁市, 黄冈市]\np: {each(peers, "{it}", sep=和)}')).toBe('咸宁市和黄冈市');
  });

  it('builds tables with header rows, data-bound rows from loops, merged cells and notes', () => {
    const doc = render(
      [
        'table: {year}年比较',
        '  widths: 30, 60, 66',
        '  style: three-line',
        '  head: [rowspan=2] 城市 | [colspan=2] 规上工业企业数',
        '  head: 家 | 位次',
        '  for c in [咸宁市, 黄冈市, 荆州市]',
        '    row: [align=left] {c} | {n(规上工业企业数, region=c)} | {rank(规上工业企业数, region=c, among=[咸宁市, 黄冈市, 荆州市], as=number)}',
        '  end',
        '  note: 注：①带*的为{year-1}年数据。',
        'end',
      ].join('\n'),
    );
    const t = doc.blocks[0] as TableBlock;
    expect(t).toMatchObject({
      type: 'table',
      title: '2019年比较',
      widthsMm: [30, 60, 66],
      rules: 'three-line',
    });
    expect(t.header[0].map((c) => [text(c.runs), c.rowSpan, c.colSpan])).toEqual([
      ['城市', 2, undefined],
      ['规上工业企业数', undefined, 2],
    ]);
    expect(t.rows.map((r) => r.map((c) => text(c.runs)))).toEqual([
      ['咸宁市', '976', '3'],
      ['黄冈市', '1365', '1'],
      ['荆州市', '1181', '2'],
    ]);
    expect(t.rows[0][0].align).toBe('left');
    expect(text(t.notes)).toBe('注：①带*的为2018年数据。');
    // every number in the table keeps where it came from
    expect(
      collectValues(doc.blocks).filter((p) => p.indicator === '规上工业企业数').length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('prints text values, subscripts, bold runs, Chinese numerals and cover dates', () => {
    const doc = render(
      [
        'cover: 咸宁市国民经济和社会发展的 / 第{planno(year+7)}个五年规划纲要 | 咸宁市人民政府 | {cndate(year+7, 5)}',
        'p: PM{sub(2.5)}；{v(单位GDP二氧化碳排放降低, 2030, status=目标)}（{attr(单位GDP二氧化碳排放降低, 2030)}）；{b(一是)}；第{cn(year-2013)}个；{plan(2026)}',
      ].join('\n'),
    );
    expect(doc.blocks[0]).toEqual({
      type: 'cover',
      titleLines: ['咸宁市国民经济和社会发展的', '第十五个五年规划纲要'],
      issuer: '咸宁市人民政府',
      date: '二〇二六年五月',
    });
    const runs = (doc.blocks[1] as { runs: Inline[] }).runs;
    expect(text(runs)).toBe('PM2.5；完成省下达目标（约束性）；一是；第六个；“十五五”');
    expect(runs.find((r) => r.text === '2.5')).toMatchObject({ type: 'text', subscript: true });
    expect(runs.find((r) => r.text === '一是')).toMatchObject({ type: 'text', bold: true });
  });
});

describe('evaluateTemplate: what the database lacks', () => {
  it('prints a visible marker for a missing value and lists it, never "" or "undefined"', () => {
    const doc = render(
      'h1: {year}年GDP{v(地区生产总值, 2010)}\np: 粮食{v(粮食产量)}，增速{growth(地区生产总值, 2016)}',
    );
    const all = JSON.stringify(doc.blocks);
    expect(all).not.toContain('undefined');
    expect(doc.blocks[0]).toMatchObject({
      type: 'heading',
      text: '2019年GDP【缺数：地区生产总值·咸宁市·2010】',
    });
    expect(collectMissing(doc.blocks).map((m) => m.text)).toEqual([
      '【缺数：地区生产总值·咸宁市·2010】',
      '【缺数：粮食产量·咸宁市·2019】',
      '【缺数：地区生产总值·咸宁市·2016】',
    ]);
  });

  it('prints or= instead where the template says a value does not apply', () => {
    expect(one('p: {n(粮食产量, or=—)}')).toBe('—');
  });

  it('shows a condition it cannot decide as a marker, not as a silent choice', () => {
    const doc = render('if v(粮食产量) > 0\n  p: 有\nelse\n  p: 无\nend');
    expect(paragraphs(doc.blocks)).toEqual(['【缺数：粮食产量·咸宁市·2019】']);
  });
});

describe('evaluateTemplate: errors a user can fix', () => {
  it('names line, column and the indicator it meant', () => {
    const e = errorOf('\np: 全市实现地区生产总值{v(地区生产总直)}。');
    expect(e.message).toBe('t.tpl：第5行第17列：未找到指标「地区生产总直」，是否指「地区生产总值」？');
  });

  it('finds a misspelt name even in a branch that is not taken', () => {
    const e = errorOf('if year > 3000\n  p: {v(地区生产总直)}\nend');
    expect([e.line, e.reason]).toEqual([5, '未找到指标「地区生产总直」，是否指「地区生产总值」？']);
  });

  it('names an unknown region and a bad period', () => {
    expect(errorOf('p: {v(地区生产总值, region=黄岗市)}').reason).toBe(
      '未找到地区「黄岗市」，是否指「黄冈市」？',
    );
    expect(errorOf('p: {v(地区生产总值, 19年)}').reason).toContain('不是可识别的时间');
    expect(errorOf('p: {rank(规上工业企业数, among=[黄冈市, 荆洲市])}').reason).toContain('是否指「荆州市」');
  });

  it('reports wording problems at the expression', () => {
    const e = errorOf('p: {growth(地区生产总值增速, verb=飞涨)}');
    expect(e.line).toBe(4);
    expect(e.column).toBe(5);
  });
});
