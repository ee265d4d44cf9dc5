/** Generators shared by the fuzz suites: cells and tables as people (and attackers) write them. */
import fc from 'fast-check';

/** Characters that break parsers: quotes, separators, line ends, BOM, NUL, formula starts, CJK, emoji. */
export const TRICKY_CHARS = [
  'a',
  'Z',
  '0',
  '1',
  '9',
  '.',
  ',',
  ';',
  '\t',
  '"',
  "'",
  '\n',
  '\r',
  ' ',
  '\u3000',
  '\uFEFF',
  '\u0000',
  '=',
  '+',
  '-',
  '@',
  '|',
  '!',
  '%',
  '：',
  '—',
  '（',
  '）',
  '指',
  '标',
  '地',
  '区',
  '亿',
  '元',
  '年',
  '月',
  '增',
  '长',
  '十',
  '五',
  '😀',
  '\uD800',
  '〇',
  '１',
  '．',
];

export const trickyString = (maxLength = 16) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...TRICKY_CHARS), maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength }) },
  );

export const HEADERS = [
  '指标',
  '地区',
  '时间',
  '数值',
  '单位',
  '状态',
  '属性',
  '来源',
  '备注',
  '限定词',
  'indicator',
  'region',
  'period',
  'value',
  'unit',
  '指标名称',
  '2019',
  '2020年上半年',
  '2020Q1',
  '十四五',
  '2026—2030',
  '',
  '指标',
];

export const PERIODS = [
  '2019',
  '2020年上半年',
  '2020年一季度',
  '2020Q1',
  '2020年3月',
  '2020-03',
  '2026—2030',
  '十五五',
  '1900',
  '2019年度',
  '20190',
  '',
  '２０１９',
  "'2019",
];

/** Values people type into a 数值 column, and ones that attack a spreadsheet. */
export const VALUES = [
  '1594.98',
  '1,594.98',
  '12,3.4',
  '8.1%',
  '-17.5',
  '−17.5',
  '0',
  '-0',
  '1e308',
  '1e309',
  '-1e-320',
  'NaN',
  'Infinity',
  '12.5:44.2:43.3',
  '完成省下达目标',
  '38.3万人',
  '=1+1',
  "=cmd|' /C calc'!A0",
  '+1',
  '-1',
  '@SUM(A1:A2)',
  '\t=1',
  '\r=1',
  "'=1",
  '',
  '   ',
  '—',
];

export const cell = fc.oneof(
  { weight: 3, arbitrary: trickyString() },
  { weight: 2, arbitrary: fc.constantFrom(...HEADERS) },
  { weight: 2, arbitrary: fc.constantFrom(...PERIODS) },
  { weight: 3, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 1, arbitrary: fc.double().map(String) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('地区生产总值', '咸宁市', '亿元', '%', '万人', '目标', '预计', '约束性'),
  },
);

/** A plausible header (so that rows get validated, not only the header) or a random one. */
export const header: fc.Arbitrary<string[]> = fc.oneof(
  fc.constant(['指标', '地区', '时间', '数值', '单位']).map((h) => [...h]),
  fc.constant(['指标', '地区', '单位', '2019', '2020', '十四五']).map((h) => [...h]),
  fc.shuffledSubarray(['指标', '地区', '时间', '数值', '单位', '状态', '属性', '来源', '备注', '限定词'], {
    minLength: 1,
  }),
  fc.array(cell, { maxLength: 8 }),
);

export const table = fc
  .tuple(header, fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 12 }))
  .map(([h, rows]) => [h, ...rows]);

/** Mostly-valid long-layout tables (so that the import's later checks and writes run), sometimes with one cell spoiled. */
export const plausibleTable = fc
  .tuple(
    fc.shuffledSubarray(['状态', '属性', '来源', '备注', '限定词'], { maxLength: 3 }),
    fc.array(
      fc.record({
        pair: fc.constantFrom(
          ['地区生产总值', '亿元'],
          ['全口径税收收入', '万元'],
          ['粮食产量', '万吨'],
          ['常住人口城镇化率', '%'],
          ['新指标甲', '万人'],
          ['新指标乙', '个'],
        ),
        region: fc.constantFrom('咸宁市', '咸安区', '嘉鱼县', '新县', '通山县'),
        period: fc.constantFrom(
          '2018',
          '2019',
          '2020',
          '2020年上半年',
          '2020年一季度',
          '2021年3月',
          '2026—2030',
          '十五五',
        ),
        value: fc.oneof(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => String(Math.round(v * 100) / 100)),
          fc.constantFrom('1,594.98', '0', '-17.5'),
        ),
        extra: fc.constantFrom('', '目标', '预计', '约束性', '预期性', '咸宁日报', '超过', "'=1"),
      }),
      { minLength: 1, maxLength: 15 },
    ),
    fc.option(fc.tuple(fc.nat(), fc.nat(), cell), { freq: 3 }),
  )
  .map(([extras, rows, spoil]) => {
    const head = ['指标', '地区', '时间', '数值', '单位', ...extras];
    const body = rows.map((r) => [
      r.pair[0],
      r.region,
      r.period,
      r.pair[1] === '%' && r.value.length % 2 ? `${r.value}%` : r.value,
      r.pair[1],
      ...extras.map((e) =>
        e === '状态'
          ? ['目标', '预计'].includes(r.extra)
            ? r.extra
            : ''
          : e === '属性'
            ? r.extra.endsWith('性')
              ? r.extra
              : ''
            : r.extra,
      ),
    ]);
    if (spoil) {
      const [ri, ci, c] = spoil;
      const row = body[ri % body.length];
      row[ci % row.length] = c;
    }
    return [head, ...body];
  });
