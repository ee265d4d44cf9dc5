import { describe, expect, it } from 'vitest';
import { TemplateError } from './errors';
import { parseExpr, parseTemplate, type Node } from './parse';

const header = '@name 测试\n@period 2020\n';

function errorOf(src: string): TemplateError {
  try {
    parseTemplate(src, 'x.tpl');
  } catch (err) {
    if (err instanceof TemplateError) return err;
    throw err;
  }
  throw new Error('expected a TemplateError');
}

/** The body nodes, without header lines, blanks and comments. */
function body(src: string): Node[] {
  return parseTemplate(src).nodes.filter((n) => !['header', 'blank', 'comment'].includes(n.kind));
}

describe('parseTemplate', () => {
  it('reads header fields and one block per line, with expressions split out of the text', () => {
    const t = parseTemplate(
      `${header}// 注释\nbullet: 全市实现地区生产总值{v(地区生产总值)}，比上年{growth(地区生产总值增速, year-1)}。\n`,
    );
    expect(t.header).toMatchObject({ name: '测试', period: '2020' });
    const [line] = body(`${header}bullet: 全市{v(地区生产总值)}，比上年{growth(地区生产总值增速, year-1)}。`);
    expect(line.kind === 'line' && line.keyword).toBe('bullet');
    const segments = line.kind === 'line' ? line.segments : [];
    expect(segments.map((s) => s.kind)).toEqual(['text', 'expr', 'text', 'expr', 'text']);
    expect(segments[3].kind === 'expr' && segments[3].expr).toMatchObject({
      kind: 'call',
      name: 'growth',
      args: [
        { kind: 'string', value: '地区生产总值增速' },
        { kind: 'var', name: 'year', offset: -1 },
      ],
    });
    expect(t.nodes.map((n) => n.kind)).toEqual(['header', 'header', 'comment', 'line']);
  });

  it('takes named arguments, quoted names and 「」 quotes', () => {
    const [line] = body(`${header}p: {v("地区生产总值(GDP)", 2019, region=「咸宁市」, status=目标)}`);
    const seg = line.kind === 'line' ? line.segments[0] : null;
    expect(seg?.kind === 'expr' && seg.expr).toMatchObject({
      args: [
        { kind: 'string', value: '地区生产总值(GDP)' },
        { kind: 'number', value: 2019 },
      ],
      named: { region: { kind: 'string', value: '咸宁市' }, status: { kind: 'string', value: '目标' } },
    });
  });

  it('reads variables, offsets, lists, ranges and nested calls', () => {
    expect(parseExpr('year+1', 1, 1)).toMatchObject({ kind: 'var', name: 'year', offset: 1 });
    expect(parseExpr('2016..year', 1, 1)).toMatchObject({
      kind: 'range',
      from: { kind: 'number', value: 2016 },
      to: { kind: 'var', name: 'year' },
    });
    expect(parseExpr('rank(规上工业企业数, among=[咸宁市, 黄冈市])', 1, 1)).toMatchObject({
      named: { among: { kind: 'list', items: [{ value: '咸宁市' }, { value: '黄冈市' }] } },
    });
    expect(parseExpr('diff(v(森林覆盖率, year-1), v(森林覆盖率, 2020))', 1, 1)).toMatchObject({
      args: [
        { kind: 'call', name: 'v' },
        { kind: 'call', name: 'v' },
      ],
    });
    // Words that start with ASCII letters or digits stay words.
    expect(parseExpr('GDP增速', 1, 1)).toMatchObject({ kind: 'string', value: 'GDP增速' });
    expect(parseExpr('3岁以下婴幼儿入托率提高', 1, 1)).toMatchObject({ kind: 'string' });
    expect(parseExpr('2026—2030', 1, 1)).toMatchObject({ kind: 'string', value: '2026—2030' });
  });

  it('nests for, if/elif/else, box and table blocks and checks that each is closed', () => {
    const src = `${header}let peers = [咸宁市, 黄冈市]
table: 表题
  widths: 80, 76
  head: 城市 | [align=left] 企业数
  for c in peers
    if has(规上工业企业数, region=c)
      row: {c} | {n(规上工业企业数, region=c)}
    elif year > 2000
      row: [colspan=2, bold] 无
    else
      row: {c} | —
    end
  end
  note: 注：…
end
`;
    const nodes = body(src);
    expect(nodes.map((n) => n.kind)).toEqual(['let', 'table']);
    const table = nodes[1];
    if (table.kind !== 'table') throw new Error('table');
    const loop = table.body.find((n) => n.kind === 'for');
    expect(loop).toMatchObject({ kind: 'for', variable: 'c', source: { kind: 'var', name: 'peers' } });
    const cond = loop?.kind === 'for' ? loop.body.find((n) => n.kind === 'if') : undefined;
    expect(
      cond?.kind === 'if' && cond.branches.map((b) => (b.cond ? (b.cond.op ?? 'truthy') : 'else')),
    ).toEqual(['truthy', '>', 'else']);
    const head = table.body.find((n) => n.kind === 'parts');
    expect(head).toMatchObject({ keyword: 'head', parts: [{}, { align: 'left' }] });

    expect(errorOf(`${header}box: 标题\np: 正文\n`).message).toContain('「box」缺少对应的「end」');
    expect(errorOf(`${header}end\n`).line).toBe(3);
    expect(errorOf(`${header}else\n`).message).toContain('「else」没有对应的「if」');
    expect(errorOf(`${header}row: a | b\n`).message).toContain('只能写在 table: … end 之内');
    expect(errorOf(`${header}table:\n  p: 正文\nend\n`).message).toContain('表格内只能写');
  });

  it('names line and column of an unclosed expression', () => {
    const e = errorOf(`${header}p: 全市{v(地区生产总值)\n`);
    expect([e.line, e.column]).toEqual([3, 6]);
    expect(e.message).toBe('x.tpl：第3行第6列：表达式缺少结尾的「}」');
  });

  it('suggests the block keyword a typo meant', () => {
    const e = errorOf(`${header}bulet: 文字\n`);
    expect([e.line, e.column]).toEqual([3, 1]);
    expect(e.message).toContain('未知的块类型「bulet」，是否指「bullet」？');
  });

  it('suggests the function a typo meant, at its column', () => {
    const e = errorOf(`${header}p: 比上年{grwoth(地区生产总值增速)}。\n`);
    expect([e.line, e.column]).toEqual([3, 8]);
    expect(e.reason).toBe('未知的函数「grwoth」，是否指「growth」？');
  });

  it('rejects a wrong number of arguments and unknown named arguments', () => {
    const arity = errorOf(`${header}p: {cagr(社会消费品零售总额, 2020)}\n`);
    expect(arity.reason).toContain('函数「cagr」需要3–4 个参数');
    expect(arity.reason).toContain('这里有 2 个');
    expect(arity.column).toBe(5);
    const named = errorOf(`${header}p: {v(地区生产总值, staus=目标)}\n`);
    expect(named.reason).toContain('函数「v」没有参数「staus」，是否指「status」？');
  });

  it('knows the variables in scope', () => {
    expect(errorOf(`${header}p: {c}\n`).reason).toContain('未知的变量或函数「c」');
    expect(() => parseTemplate(`${header}for c in [咸宁市]\n  p: {c}\nend\n`)).not.toThrow();
    expect(errorOf(`${header}for year in [1]\nend\n`).reason).toContain('内置的名称');
  });

  it('points at a name with brackets that needs quotes', () => {
    const e = errorOf(`${header}p: {v(地区生产总值(GDP))}\n`);
    expect(e.line).toBe(3);
    expect(e.message).toContain('请加引号');
  });

  it('reads literal braces and bars', () => {
    const [p] = body(`${header}p: 集合{{a}}与 a|b`);
    expect(p.kind === 'line' && p.segments).toEqual([{ kind: 'text', text: '集合{a}与 a|b' }]);
    const [lead] = body(`${header}lead: 一是\\|二是。 | 正文`);
    expect(lead.kind === 'parts' && lead.parts.map((x) => x.segments)).toEqual([
      [{ kind: 'text', text: '一是|二是。' }],
      [{ kind: 'text', text: '正文' }],
    ]);
  });

  it('requires a name', () => {
    expect(errorOf('p: 文字').message).toContain('模板缺少 @name');
  });
});
