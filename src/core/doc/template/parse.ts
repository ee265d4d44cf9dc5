/**
 * The template file format: plain UTF-8 text, one statement per line, that a person can read, write
 * and diff (README "Templates"). The parse keeps everything a file says — comments, blank lines and
 * the order of header lines included — so that `serializeTemplate` gives the file back.
 *
 *   // a comment
 *   @name 调研报告                     header fields: @name @title @description @period @author @region
 *   p: 全市实现地区生产总值{v(地区生产总值)}，比上年{growth(地区生产总值增速)}。
 *   lead: 一是严守生态红线。|正文…        parts separated by "|" (lead runin cover head row)
 *   let plan = year+1..year+5
 *   for c in [咸宁市, 黄冈市]            … end
 *   if v(地区生产总值增速) >= 8          … elif … else … end
 *   box: 专栏标题                         … end
 *   table: 表题                           widths: / style: / head: / row: / note: / for / if … end
 *
 * Expressions in `{…}`: `name`, `name±n`, `name(arg, …, key=value)`; arguments are bare words,
 * "quoted" or 「quoted」 strings, numbers, variables (`year-1`, `r`), lists `[a, b]`, ranges
 * `2016..year` and nested calls. `{{` and `}}` are literal braces; in parts, `\|` is a literal bar.
 */
import { closestName } from '../../data/catalogue';
import { TemplateError } from './errors';
import { arityText, BUILTIN_VARIABLES, FUNCTIONS } from './functions';

/** Keywords of one-line blocks. */
export const LINE_KEYWORDS = [
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
  'note',
  'figure',
  'toc',
  'pagebreak',
  // table only
  'widths',
  'style',
] as const;
export type LineKeyword = (typeof LINE_KEYWORDS)[number];

/** Keywords whose text is split into parts at "|". */
export const PART_KEYWORDS = ['lead', 'runin', 'cover', 'head', 'row'] as const;
export type PartKeyword = (typeof PART_KEYWORDS)[number];

/** Statements that open a block closed by `end`, and the other statements. */
export const STATEMENTS = ['box', 'sidebar', 'table', 'for', 'if', 'elif', 'else', 'end', 'let'] as const;

/** Every keyword a line can start with, for suggestions. */
export const BLOCK_KEYWORDS: readonly string[] = [...LINE_KEYWORDS, ...PART_KEYWORDS, ...STATEMENTS];

const TABLE_ONLY: readonly string[] = ['widths', 'style', 'head', 'row'];
const TABLE_ALLOWED: readonly string[] = [...TABLE_ONLY, 'note'];

export const HEADER_KEYS = ['name', 'title', 'description', 'period', 'author', 'region'] as const;
export type HeaderKey = (typeof HEADER_KEYS)[number];
export type TemplateHeader = Record<HeaderKey, string>;

interface Pos {
  line: number;
  column: number;
}

export type Expr =
  | ({ kind: 'string'; value: string } & Pos)
  | ({ kind: 'number'; value: number } & Pos)
  /** `year`, `year+1`, `r`: a variable; an unbound bare ASCII word (GDP) reads as a string. */
  | ({ kind: 'var'; name: string; offset: number } & Pos)
  | Call
  | ({ kind: 'list'; items: Expr[] } & Pos)
  | ({ kind: 'range'; from: Expr; to: Expr } & Pos);

export interface Call extends Pos {
  kind: 'call';
  name: string;
  args: Expr[];
  named: Record<string, Expr>;
}

export type Segment = { kind: 'text'; text: string } | { kind: 'expr'; expr: Expr };

export interface CellAttrs {
  rowSpan?: number;
  colSpan?: number;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
}

/** One "|"-separated part of a lead/runin/cover/head/row line; cells may start with "[rowspan=3, …]". */
export interface Part extends CellAttrs {
  segments: Segment[];
  column: number;
}

export type CompareOp = '>=' | '<=' | '==' | '!=' | '>' | '<';

export interface Condition {
  left: Expr;
  op?: CompareOp;
  right?: Expr;
}

export interface Branch extends Pos {
  /** null for `else`. */
  cond: Condition | null;
  body: Node[];
}

export type Node =
  | ({ kind: 'blank' } & Pos)
  | ({ kind: 'comment'; text: string } & Pos)
  | ({ kind: 'header'; key: HeaderKey; value: string } & Pos)
  | ({ kind: 'line'; keyword: LineKeyword; segments: Segment[] } & Pos)
  | ({ kind: 'parts'; keyword: PartKeyword; parts: Part[] } & Pos)
  | ({ kind: 'let'; name: string; value: Expr } & Pos)
  | ({ kind: 'for'; variable: string; source: Expr; body: Node[] } & Pos)
  | ({ kind: 'if'; branches: Branch[] } & Pos)
  /** `box:` a numbered 专栏; `sidebar:` the same box without the "专栏 N" label. */
  | ({ kind: 'box'; title: Segment[]; body: Node[]; numbered: boolean } & Pos)
  | ({ kind: 'table'; title: Segment[]; body: Node[] } & Pos);

export interface ParsedTemplate {
  /** Header values (derived from the header lines; the serializer writes these values). */
  header: TemplateHeader;
  nodes: Node[];
}

function fail(message: string, line: number, column: number, file: string | null): never {
  throw new TemplateError(message, line, column, file);
}

function suggestion(word: string, options: readonly string[]): string {
  const hint = closestName(word, [...options]);
  return hint ? `，是否指「${hint}」？` : '';
}

// ---------------------------------------------------------------------------------------------
// Expressions

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
/** Characters that end a bare word. */
const WORD_STOP = new Set([
  ',',
  '，',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '"',
  '「',
  '」',
  '=',
  '<',
  '>',
  '!',
  '|',
  '\\',
]);
const OPS: CompareOp[] = ['>=', '<=', '==', '!=', '>', '<'];

class ExprParser {
  p = 0;
  constructor(
    readonly s: string,
    readonly line: number,
    /** Column of s[0] (1-based). */
    readonly col: number,
    readonly file: string | null,
  ) {}

  at(): number {
    return this.col + this.p;
  }

  err(message: string, at = this.at()): never {
    return fail(message, this.line, at, this.file);
  }

  ws(): void {
    while (this.p < this.s.length && /\s/.test(this.s[this.p])) this.p++;
  }

  /** Whether the rest starts (after spaces) with the end of a value. */
  endsValue(q: number): boolean {
    let k = q;
    while (k < this.s.length && /\s/.test(this.s[k])) k++;
    if (k >= this.s.length) return true;
    const c = this.s[k];
    return (
      [',', '，', ')', ']', '}', '='].includes(c) ||
      OPS.some((o) => this.s.startsWith(o, k)) ||
      this.s.startsWith('..', k)
    );
  }

  value(): Expr {
    const left = this.primary();
    this.ws();
    if (this.s.startsWith('..', this.p)) {
      this.p += 2;
      const to = this.primary();
      return { kind: 'range', from: left, to, line: this.line, column: left.column };
    }
    return left;
  }

  quoted(close: string, escapes: boolean): string {
    const start = this.at();
    this.p++;
    let out = '';
    while (this.p < this.s.length && this.s[this.p] !== close) {
      if (escapes && this.s[this.p] === '\\' && (this.s[this.p + 1] === '"' || this.s[this.p + 1] === '\\'))
        this.p++;
      out += this.s[this.p++];
    }
    if (this.p >= this.s.length) this.err('引号没有闭合', start);
    this.p++;
    return out;
  }

  primary(): Expr {
    this.ws();
    const column = this.at();
    const line = this.line;
    const rest = this.s.slice(this.p);
    if (rest === '') this.err('缺少参数或表达式');
    const c = rest[0];
    if (c === '"') return { kind: 'string', value: this.quoted('"', true), line, column };
    if (c === '「') return { kind: 'string', value: this.quoted('」', false), line, column };
    if (c === '[') {
      this.p++;
      const items: Expr[] = [];
      this.ws();
      if (this.s[this.p] === ']') {
        this.p++;
        return { kind: 'list', items, line, column };
      }
      for (;;) {
        items.push(this.value());
        this.ws();
        const d = this.s[this.p];
        if (d === ']') {
          this.p++;
          return { kind: 'list', items, line, column };
        }
        if (d === ',' || d === '，') {
          this.p++;
          continue;
        }
        this.err(d === undefined ? '列表缺少结尾的「]」' : `列表中应为「,」或「]」，这里是「${d}」`);
      }
    }
    const id = rest.match(IDENT);
    if (id) {
      const name = id[0];
      const q = this.p + name.length;
      let k = q;
      while (k < this.s.length && /\s/.test(this.s[k])) k++;
      if (this.s[k] === '(') {
        this.p = k + 1;
        return this.callArgs(name, column);
      }
      const off = this.s.slice(q).match(/^\s*([+-])\s*(\d+)/);
      if (off && this.endsValue(q + off[0].length)) {
        this.p = q + off[0].length;
        return { kind: 'var', name, offset: (off[1] === '-' ? -1 : 1) * Number(off[2]), line, column };
      }
      if (this.endsValue(q)) {
        this.p = q;
        return { kind: 'var', name, offset: 0, line, column };
      }
      // otherwise a word that starts with ASCII letters: GDP增速
    }
    const num = rest.match(/^-?\d+(?:\.\d+)?/);
    if (num && this.endsValue(this.p + num[0].length)) {
      this.p += num[0].length;
      return { kind: 'number', value: Number(num[0]), line, column };
    }
    // a bare word
    let end = this.p;
    while (end < this.s.length && !WORD_STOP.has(this.s[end]) && !this.s.startsWith('..', end)) end++;
    const word = this.s.slice(this.p, end).trimEnd();
    if (word === '') this.err(`这里不应出现「${c}」`);
    if (this.s[end] === '(') {
      let close = this.s.indexOf(')', end);
      if (close < 0) close = end;
      this.err(
        `参数「${this.s.slice(this.p, close + 1).trim()}」含括号：含括号的名称请加引号，如 "地区生产总值(GDP)"`,
      );
    }
    this.p = end;
    return { kind: 'string', value: word, line, column };
  }

  callArgs(name: string, column: number): Call {
    const call: Call = { kind: 'call', name, args: [], named: {}, line: this.line, column };
    this.ws();
    if (this.s[this.p] === ')') {
      this.p++;
      return call;
    }
    for (;;) {
      this.ws();
      const argColumn = this.at();
      const named = this.s.slice(this.p).match(/^([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)/);
      if (named) {
        this.p += named[0].length;
        if (named[1] in call.named) this.err(`参数「${named[1]}」重复`, argColumn);
        call.named[named[1]] = this.value();
      } else {
        if (Object.keys(call.named).length > 0)
          this.err('位置参数应写在命名参数（如 status=目标）之前', argColumn);
        call.args.push(this.value());
      }
      this.ws();
      const d = this.s[this.p];
      if (d === ')') {
        this.p++;
        return call;
      }
      if (d === ',' || d === '，') {
        this.p++;
        this.ws();
        if (this.s[this.p] === ',' || this.s[this.p] === '，' || this.s[this.p] === ')') {
          this.err('参数为空：两个逗号之间缺少内容');
        }
        continue;
      }
      if (d === undefined) this.err(`「${name}(」缺少结尾的「)」`);
      this.err(`参数之间应以「,」分隔，这里是「${d}」`);
    }
  }

  done(): void {
    this.ws();
    if (this.p < this.s.length) this.err(`多余的内容「${this.s.slice(this.p)}」`);
  }
}

/** Parses one expression (the inside of `{…}`); `column` is the column of its first character. */
export function parseExpr(src: string, line: number, column: number, file: string | null = null): Expr {
  const p = new ExprParser(src, line, column, file);
  const e = p.value();
  p.done();
  return e;
}

function parseCondition(src: string, line: number, column: number, file: string | null): Condition {
  const p = new ExprParser(src, line, column, file);
  const left = p.value();
  p.ws();
  const op = OPS.find((o) => p.s.startsWith(o, p.p));
  if (!op) {
    p.done();
    return { left };
  }
  p.p += op.length;
  const right = p.value();
  p.done();
  return { left, op, right };
}

// ---------------------------------------------------------------------------------------------
// Text with expressions

/** Finds the `}` closing an expression that starts at `from` (after the `{`), skipping quotes. */
function closingBrace(text: string, from: number): number {
  let quote: string | null = null;
  for (let k = from; k < text.length; k++) {
    const c = text[k];
    if (quote) {
      if (quote === '"' && c === '\\') k++;
      else if (c === quote) quote = null;
    } else if (c === '"') quote = '"';
    else if (c === '「') quote = '」';
    else if (c === '}') return k;
  }
  return -1;
}

/**
 * Splits a text into literal text and `{expressions}`; `offset` is the column of text[0].
 * With `parts`, unescaped "|" outside expressions separates parts and `\|` is a literal bar.
 */
function scanText(
  text: string,
  line: number,
  offset: number,
  file: string | null,
  parts: boolean,
): { segments: Segment[]; column: number; raw: string }[] {
  const out: { segments: Segment[]; column: number; raw: string }[] = [];
  let segments: Segment[] = [];
  let literal = '';
  let partStart = 0;
  const flush = () => {
    if (literal) segments.push({ kind: 'text', text: literal });
    literal = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '{' && text[i + 1] === '{') {
      literal += '{';
      i += 2;
    } else if (ch === '}' && text[i + 1] === '}') {
      literal += '}';
      i += 2;
    } else if (ch === '}') {
      fail('多余的「}」：表达式应写作 {…}，文字中的花括号写作 }}', line, offset + i, file);
    } else if (ch === '{') {
      const close = closingBrace(text, i + 1);
      if (close < 0) fail('表达式缺少结尾的「}」', line, offset + i, file);
      flush();
      const src = text.slice(i + 1, close);
      if (src.trim() === '') fail('空的表达式「{}」', line, offset + i, file);
      segments.push({ kind: 'expr', expr: parseExpr(src, line, offset + i + 1, file) });
      i = close + 1;
    } else if (parts && ch === '\\' && text[i + 1] === '|') {
      literal += '|';
      i += 2;
    } else if (parts && ch === '|') {
      flush();
      out.push({ segments, column: offset + partStart, raw: text.slice(partStart, i) });
      segments = [];
      partStart = i + 1;
      i++;
    } else {
      literal += ch;
      i++;
    }
  }
  flush();
  out.push({ segments, column: offset + partStart, raw: text.slice(partStart) });
  return out;
}

/** Literal text and expressions of a line's text; `offset` is the column of text[0]. */
export function parseSegments(
  text: string,
  line: number,
  offset: number,
  file: string | null = null,
): Segment[] {
  return scanText(text, line, offset, file, false)[0].segments;
}

/** Removes leading and trailing spaces of a part (they separate it from the bars). */
function trimSegments(segments: Segment[]): Segment[] {
  const out = segments.map((s) => ({ ...s }));
  const first = out[0];
  if (first?.kind === 'text') first.text = first.text.trimStart();
  const last = out[out.length - 1];
  if (last?.kind === 'text') last.text = last.text.trimEnd();
  return out.filter((s) => s.kind !== 'text' || s.text !== '');
}

const ALIGNS = ['left', 'center', 'right'] as const;

function parseAttrs(src: string, line: number, column: number, file: string | null): CellAttrs {
  const attrs: CellAttrs = {};
  let col = column;
  for (const raw of src.split(',')) {
    const item = raw.trim();
    const at = col + (raw.length - raw.trimStart().length);
    col += raw.length + 1;
    if (item === '') continue;
    const m = item.match(/^([a-z]+)\s*(?:=\s*(\S+))?$/);
    const key = m?.[1] ?? item;
    const value = m?.[2];
    if (key === 'rowspan' || key === 'colspan') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 99)
        fail(`${key} 应为 1…99 的整数，如 ${key}=3`, line, at, file);
      if (key === 'rowspan') attrs.rowSpan = n;
      else attrs.colSpan = n;
    } else if (key === 'align') {
      if (!(ALIGNS as readonly string[]).includes(value ?? ''))
        fail('align 只能是 left、center 或 right', line, at, file);
      attrs.align = value as CellAttrs['align'];
    } else if (key === 'bold' && value === undefined) {
      attrs.bold = true;
    } else {
      fail(
        `未知的单元格属性「${key}」${suggestion(key, ['rowspan', 'colspan', 'align', 'bold']) || '：可用 rowspan colspan align bold'}`,
        line,
        at,
        file,
      );
    }
  }
  return attrs;
}

function parseParts(text: string, line: number, offset: number, file: string | null, cells: boolean): Part[] {
  return scanText(text, line, offset, file, true).map((p) => {
    const lead = p.raw.length - p.raw.trimStart().length;
    let segments = p.segments;
    let column = p.column + lead;
    const part: Part = { segments: [], column };
    const first = segments[0];
    if (cells && first?.kind === 'text' && first.text.trimStart().startsWith('[')) {
      const t = first.text.trimStart();
      const close = t.indexOf(']');
      if (close < 0) fail('单元格属性缺少结尾的「]」', line, column, file);
      Object.assign(part, parseAttrs(t.slice(1, close), line, column + 1, file));
      segments = [{ kind: 'text', text: t.slice(close + 1) }, ...segments.slice(1)];
      column += close + 1;
    }
    part.segments = trimSegments(segments);
    part.column = column;
    return part;
  });
}

// ---------------------------------------------------------------------------------------------
// Static checks of expressions

interface Scope {
  vars: Set<string>;
}

function checkExpr(e: Expr, scope: Scope, file: string | null, inText: boolean): void {
  switch (e.kind) {
    case 'var':
      if (scope.vars.has(e.name)) return;
      if (FUNCTIONS[e.name]) {
        const spec = FUNCTIONS[e.name];
        if (spec.params.some((p) => !p.optional)) {
          fail(`函数「${e.name}」需要参数：${arityText(e.name, spec)}`, e.line, e.column, file);
        }
        return;
      }
      if (e.offset !== 0 || inText) {
        const known = [...scope.vars, ...Object.keys(FUNCTIONS)];
        fail(`未知的变量或函数「${e.name}」${suggestion(e.name, known)}`, e.line, e.column, file);
      }
      return;
    case 'call': {
      const spec = FUNCTIONS[e.name];
      if (!spec) {
        const hint = suggestion(e.name, Object.keys(FUNCTIONS));
        fail(
          `未知的函数「${e.name}」${hint || `：可用 ${Object.keys(FUNCTIONS).join(' ')}`}`,
          e.line,
          e.column,
          file,
        );
      }
      const min = spec.params.filter((p) => !p.optional).length;
      const max = spec.variadic ? Infinity : spec.params.length;
      if (e.args.length < min || e.args.length > max) {
        const want = max === Infinity ? `至少 ${min} 个` : min === max ? `${min} 个` : `${min}–${max} 个`;
        fail(
          `函数「${e.name}」需要${want}参数：${arityText(e.name, spec)}，这里有 ${e.args.length} 个`,
          e.line,
          e.column,
          file,
        );
      }
      for (const [key, value] of Object.entries(e.named)) {
        if (!(key in spec.named)) {
          const allowed = Object.keys(spec.named);
          const hint = suggestion(key, allowed);
          fail(
            `函数「${e.name}」没有参数「${key}」${hint || (allowed.length ? `：可用 ${allowed.join(' ')}` : '')}`,
            value.line,
            value.column - key.length - 1,
            file,
          );
        }
      }
      for (const a of [...e.args, ...Object.values(e.named)]) checkExpr(a, scope, file, false);
      if (e.name === 'each') {
        const pattern = e.args[1];
        if (pattern.kind !== 'string')
          fail(
            'each 的第二个参数应为带引号的文字，如 "{it}（{v(指标, region=it)}）"',
            pattern.line,
            pattern.column,
            file,
          );
        checkSegments(eachPattern(pattern, file), { vars: new Set([...scope.vars, 'it']) }, file);
      }
      return;
    }
    case 'list':
      for (const a of e.items) checkExpr(a, scope, file, false);
      return;
    case 'range':
      checkExpr(e.from, scope, file, false);
      checkExpr(e.to, scope, file, false);
      return;
    default:
      return;
  }
}

/** The text pattern of each(list, "…{it}…"): parsed like a line's text, positioned inside its quotes. */
export function eachPattern(pattern: Expr & { kind: 'string' }, file: string | null = null): Segment[] {
  return parseSegments(pattern.value, pattern.line, pattern.column + 1, file);
}

function checkSegments(segments: Segment[], scope: Scope, file: string | null): void {
  for (const s of segments) if (s.kind === 'expr') checkExpr(s.expr, scope, file, true);
}

// ---------------------------------------------------------------------------------------------
// Lines and blocks

interface Open {
  node: Node & { kind: 'for' | 'if' | 'box' | 'table' };
  body: Node[];
  scope: Scope;
}

const KEYWORD_RE = /^([A-Za-z][A-Za-z0-9]*)\s*(?::|：|$)\s?/;

/** Parses a whole template file; every problem names its line and column. */
export function parseTemplate(source: string, file: string | null = null): ParsedTemplate {
  const header: TemplateHeader = { name: '', title: '', description: '', period: '', author: '', region: '' };
  const nodes: Node[] = [];
  const rows = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (rows.length > 1 && rows[rows.length - 1] === '') rows.pop();
  const stack: Open[] = [];
  const top = (): { body: Node[]; scope: Scope } =>
    stack.length ? stack[stack.length - 1] : { body: nodes, scope: rootScope };
  const rootScope: Scope = { vars: new Set(BUILTIN_VARIABLES) };
  const innerTable = () => {
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k].node.kind === 'table') return true;
      if (stack[k].node.kind === 'box') return false;
    }
    return false;
  };

  rows.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trimEnd();
    const indent = text.length - text.trimStart().length;
    const body = text.trimStart();
    const column = indent + 1;
    const { body: into, scope } = top();
    if (body === '') {
      into.push({ kind: 'blank', line, column: 1 });
      return;
    }
    if (body.startsWith('//')) {
      into.push({ kind: 'comment', text: body.slice(2), line, column });
      return;
    }
    if (body.startsWith('@')) {
      const m = body.match(/^@(\w+)(?:\s+(.*))?$/);
      const key = m?.[1] ?? body.slice(1).split(/\s/)[0];
      if (!m || !(HEADER_KEYS as readonly string[]).includes(key)) {
        fail(
          `未知的模板属性「@${key}」${suggestion(key, HEADER_KEYS) || '：可用 @name @title @description @period @author @region'}`,
          line,
          column,
          file,
        );
      }
      if (stack.length) fail(`模板属性「@${key}」应写在模板开头，不能在块内`, line, column, file);
      const value = (m[2] ?? '').trim();
      header[key as HeaderKey] = value;
      nodes.push({ kind: 'header', key: key as HeaderKey, value, line, column });
      return;
    }

    // Statements without a colon: for, if, elif, else, end, let
    const word = body.match(/^[A-Za-z]+/)?.[0] ?? '';
    if (word === 'for' && /^for\s/.test(body)) {
      const m = body.match(/^for\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\s+(.+)$/);
      if (!m)
        fail(
          '循环应写作 for 变量 in 列表，如 for c in [咸宁市, 黄冈市] 或 for y in years(2016..year)',
          line,
          column,
          file,
        );
      const variable = m[1];
      if ((BUILTIN_VARIABLES as readonly string[]).includes(variable) || FUNCTIONS[variable]) {
        fail(`循环变量不能叫「${variable}」：这是内置的名称`, line, column + 4, file);
      }
      const srcColumn = column + body.length - m[2].length;
      const source = parseExpr(m[2], line, srcColumn, file);
      checkExpr(source, scope, file, false);
      const node: Node & { kind: 'for' } = { kind: 'for', variable, source, body: [], line, column };
      into.push(node);
      stack.push({ node, body: node.body, scope: { vars: new Set([...scope.vars, variable]) } });
      return;
    }
    if ((word === 'if' || word === 'elif') && new RegExp(`^${word}\\s`).test(body)) {
      const src = body.slice(word.length).trimStart();
      const srcColumn = column + body.length - src.length;
      const cond = parseCondition(src, line, srcColumn, file);
      checkExpr(cond.left, scope, file, false);
      if (cond.right) checkExpr(cond.right, scope, file, false);
      if (word === 'if') {
        const node: Node & { kind: 'if' } = { kind: 'if', branches: [], line, column };
        const branch: Branch = { cond, body: [], line, column };
        node.branches.push(branch);
        into.push(node);
        stack.push({ node, body: branch.body, scope: { vars: new Set(scope.vars) } });
      } else {
        const open = stack[stack.length - 1];
        if (open?.node.kind !== 'if') fail('「elif」没有对应的「if」', line, column, file);
        const node = open.node as Node & { kind: 'if' };
        if (node.branches[node.branches.length - 1].cond === null)
          fail('「elif」应写在「else」之前', line, column, file);
        const branch: Branch = { cond, body: [], line, column };
        node.branches.push(branch);
        open.body = branch.body;
      }
      return;
    }
    if (body === 'else' || body === 'end') {
      const open = stack[stack.length - 1];
      if (body === 'else') {
        if (open?.node.kind !== 'if') fail('「else」没有对应的「if」', line, column, file);
        const node = open.node as Node & { kind: 'if' };
        if (node.branches[node.branches.length - 1].cond === null)
          fail('一个「if」只能有一个「else」', line, column, file);
        const branch: Branch = { cond: null, body: [], line, column };
        node.branches.push(branch);
        open.body = branch.body;
        return;
      }
      if (!open) fail('「end」没有对应的「box」「sidebar」「table」「for」或「if」', line, column, file);
      stack.pop();
      return;
    }
    if (word === 'let' && /^let\s/.test(body)) {
      const m = body.match(/^let\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$/);
      if (!m) fail('应写作 let 名称 = 表达式，如 let plan = year+1..year+5', line, column, file);
      if ((BUILTIN_VARIABLES as readonly string[]).includes(m[1]) || FUNCTIONS[m[1]]) {
        fail(`变量不能叫「${m[1]}」：这是内置的名称`, line, column + 4, file);
      }
      const value = parseExpr(m[2], line, column + body.length - m[2].length, file);
      checkExpr(value, scope, file, false);
      scope.vars.add(m[1]);
      into.push({ kind: 'let', name: m[1], value, line, column });
      return;
    }

    const m = body.match(KEYWORD_RE);
    const keyword = m?.[1] ?? body.split(/[:：\s]/)[0];
    if (
      !m ||
      !BLOCK_KEYWORDS.includes(keyword) ||
      ['for', 'if', 'elif', 'else', 'end', 'let'].includes(keyword)
    ) {
      const hint = suggestion(keyword, BLOCK_KEYWORDS);
      fail(`未知的块类型「${keyword}」` + (hint || '：每行应以 p: bullet: h1: 等开头'), line, column, file);
    }
    const rest = body.slice(m[0].length);
    const restColumn = column + m[0].length;
    if (TABLE_ONLY.includes(keyword) && !innerTable()) {
      fail(`「${keyword}:」只能写在 table: … end 之内`, line, column, file);
    }
    if (innerTable() && !TABLE_ALLOWED.includes(keyword)) {
      fail(
        `表格内只能写 head: row: note: widths: style: 以及 for / if / let，这里是「${keyword}」`,
        line,
        column,
        file,
      );
    }
    if ((keyword === 'cover' || keyword === 'toc') && stack.length) {
      fail(`「${keyword}:」不能写在块内`, line, column, file);
    }

    if (keyword === 'box' || keyword === 'sidebar' || keyword === 'table') {
      const title = trimSegments(parseSegments(rest, line, restColumn, file));
      checkSegments(title, scope, file);
      const node: Node & { kind: 'box' | 'table' } =
        keyword === 'table'
          ? { kind: 'table', title, body: [], line, column }
          : { kind: 'box', title, body: [], numbered: keyword === 'box', line, column };
      into.push(node);
      stack.push({ node, body: node.body, scope: { vars: new Set(scope.vars) } });
      return;
    }
    if ((PART_KEYWORDS as readonly string[]).includes(keyword)) {
      const k = keyword as PartKeyword;
      const parts = parseParts(rest, line, restColumn, file, k === 'head' || k === 'row');
      for (const p of parts) checkSegments(p.segments, scope, file);
      if ((k === 'lead' || k === 'runin') && parts.length !== 2) {
        fail(
          `「${k}:」应写作 引导语|正文，如 ${k}: 一是严守生态红线。|…（正文中的「|」写作 \\|）`,
          line,
          restColumn,
          file,
        );
      }
      if (k === 'cover' && parts.length > 3)
        fail('「cover:」应写作 标题第一行 / 第二行 | 发文机关 | 日期', line, restColumn, file);
      into.push({ kind: 'parts', keyword: k, parts, line, column });
      return;
    }
    const segments = parseSegments(rest, line, restColumn, file);
    checkSegments(segments, scope, file);
    into.push({ kind: 'line', keyword: keyword as LineKeyword, segments, line, column });
  });
  if (stack.length) {
    const open = stack[stack.length - 1].node;
    const word = open.kind === 'box' && !open.numbered ? 'sidebar' : open.kind;
    fail(`「${word}」缺少对应的「end」`, open.line, open.column, file);
  }
  if (!header.name) fail('模板缺少 @name', 1, 1, file);
  return { header, nodes };
}

/** Sets a header field, keeping the header lines and the header object in step (for editors). */
export function setHeader(t: ParsedTemplate, key: HeaderKey, value: string): ParsedTemplate {
  const header = { ...t.header, [key]: value };
  let found = false;
  const nodes = t.nodes.map((n) => {
    if (n.kind === 'header' && n.key === key) {
      found = true;
      return { ...n, value };
    }
    return n;
  });
  if (!found) {
    const lastHeader = nodes.map((n) => n.kind).lastIndexOf('header');
    nodes.splice(lastHeader + 1, 0, { kind: 'header', key, value, line: 0, column: 1 });
  }
  return { header, nodes };
}
