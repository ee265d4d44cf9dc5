import { describe, expect, it } from 'vitest';
import { TemplateError } from './errors';
import { parseTemplate } from './parse';

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

describe('parseTemplate', () => {
  it('reads header fields and one block per line, with expressions split out of the text', () => {
    const t = parseTemplate(`${header}// 注释\nbullet: 全市实现地区生产总值{v(地区生产总值)}，比上年{growth(地区生产总值增速, year-1)}。\n`);
    expect(t.header).toMatchObject({ name: '测试', period: '2020' });
    expect(t.lines).toHaveLength(1);
    const [line] = t.lines;
    expect(line.keyword).toBe('bullet');
    expect(line.segments.map((s) => s.kind)).toEqual(['text', 'expr', 'text', 'expr', 'text']);
    const growth = line.segments[3];
    expect(growth.kind === 'expr' && growth.call).toMatchObject({
      name: 'growth',
      args: [{ kind: 'string', value: '地区生产总值增速' }, { kind: 'year', offset: -1 }],
    });
  });

  it('takes named arguments, quoted names and 「」 quotes', () => {
    const t = parseTemplate(`${header}p: {v("地区生产总值(GDP)", 2019, region=「咸宁市」, status=目标)}`);
    const seg = t.lines[0].segments[0];
    expect(seg.kind === 'expr' && seg.call).toMatchObject({
      args: [{ kind: 'string', value: '地区生产总值(GDP)' }, { kind: 'number', value: 2019 }],
      named: { region: { kind: 'string', value: '咸宁市' }, status: { kind: 'string', value: '目标' } },
    });
  });

  it('nests boxes and checks that each is closed', () => {
    const t = parseTemplate(`${header}box: 标题\np: 正文\nend\n`);
    expect(t.lines.map((l) => l.keyword)).toEqual(['box', 'p', 'end']);
    expect(errorOf(`${header}box: 标题\np: 正文\n`).message).toContain('「box」缺少对应的「end」');
    expect(errorOf(`${header}end\n`).line).toBe(3);
  });

  it('names line and column of an unclosed expression', () => {
    const e = errorOf(`${header}p: 全市{v(地区生产总值)\n`);
    expect([e.line, e.column]).toEqual([3, 6]);
    expect(e.message).toBe('x.tpl：第3行第6列：表达式缺少结尾的「}」');
  });

  it('suggests the block keyword a typo meant', () => {
    const e = errorOf(`${header}bulet: 文字\n`);
    expect(e.line).toBe(3);
    expect(e.column).toBe(1);
    expect(e.message).toContain('未知的块类型「bulet」');
  });

  it('points at a name with brackets that needs quotes', () => {
    const e = errorOf(`${header}p: {v(地区生产总值(GDP))}\n`);
    expect(e.line).toBe(3);
    expect(e.message).toContain('请加引号');
  });

  it('requires a name', () => {
    expect(errorOf('p: 文字').message).toContain('模板缺少 @name');
  });
});
