// The template parser against hostile and broken input (issue 9), property-based: 10,000 generated
// template files, from nearly right to garbage. Only TemplateError (with a line and column inside the
// file) may come out, each file is parsed in bounded time, and whatever parses serializes to a file
// that parses to the same thing again.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../src/core/doc/template/errors';
import { BLOCK_KEYWORDS, HEADER_KEYS, parseTemplate } from '../../src/core/doc/template/parse';
import { serializeTemplate } from '../../src/core/doc/template/serialize';
import { trickyString } from './arbitraries';

const RUNS = 10_000;

const word = fc.constantFrom(
  '地区生产总值',
  '地区生产总值增速',
  '"地区生产总值(GDP)"',
  '「规上工业增加值」',
  'GDP',
  'year',
  'year+1',
  'year-1',
  'c',
  'r',
  '2016..year',
  '[咸宁市, 黄冈市]',
  '咸宁市',
  'status=目标',
  'decimals=1',
  '8',
  '-1.5',
  '1e309',
  '"',
  '「',
  '」',
);

const token = fc.oneof(
  word,
  fc.constantFrom('v', 'n', 'growth', 'points', 'rank', 'ratio', 'set', 'year', 'nosuch'),
  fc.constantFrom(
    '(',
    ')',
    ',',
    '=',
    '[',
    ']',
    '..',
    '+',
    '-',
    '{',
    '}',
    '{{',
    '}}',
    '|',
    '\\|',
    ' ',
    '>=',
    '==',
  ),
  trickyString(6),
);

const expr = fc.array(token, { maxLength: 8 }).map((t) => `{${t.join('')}}`);
const call = fc
  .tuple(fc.constantFrom('v', 'n', 'growth', 'points', 'rank', 'ratio'), fc.array(word, { maxLength: 3 }))
  .map(([f, args]) => `{${f}(${args.join(', ')})}`);

const text = fc
  .array(fc.oneof(trickyString(10), expr, call, fc.constantFrom('全市', '比上年', '，', '。', '|')), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''));

const line = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...BLOCK_KEYWORDS), text).map(([k, t]) => `${k}: ${t}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...HEADER_KEYS), text).map(([k, t]) => `@${k} ${t}`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'for c in [咸宁市, 黄冈市]',
      'for y in 2016..year',
      'for',
      'if v(地区生产总值增速) >= 8',
      'if',
      'elif v(地区生产总值增速) < 0',
      'else',
      'end',
      'end end',
      'let plan = year+1..year+5',
      'let = ',
      'box: 专栏',
      'table: 主要指标',
      'head: 指标|2019|2020',
      'row: {v(地区生产总值)}|{n(地区生产总值, year-1)}',
      '// 注释',
      '',
      '   ',
    ),
  },
  { weight: 1, arbitrary: trickyString(30) },
  { weight: 1, arbitrary: text },
);

const garbage = fc
  .tuple(fc.array(line, { maxLength: 14 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, eol, bom]) => (bom ? '\uFEFF' : '') + lines.join(eol));

/** Well-formed templates (header, blocks, loops, conditions, tables), then perhaps one character changed. */
const goodText = fc
  .array(
    fc.oneof(
      fc.constantFrom('全市', '比上年', '，', '。', '咸宁', '{{字面}}'),
      fc.constantFrom(
        '{v(地区生产总值)}',
        '{growth(地区生产总值增速)}',
        '{n(地区生产总值, year-1)}',
        '{v("地区生产总值(GDP)", status=目标, decimals=1)}',
        '{rank(地区生产总值)}',
        '{year+1}',
        '{set(作者)}',
      ),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((p) => p.join(''));
const goodBlock = fc.oneof(
  goodText.map((t) => `p: ${t}`),
  goodText.map((t) => `bullet: ${t}`),
  goodText.map((t) => `h1: ${t}`),
  goodText.map((t) => `lead: 一是。|${t}`),
  goodText.map((t) => `for c in [咸宁市, 黄冈市]\np: {c}${t}\nend`),
  goodText.map((t) => `if v(地区生产总值增速) >= 8\np: ${t}\nelse\np: 其他\nend`),
  goodText.map((t) => `box: 专栏\np: ${t}\nend`),
  fc.constant('table: 主要指标\nhead: 指标|2019\nrow: 地区生产总值|{v(地区生产总值)}\nend'),
  fc.constant('// 注释'),
  fc.constant(''),
);
const wellFormed = fc
  .tuple(fc.array(goodBlock, { minLength: 1, maxLength: 8 }), fc.option(fc.tuple(fc.nat(), trickyString(2))))
  .map(([blocks, change]) => {
    const src = ['@name 测试', '@period 2020', '@region 咸宁市', ...blocks].join('\n');
    if (!change) return src;
    const at = change[0] % (src.length + 1);
    return src.slice(0, at) + change[1] + src.slice(at + (change[1].length ? 0 : 1));
  });

const template = fc.oneof(garbage, wellFormed);

describe('template parser, fuzzed', () => {
  it(`${RUNS} generated templates: a parse or a TemplateError inside the file, in bounded time`, () => {
    let parsed = 0;
    let slowest = 0;
    const started = performance.now();
    fc.assert(
      fc.property(template, (src) => {
        const t = performance.now();
        let result: ReturnType<typeof parseTemplate> | null = null;
        try {
          result = parseTemplate(src, '模板.tpl');
        } catch (err) {
          if (!(err instanceof TemplateError)) throw err;
          const lines = src.split(/\r?\n/).length;
          expect(err.line).toBeGreaterThanOrEqual(1);
          expect(err.line).toBeLessThanOrEqual(lines + 1);
          expect(err.column).toBeGreaterThanOrEqual(1);
          expect(err.message).toMatch(/^模板\.tpl：第\d+行第\d+列：/);
          expect(err.message.length).toBeLessThan(2000);
        }
        if (result) {
          parsed++;
          // What parses, serializes to a file that parses to the same thing.
          const once = serializeTemplate(result);
          expect(serializeTemplate(parseTemplate(once))).toBe(once);
        }
        const ms = performance.now() - t;
        slowest = Math.max(slowest, ms);
        expect(ms).toBeLessThan(1_000);
      }),
      { numRuns: RUNS },
    );
    console.info(
      `template fuzz: ${RUNS} files in ${Math.round(performance.now() - started)} ms, slowest ${slowest.toFixed(1)} ms, ${parsed} parsed`,
    );
    expect(parsed).toBeGreaterThan(2_000);
  }, 300_000);

  it('enormous input: a 5 MB line, 200,000 lines, 10,000 nested blocks — an answer within seconds', () => {
    const cases = [
      `p: ${'咸宁'.repeat(2_500_000)}`,
      `p: {${'('.repeat(100_000)}`,
      `p: ${'{v(地区生产总值)}'.repeat(50_000)}`,
      Array.from({ length: 200_000 }, (_, i) => `p: 第${i}段`).join('\n'),
      'box: x\n'.repeat(10_000) + 'end\n'.repeat(10_000),
      'if v(a) >= 1\n'.repeat(10_000),
      `p: {"${'"'.repeat(100_000)}}`,
    ];
    for (const src of cases) {
      const t = performance.now();
      try {
        parseTemplate(src);
      } catch (err) {
        if (!(err instanceof TemplateError)) throw err;
        expect(err.message.length).toBeLessThan(2000);
      }
      expect(performance.now() - t, src.slice(0, 40)).toBeLessThan(5_000);
    }
  }, 120_000);
});
