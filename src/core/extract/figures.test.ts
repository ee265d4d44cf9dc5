// How figures are read out of text: relations, qualifiers, ranges, ranks, messy input, periods, names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalogue } from '../data/catalogue';
import type { Db } from '../db/connection';
import { openStore } from '../db/store';
import { extractFigures, homeRegionOf, normalise, type ExtractOptions, type FigureCandidate } from '.';

let db: Db;
let options: ExtractOptions;
beforeAll(() => {
  db = openStore(':memory:').db;
  const catalogue = new Catalogue(db);
  const regions = catalogue.regions();
  options = { indicators: catalogue.indicators(), regions, homeRegion: homeRegionOf(regions) };
});
afterAll(() => db.close());

const run = (text: string, opts: ExtractOptions = options) => {
  const out = extractFigures(text, opts);
  for (const c of out) expect(text.slice(c.start, c.end)).toBe(c.text);
  return out;
};
const brief = (c: FigureCandidate) => [c.indicator, c.period, c.value, c.unit, c.relation];

describe('relations', () => {
  it('比上年增长 after a level inherits the level’s indicator and maps both to the catalogue', () => {
    const c = run(
      '2019年，咸宁市实现GDP1594.98亿元，比上年增长8.1%。其中，第一产业增加值200亿元，增长3.3%。',
    );
    expect(c.map(brief)).toEqual([
      ['地区生产总值', '2019', 1594.98, '亿元', null],
      ['地区生产总值增速', '2019', 8.1, '%', '比上年增长'],
      ['第一产业增加值', '2019', 200, '亿元', null],
      ['第一产业增加值增速', '2019', 3.3, '%', '增长'],
    ]);
    expect(c.map((x) => x.indicatorCode)).toEqual(['GDP', 'GDP_G', 'VA1', 'I0001']);
    expect(c[1]).toMatchObject({ text: '比上年增长8.1%', region: '咸宁市', indicatorMatch: 'catalogue' });
  });

  it('同比下降 keeps the number as written with the relation; 收窄…个百分点 is a change of a rate', () => {
    const c = run('全市进出口总额同比下降17.5%，降幅收窄3.2个百分点。');
    expect(c[0]).toMatchObject({ value: 17.5, unit: '%', relation: '同比下降', indicator: '进出口总额增速' });
    expect(c[1]).toMatchObject({ value: 3.2, unit: '个百分点', relation: '收窄' });
  });

  it('年均增长, 较…提升…个百分点, 从…提高至…', () => {
    const c = run(
      '社会消费品零售总额从 600 亿元提高至 980 亿元，年均增长 10.2%。常住人口城镇化率达 60.96%，较 2020 年提升 4.22 个百分点。',
    );
    expect(c.map((x) => [x.value, x.unit, x.relation])).toEqual([
      [600, '亿元', '从'],
      [980, '亿元', '提高至'],
      [10.2, '%', '年均增长'],
      [60.96, '%', null],
      [4.22, '个百分点', '较2020年提升'],
    ]);
    expect(c[2].indicator).toBe('社会消费品零售总额年均增速');
    expect(c[4].indicator).toBe('常住人口城镇化率');
  });

  it('占比 and 居第N位 name the share and the rank of the figure before them', () => {
    const c = run('2019 年，规模以上工业实现营业收入1862.28 亿元，占全省的4.1%，占比居全省第9位。');
    expect(c.map((x) => [x.indicator, x.value, x.unit, x.relation, x.indicatorCode])).toEqual([
      ['规上工业营业收入', 1862.28, '亿元', null, 'I0015'],
      ['规上工业营业收入占全省比重', 4.1, '%', '占比', 'I0016'],
      ['规上工业营业收入占比全省排位', 9, '位', '居第N位', 'I0017'],
    ]);
    expect(c[1].text).toBe('占全省的4.1%');
  });

  it('ranks in Chinese numerals; ordinals that are not ranks are not figures', () => {
    const c = run(
      '咸宁城市信用评价位列全国第十三位,全省第一位。在第六届旅游节期间，选派第一书记，全省第一家服务中心。',
    );
    expect(c.map((x) => [x.value, x.unit, x.indicator])).toEqual([
      [13, '位', '城市信用评价全国排位'],
      [1, '位', '城市信用评价全省排位'],
    ]);
  });

  it('multiples and structure ratios', () => {
    const c = run('高新技术企业突破 920 家，是 2020 年的 3.3 倍。三次产业结构比为12.5:44.2:43.3。');
    expect(c.map((x) => [x.value, x.unit, x.qualifier, x.relation])).toEqual([
      [920, '家', '突破', null],
      [3.3, '倍', null, '倍'],
      ['12.5:44.2:43.3', '比值', null, null],
    ]);
    expect(c[2].indicatorCode).toBe('IND_STRUCT');
  });
});

describe('qualifiers, ranges and scales', () => {
  it('余/多 between number and unit, 左右/以上/以内 after it, 突破/超/近 before it', () => {
    const c = run(
      '复工企业吸纳贫困户就业3万余人，发放劳务费120余万元，带动1500多户贫困户，粮食年产量稳定在 24 亿斤左右，能源装机容量超 800 万千瓦，城镇登记失业率控制在4.5%以内，目前已集中流转土地近万亩。',
    );
    expect(c.map((x) => [x.value, x.unit, x.qualifier])).toEqual([
      [3, '万人', '余'],
      [120, '万元', '余'],
      [1500, '户', '多'],
      [24, '亿斤', '左右'],
      [800, '万千瓦', '超'],
      [4.5, '%', '以内'],
      [1, '万亩', '近'],
    ]);
  });

  it('ranges keep both ends', () => {
    const c = run('重点建设 1—2 所省级高水平高职学校，引进博士 10—30 人，占比30%—40%。');
    expect(c.map((x) => [x.value, x.valueTo, x.unit])).toEqual([
      [1, 2, '所'],
      [10, 30, '人'],
      [30, 40, '%'],
    ]);
  });

  it('large Chinese numerals with a unit are figures; small counts in Chinese numerals are not', () => {
    const c = run('培训两千余人，总结推广了五种产业扶贫模式，落实六个管理办法，十个蔬菜品种获认证。');
    expect(c.map((x) => [x.value, x.unit, x.qualifier])).toEqual([[2000, '人', '余']]);
  });
});

describe('what is not a figure', () => {
  it('dates, years, months, ranges of months', () => {
    expect(run('2019年3月，4-6月，1—8月份，10月17日，（2011—2020年），2020，鄂南')).toEqual([]);
  });

  it('codes in quotes, numbers in names and titles, alphanumerics', () => {
    expect(run('认真组织实施“1331”帮扶工程。即1名市领导带领3个市直部门连续3年帮扶片区1个贫困村。')).toEqual(
      [],
    );
    expect(
      run(
        '落实《湖北省2013年扶贫开发纲要(2011—2020年)》精神，建设5G网络、PM2.5监测、G107国道，“12345”热线。',
      ),
    ).toEqual([]);
  });

  it('thresholds, per-unit rules and requirement parameters', () => {
    const c = run(
      '总投资41.2亿元,10亿元以上项目2个;完成20户以上通组公路建设306.5公里。每月至少召开1次会议，按照产业发展5件、公共服务2件的标准制定。',
    );
    expect(c.map((x) => [x.value, x.unit])).toEqual([
      [41.2, '亿元'],
      [2, '个'],
      [306.5, '公里'],
    ]);
    expect(c[1].indicator).toBe('10亿元以上项目');
  });

  it('counts of categories', () => {
    expect(run('全市共发现3个方面8类2715个问题。').map((x) => [x.indicator, x.value])).toEqual([
      ['问题', 2715],
    ]);
  });
});

describe('messy text', () => {
  it('hard-wrapped newspaper columns: numbers and words split across lines', () => {
    const text = [
      '（一）工业增加值占比高，工业化仅过半',
      '程。2019年，咸宁市实现GDP1594.98亿',
      '元，比上年增长8.1%。其中，第一产业增加',
      '值200亿元，增长3.3%；第二产业增加值',
      '704.9 亿元，增长 8.9%；第三产业增加值',
      '690.08亿元，增长8.8%,三次产业结构比为',
      '12.5:44.2:43.3。可以看出,工业在我市经',
      '济发展中具有举足轻重的作用，还处于工业',
      '化中期的初始阶段。',
    ].join('\n');
    const c = run(text);
    expect(c.map((x) => [x.indicator, x.value, x.unit])).toEqual([
      ['地区生产总值', 1594.98, '亿元'],
      ['地区生产总值增速', 8.1, '%'],
      ['第一产业增加值', 200, '亿元'],
      ['第一产业增加值增速', 3.3, '%'],
      ['第二产业增加值', 704.9, '亿元'],
      ['第二产业增加值增速', 8.9, '%'],
      ['第三产业增加值', 690.08, '亿元'],
      ['第三产业增加值增速', 8.8, '%'],
      ['三次产业结构比', '12.5:44.2:43.3', '比值'],
    ]);
    expect(c[0].text).toBe('GDP1594.98亿\n元');
    expect(c[2].text).toBe('第一产业增加\n值200亿元');
  });

  it('a page break in the middle of a word ("突\\n\\n破")', () => {
    // A long paragraph (seed 004's 专栏5) that stops mid-sentence, then a blank line: one paragraph.
    const c = run(
      '茶叶产业：发展有机茶、高山茶，推进茶旅融合。到 2030 年，茶园面积稳定在 55 万亩，茶叶总产量达 13 万吨，全产业链综合产值突\n\n破 300 亿元。\n',
    );
    expect(c.map((x) => [x.value, x.unit, x.qualifier, x.period])).toEqual([
      [55, '万亩', null, '2030'],
      [13, '万吨', null, '2030'],
      [300, '亿元', '突破', '2030'],
    ]);
    expect(c[2].text).toBe('全产业链综合产值突\n\n破 300 亿元');
  });

  it('traditional characters are read as simplified, offsets stay on the original', () => {
    const text = '2019年，咸寧市實現地區生產總值1594.98億元，比上年增長8.1%。';
    const c = run(text);
    expect(c.map((x) => [x.indicator, x.value, x.unit, x.relation])).toEqual([
      ['地区生产总值', 1594.98, '亿元', null],
      ['地区生产总值增速', 8.1, '%', '比上年增长'],
    ]);
    expect(c[0].text).toBe('地區生產總值1594.98億元');
  });

  it('half-width punctuation, full-width digits, Markdown remnants, spaces around numbers', () => {
    const c = run(
      '## 一、概况\n\n●银行金融机构各项贷款同比增长16.4%,普惠型小微企业贷款利率较年初下降1.34个百分点;\n——**高质量发展迈上新台阶。**经济总量冲刺 ３０００ 亿元，',
    );
    expect(c.map((x) => [x.value, x.unit, x.relation, x.qualifier])).toEqual([
      [16.4, '%', '同比增长', null],
      [1.34, '个百分点', '较年初下降', null],
      [3000, '亿元', null, '冲刺'],
    ]);
    expect(c[2]).toMatchObject({ indicator: '地区生产总值', text: '经济总量冲刺 ３０００ 亿元' });
  });

  it('offsets are UTF-16 code units of the input, also after characters outside the BMP', () => {
    const text = '𠀀𠀀报告：全市粮食产量116.8万吨。';
    const [c] = run(text);
    // 𠀀 is two UTF-16 code units: 粮 is at code unit 9 (code point 7).
    expect(c).toMatchObject({ value: 116.8, text: '粮食产量116.8万吨', start: 9 });
  });

  it('normalise maps every character back to the input, in order', () => {
    const text = '一、 概况\r\n**咸寧** 增長 8.1% ,占比\t40%\n\n\n下一段';
    const n = normalise(text);
    expect(n.toInput).toHaveLength(n.text.length + 1);
    for (let i = 1; i < n.toInput.length; i++) expect(n.toInput[i]).toBeGreaterThan(n.toInput[i - 1]);
    expect(n.text).toContain('咸宁');
    expect(n.text).toContain('咸宁 增长8.1%，占比\t40%\n下一段');
  });
});

describe('periods and regions', () => {
  it('a year that opens a sentence holds for the paragraph, until another time is stated', () => {
    const c = run(
      '2013年,全市共有187家企业参与活动。累计投入资金4313万元。崇阳县加快发展楠竹产业,截止到2014年全县共有楠竹面积33.8万亩。通山县推进了20万亩油茶基地建设。\n新的一段有300个项目。',
      { ...options, year: 2015 },
    );
    expect(c.map((x) => [x.value, x.period])).toEqual([
      [187, '2013'],
      [4313, '2013'],
      [33.8, '2014'],
      [20, '2015'],
      [300, '2015'],
    ]);
  });

  it('base years (较2020年, 是2020年的) are not the period; 到2030年 is; a target without a year has none', () => {
    const c = run(
      '常住人口城镇化率达 60.96%，较 2020 年提升 4.22 个百分点。到2030年，茶园面积稳定在55万亩。通城县按照300亿元的产值目标推进。',
      { ...options, year: 2025 },
    );
    expect(c.map((x) => [x.value, x.period])).toEqual([
      [60.96, '2025'],
      [4.22, '2025'],
      [55, '2030'],
      [300, null],
    ]);
  });

  it('the document year is the latest year the text reports on; a plan section gives 年均 its range', () => {
    const text =
      '“十三五”时期,咸宁干得怎么样?\n\n●全市地区生产总值突破1500亿元,年均增长7.5%。\n\n2021年,咸宁怎么干?\n\n●粮食产量117万吨。';
    const c = run(text);
    expect(c.map((x) => [x.value, x.period])).toEqual([
      [1500, '2020'],
      [7.5, '2016—2020'],
      [117, '2021'],
    ]);
  });

  it('regions: counties named as the subject, 全市 as the home city, not places inside names', () => {
    const c = run('通城县湖北领康中药材有限公司现已有中药材种植基地6000亩。全市投放产业发展基金1.62亿元。');
    expect(c.map((x) => [x.region, x.value])).toEqual([
      ['通城县', 6000],
      ['咸宁市', 1.62],
    ]);
    expect(c[0].indicator).toBe('中药材种植基地');
  });
});

describe('names', () => {
  it('the counted noun after a count, the amount’s noun after a verb of giving', () => {
    const c = run(
      '252个村19012名贫困户受益。在市本级预算中每年安排1000万元扶贫开发专项资金。通城县整合资金2500万元设立3000个“四员”（生态护林员、农村保洁员）扶贫岗位。',
    );
    expect(c.map((x) => x.indicator)).toEqual([
      '村',
      '贫困户',
      '安排扶贫开发专项资金',
      '整合资金',
      '设立“四员”扶贫岗位',
    ]);
  });

  it('a name cut short is never mapped to the catalogue indicator its remains spell', () => {
    const [c] = run('目前全市建有市级以上科技创新平台的规上企业仅 196 家。');
    expect(c).toMatchObject({ value: 196, indicatorMatch: 'new', indicatorCode: null });
  });

  it('without a catalogue every figure is a proposed new indicator', () => {
    const c = run('粮食产量116.8万吨，比上年增长2.1%。', {});
    expect(c.map((x) => [x.indicator, x.indicatorMatch])).toEqual([
      ['粮食产量', 'new'],
      ['粮食产量增速', 'new'],
    ]);
  });

  it('confidence is higher for figures that map to the catalogue and state their year', () => {
    const [a] = run('2019年，粮食产量116.8万吨。');
    const [b] = run('产出农民实现1.2万吨。');
    expect(a.confidence).toBeGreaterThan(b.confidence);
    for (const c of [a, b]) {
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
    }
  });
});
