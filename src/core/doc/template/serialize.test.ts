import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resourcesDir } from '../../resources';
import { TemplateError } from './errors';
import { parseTemplate, setHeader, type ParsedTemplate } from './parse';
import { serializeTemplate } from './serialize';

/** The template without source positions: what "the same template" means. */
function shape(t: ParsedTemplate): unknown {
  return JSON.parse(
    JSON.stringify(t, (key, value: unknown) => (key === 'line' || key === 'column' ? undefined : value)),
  );
}

const dir = join(resourcesDir(), 'templates');
const builtIns = readdirSync(dir).filter((f) => f.endsWith('.tpl'));

describe('serializeTemplate', () => {
  it.each(builtIns)('gives a canonical file back unchanged: %s', (file) => {
    const src = readFileSync(join(dir, file), 'utf8');
    expect(serializeTemplate(parseTemplate(src, file))).toBe(src);
  });

  it('writes a non-canonical file in the canonical layout, meaning the same', () => {
    const src = [
      '\uFEFF@name   试用',
      '@period 2020',
      'p：全市{ v( 地区生产总值 ,「2019」 ,status = 目标 ) }。',
      'for c in [咸宁市,黄冈市]',
      'bullet:{c}{n(规上工业企业数,region=c)}',
      '   end',
      'lead: 一是。|正文',
      'table:',
      '      row: [ rowspan=2 ,align=left ]甲|乙',
      'end',
    ].join('\r\n');
    const parsed = parseTemplate(src);
    const out = serializeTemplate(parsed);
    expect(out).toBe(
      [
        '@name 试用',
        '@period 2020',
        'p: 全市{v(地区生产总值, "2019", status=目标)}。',
        'for c in [咸宁市, 黄冈市]',
        '  bullet: {c}{n(规上工业企业数, region=c)}',
        'end',
        'lead: 一是。 | 正文',
        'table',
        '  row: [rowspan=2, align=left] 甲 | 乙',
        'end',
        '',
      ].join('\n'),
    );
    // 「2019」 was a quoted string; written bare it would read as a number, so it keeps (canonical) quotes.
    expect(shape(parseTemplate(out))).toEqual(shape(parsed));
  });

  it('keeps what an editor changes: header values and new lines', () => {
    const t = setHeader(parseTemplate('// 说明\n@name 甲\n\np: 正文\n'), 'period', '2021');
    const text = serializeTemplate({
      ...t,
      nodes: [
        ...t.nodes,
        { kind: 'line', keyword: 'p', segments: [{ kind: 'text', text: '新{段}|落' }], line: 0, column: 0 },
      ],
    });
    expect(text).toBe('// 说明\n@name 甲\n@period 2021\n\np: 正文\np: 新{{段}}|落\n');
    expect(parseTemplate(text).header.period).toBe('2021');
  });

  // ---------------------------------------------------------------------------------------------
  // Property: parse(serialize(parse(x))) is parse(x), for generated template files.

  const han = fc.constantFrom(...'地区生产总值增速咸宁市黄冈规上工业企业数目标年月日的了'.split(''));
  const word = fc.array(han, { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
  const textChar = fc.oneof(
    { weight: 6, arbitrary: han },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '，',
        '。',
        '“',
        '”',
        '（',
        '）',
        ' ',
        '%',
        '1',
        '9',
        '.',
        'a',
        'Z',
        '/',
        '|',
        '\\',
        '"',
        '「',
        '」',
        ',',
        '=',
        '[',
        ']',
        '*',
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom('{{', '}}') },
  );
  const text = fc.array(textChar, { maxLength: 12 }).map((a) => a.join(''));
  const sp = fc.constantFrom('', ' ', '  ');
  const quoted = fc
    .array(fc.oneof(han, fc.constantFrom(',', ' ', '(', ')', '"', '\\', '}', '{', '|', '=', '.')), {
      maxLength: 6,
    })
    .map((a) => `"${a.join('').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  const number = fc.oneof(
    fc.integer({ min: -50, max: 3000 }).map(String),
    fc.constantFrom('1.5', '0.25', '-0.99', '2019', '-0'),
  );
  const variable = fc.constantFrom('year', 'year+1', 'year-4', 'region', 'x', 'x-1');
  const scalar = fc.oneof(
    { weight: 4, arbitrary: word },
    { weight: 2, arbitrary: number },
    { weight: 2, arbitrary: variable },
    { weight: 1, arbitrary: quoted },
    { weight: 1, arbitrary: word.map((w) => `「${w}」`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'GDP',
        'GDP增速',
        'PM2.5浓度',
        '2026—2030',
        '3岁以下',
        '2016..year',
        'year+1..year+5',
      ),
    },
  );
  const list = fc.array(scalar, { maxLength: 3 }).chain((items) => sp.map((s) => `[${items.join(`,${s}`)}]`));
  const arg = fc.oneof({ weight: 5, arbitrary: scalar }, { weight: 1, arbitrary: list });
  const call: fc.Arbitrary<string> = fc.oneof(
    fc.tuple(sp, arg, sp).map(([a, w, b]) => `v(${a}${w}${b})`),
    fc.tuple(arg, arg, sp).map(([a, b, s]) => `n(${a},${s}${b})`),
    fc.tuple(arg, arg, sp).map(([a, b, s]) => `growth(${a},${s}status=${b})`),
    fc.tuple(arg, list).map(([a, l]) => `rank(${a}, among=${l}, scope=全省)`),
    fc.tuple(arg, arg).map(([a, b]) => `diff(v(${a}), v(${b}, year-1), decimals=1)`),
    fc.tuple(arg, arg, arg).map(([a, b, c]) => `cagr(${a}, ${b}, ${c})`),
    list.map((l) => `each(${l}, "{it}（{v(规上工业企业数, region=it)}）", sep=、)`),
    fc.constantFrom(
      'cn(3)',
      'year',
      'year+1',
      'region',
      'cndate(2026, 5)',
      'sub(2.5)',
      'b(加粗)',
      'set(署名, "某 某")',
    ),
  );
  const expr = fc.tuple(sp, call, sp).map(([a, c, b]) => `{${a}${c}${b}}`);
  const segText = fc
    .array(fc.oneof({ weight: 3, arbitrary: text }, { weight: 2, arbitrary: expr }), { maxLength: 4 })
    .map((a) => a.join(''));
  const colon = fc.constantFrom(': ', ':', '：', ':  ');
  const line = fc
    .tuple(
      fc.constantFrom(
        'title',
        'subtitle',
        'byline',
        'kicker',
        'h1',
        'h2',
        'chapter',
        'section',
        'item',
        'theme',
        'part',
        'p',
        'bullet',
        'note',
        'toc',
      ),
      colon,
      segText,
    )
    .map(([k, c, t]) => `${k}${c}${t}`);
  const partText = segText.map((t) => t.replace(/\|/g, '\\|'));
  const lead = fc
    .tuple(fc.constantFrom('lead', 'runin'), colon, partText, sp, partText)
    .map(([k, c, a, s, b]) => `${k}${c}${a}${s}|${s}${b}`);
  const cover = fc.tuple(partText, partText, partText).map(([a, b, c]) => `cover: ${a} / ${a} | ${b} | ${c}`);
  const attrs = fc.constantFrom(
    '',
    '[rowspan=2] ',
    '[colspan=3, align=left]',
    '[ bold ,align=right ] ',
    '[] ',
  );
  const cell = fc.tuple(attrs, partText).map(([a, t]) => a + t);
  const row = fc
    .tuple(fc.constantFrom('head', 'row'), fc.array(cell, { minLength: 1, maxLength: 4 }))
    .map(([k, cs]) => `${k}: ${cs.join(' | ')}`);
  const cond = fc
    .tuple(call, fc.constantFrom('', ' >= 1', ' == 简报', '<0', ' != "a b"'))
    .map(([c, o]) => `${c}${o}`);
  const indent = fc.constantFrom('', '  ', '\t');
  const simple = fc.oneof(
    { weight: 6, arbitrary: line },
    { weight: 2, arbitrary: lead },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        '// 注释',
        '//x',
        'pagebreak',
        'let x = 2016..year',
        'figure: type=bar; indicators=地区生产总值',
      ),
    },
  );
  const tableBody = fc.array(
    fc.oneof(
      { weight: 4, arbitrary: row },
      {
        weight: 1,
        arbitrary: fc.constantFrom('widths: 40, 60', 'style: grid, compact', 'note: 注：①…', '// 表内注释'),
      },
    ),
    { maxLength: 4 },
  );
  const block: fc.Arbitrary<string[]> = fc.letrec<{ block: string[] }>((tie) => ({
    block: fc.oneof(
      { weight: 8, arbitrary: simple.map((l) => [l]) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('box', 'sidebar'), text, fc.array(tie('block'), { maxLength: 3 }))
          .map(([k, t, b]) => [`${k}: ${t}`, ...b.flat(), 'end']),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.array(tie('block'), { maxLength: 3 }), list)
          .map(([b, l]) => [`for x in ${l}`, ...b.flat(), 'end']),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            cond,
            fc.array(tie('block'), { maxLength: 2 }),
            fc.option(fc.array(tie('block'), { maxLength: 2 })),
          )
          .map(([c, a, b]) => [`if ${c}`, ...a.flat(), ...(b ? ['else', ...b.flat()] : []), 'end']),
      },
      { weight: 1, arbitrary: fc.tuple(text, tableBody).map(([t, b]) => [`table: ${t}`, ...b, 'end']) },
    ),
  })).block;
  const file = fc
    .tuple(
      fc.array(block, { maxLength: 8 }),
      fc.array(indent, { minLength: 64, maxLength: 64 }),
      cover,
      fc.boolean(),
    )
    .map(([blocks, indents, c, withCover]) => {
      const lines = ['@name 生成', '@period 2020', ...(withCover ? [c] : []), ...blocks.flat()];
      return lines.map((l, i) => (l.startsWith('@') ? l : indents[i % 64] + l)).join('\n') + '\n';
    });

  it('parse(serialize(parse(x))) equals parse(x) for generated files', () => {
    let parsedCount = 0;
    fc.assert(
      fc.property(file, (src) => {
        let first: ParsedTemplate;
        try {
          first = parseTemplate(src);
        } catch (err) {
          if (err instanceof TemplateError) return; // an invalid file has nothing to round-trip
          throw err;
        }
        parsedCount++;
        const text = serializeTemplate(first);
        const second = parseTemplate(text);
        expect(shape(second)).toEqual(shape(first));
        expect(serializeTemplate(second)).toBe(text);
      }),
      { numRuns: 400 },
    );
    expect(parsedCount).toBeGreaterThan(200);
  });
});
