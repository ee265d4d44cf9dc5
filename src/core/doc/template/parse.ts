/**
 * The template file format: one block per line, `keyword: text`, with `{expressions}` in the text.
 *
 *   @name 政府工作报告解读            header fields (@name @title @description @period @author)
 *   kicker: 政府工作报告解读
 *   question: {year}年，咸宁怎么看？
 *   bullet: 全市实现地区生产总值{v(地区生产总值)}，比上年{growth(地区生产总值增速)}。
 *   figure: bar-line 地区生产总值, 地区生产总值增速 | 2016..{year} | 咸宁市地区生产总值及增速
 *   box: 专栏标题   …   end
 *   // a comment
 *
 * Expressions: `name` or `name(arg, arg, key=value)`; arguments are bare words, "quoted" or
 * 「quoted」 strings, numbers, or `year±n`.
 */
import { TemplateError } from './errors';

export const BLOCK_KEYWORDS = [
  'title',
  'subtitle',
  'byline',
  'kicker',
  'h1',
  'h2',
  'h3',
  'h4',
  'chapter',
  'section',
  'item',
  'question',
  'theme',
  'part',
  'p',
  'bullet',
  'lead',
  'runin',
  'figure',
  'box',
  'end',
  'cover',
  'toc',
  'pagebreak',
  'note',
] as const;
export type BlockKeyword = (typeof BLOCK_KEYWORDS)[number];

export type Arg =
  | { kind: 'string'; value: string; column: number }
  | { kind: 'number'; value: number; column: number }
  | { kind: 'year'; offset: number; column: number };

export interface Call {
  name: string;
  args: Arg[];
  named: Record<string, Arg>;
  line: number;
  column: number;
}

export type Segment = { kind: 'text'; text: string } | { kind: 'expr'; call: Call };

export interface TemplateLine {
  keyword: BlockKeyword;
  /** Text after the colon, split into literal text and expressions. */
  segments: Segment[];
  raw: string;
  line: number;
  /** Column where the text after the colon starts. */
  column: number;
}

export interface TemplateHeader {
  name: string;
  title: string;
  description: string;
  period: string;
  author: string;
  /** Region an expression binds to when it names none (default 咸宁市). */
  region: string;
}

export interface ParsedTemplate {
  header: TemplateHeader;
  lines: TemplateLine[];
}

function closest(word: string, options: readonly string[]): string | null {
  for (const o of options) if (o.startsWith(word.slice(0, 2)) || word.startsWith(o)) return o;
  return null;
}

/** Parses `{...}` expressions out of a text; `offset` is the text's column in its line (1-based). */
export function parseSegments(text: string, line: number, offset: number, file: string | null): Segment[] {
  const segments: Segment[] = [];
  let i = 0;
  let literal = '';
  while (i < text.length) {
    const ch = text[i];
    if (ch === '}') throw new TemplateError('多余的「}」：表达式应写作 {…}', line, offset + i, file);
    if (ch !== '{') {
      literal += ch;
      i++;
      continue;
    }
    const close = text.indexOf('}', i);
    if (close < 0) throw new TemplateError('表达式缺少结尾的「}」', line, offset + i, file);
    if (literal) segments.push({ kind: 'text', text: literal });
    literal = '';
    segments.push({ kind: 'expr', call: parseCall(text.slice(i + 1, close), line, offset + i + 1, file) });
    i = close + 1;
  }
  if (literal) segments.push({ kind: 'text', text: literal });
  return segments;
}

/** Parses one expression: `name` or `name(args)`. */
export function parseCall(src: string, line: number, column: number, file: string | null): Call {
  const m = src.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*/);
  if (!m) {
    const at = column + (src.length - src.trimStart().length);
    throw new TemplateError(`「${src.trim() || '{}'}」不是表达式：应以函数名开头，如 {v(地区生产总值)}`, line, at, file);
  }
  const name = m[1];
  let pos = m[0].length;
  const call: Call = { name, args: [], named: {}, line, column: column + (src.length - src.trimStart().length) };
  if (pos >= src.length) return call;
  if (src[pos] !== '(') throw new TemplateError(`「${name}」后应为「(」`, line, column + pos, file);
  if (!src.trimEnd().endsWith(')')) throw new TemplateError(`「${name}(」缺少结尾的「)」`, line, column + src.length, file);
  const inner = src.slice(pos + 1, src.trimEnd().length - 1);
  pos += 1;
  let k = 0;
  while (k <= inner.length) {
    // one argument up to the next top-level comma
    let end = k;
    let quote: string | null = null;
    while (end < inner.length) {
      const c = inner[end];
      if (quote) {
        if (c === quote) quote = null;
      } else if (c === '"') quote = '"';
      else if (c === '「') quote = '」';
      else if (c === ',' || c === '，') break;
      end++;
    }
    if (quote) throw new TemplateError('引号没有闭合', line, column + pos + k, file);
    const piece = inner.slice(k, end);
    const argColumn = column + pos + k + (piece.length - piece.trimStart().length);
    const trimmed = piece.trim();
    if (trimmed === '' && !(k === 0 && end >= inner.length)) {
      throw new TemplateError('参数为空：两个逗号之间缺少内容', line, argColumn, file);
    }
    if (trimmed !== '') {
      const eq = trimmed.match(/^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/s);
      if (eq) call.named[eq[1]] = parseArg(eq[2], line, argColumn + trimmed.indexOf(eq[2]), file);
      else call.args.push(parseArg(trimmed, line, argColumn, file));
    }
    k = end + 1;
  }
  return call;
}

function parseArg(text: string, line: number, column: number, file: string | null): Arg {
  const t = text.trim();
  if ((t.startsWith('"') && t.endsWith('"') && t.length >= 2) || (t.startsWith('「') && t.endsWith('」'))) {
    return { kind: 'string', value: t.slice(1, -1), column };
  }
  const y = t.match(/^year\s*(?:([+-])\s*(\d+))?$/);
  if (y) return { kind: 'year', offset: y[1] ? (y[1] === '-' ? -1 : 1) * Number(y[2]) : 0, column };
  if (/^-?\d+(\.\d+)?$/.test(t)) return { kind: 'number', value: Number(t), column };
  if (/[(){}]/.test(t)) {
    throw new TemplateError(`参数「${t}」含括号：含括号的名称请加引号，如 "地区生产总值(GDP)"`, line, column, file);
  }
  return { kind: 'string', value: t, column };
}

/** Parses a whole template file; every problem names its line and column. */
export function parseTemplate(source: string, file: string | null = null): ParsedTemplate {
  const header: TemplateHeader = { name: '', title: '', description: '', period: '', author: '', region: '' };
  const lines: TemplateLine[] = [];
  const rows = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  let depth = 0;
  rows.forEach((raw, index) => {
    const lineNo = index + 1;
    const text = raw.trimEnd();
    const indent = text.length - text.trimStart().length;
    const body = text.trimStart();
    if (body === '' || body.startsWith('//')) return;
    if (body.startsWith('@')) {
      const m = body.match(/^@(\w+)\s+(.*)$/);
      if (!m || !(m[1] in header)) {
        throw new TemplateError(
          `未知的模板属性「${body.split(/\s/)[0]}」：可用 @name @title @description @period @author @region`,
          lineNo,
          indent + 1,
          file,
        );
      }
      header[m[1] as keyof TemplateHeader] = m[2].trim();
      return;
    }
    const m = body.match(/^([A-Za-z][A-Za-z0-9]*)\s*(?::|：|$)\s?/);
    const keyword = m?.[1] ?? body.split(/[:：\s]/)[0];
    if (!m || !(BLOCK_KEYWORDS as readonly string[]).includes(keyword)) {
      const hint = closest(keyword, BLOCK_KEYWORDS);
      throw new TemplateError(
        `未知的块类型「${keyword}」` + (hint ? `，是否指「${hint}」？` : `：每行应以 p: bullet: h1: 等开头`),
        lineNo,
        indent + 1,
        file,
      );
    }
    const rest = body.slice(m[0].length);
    const column = indent + m[0].length + 1;
    if (keyword === 'box') depth++;
    if (keyword === 'end') {
      if (depth === 0) throw new TemplateError('「end」没有对应的「box」', lineNo, indent + 1, file);
      depth--;
    }
    lines.push({
      keyword: keyword as BlockKeyword,
      segments: parseSegments(rest, lineNo, column, file),
      raw: rest,
      line: lineNo,
      column,
    });
  });
  if (depth > 0) throw new TemplateError('「box」缺少对应的「end」', rows.length, 1, file);
  if (!header.name) throw new TemplateError('模板缺少 @name', 1, 1, file);
  return { header, lines };
}
