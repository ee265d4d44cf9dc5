/**
 * Writes a parsed template back as text, in the canonical layout: one statement per line,
 * `keyword: text`, two spaces of indent per open block, `, ` between arguments. For a file already
 * in that layout (the built-in templates) serializeTemplate(parseTemplate(x)) === x; for any file,
 * parsing the result gives the same template as parsing the file (positions aside).
 */
import type {
  CellAttrs,
  Condition,
  Expr,
  HeaderKey,
  Node,
  ParsedTemplate,
  Part,
  PartKeyword,
  Segment,
} from './parse';

const STOP = /[,，()[\]{}"「」=<>!|\\]/;

/** Whether a string can be written as a bare word and read back as the same string. */
function bareWord(s: string): boolean {
  return (
    s !== '' &&
    s === s.trim() &&
    !/[\r\n]/.test(s) &&
    !STOP.test(s) &&
    !s.includes('..') &&
    !/^-?\d+(\.\d+)?$/.test(s) &&
    !/^[A-Za-z_][A-Za-z0-9_]*(\s*[+-]\s*\d+)?$/.test(s)
  );
}

function plainNumber(n: number): string {
  if (Object.is(n, -0)) return '-0';
  const s = String(n);
  if (!/e/i.test(s)) return s;
  if (Number.isInteger(n)) return BigInt(n).toString();
  return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

export function serializeExpr(e: Expr): string {
  switch (e.kind) {
    case 'string':
      return bareWord(e.value) ? e.value : `"${e.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    case 'number':
      return plainNumber(e.value);
    case 'var':
      return e.name + (e.offset > 0 ? `+${e.offset}` : e.offset < 0 ? `-${-e.offset}` : '');
    case 'call': {
      const args = [
        ...e.args.map(serializeExpr),
        ...Object.entries(e.named).map(([k, v]) => `${k}=${serializeExpr(v)}`),
      ];
      return `${e.name}(${args.join(', ')})`;
    }
    case 'list':
      return `[${e.items.map(serializeExpr).join(', ')}]`;
    case 'range':
      return `${serializeExpr(e.from)}..${serializeExpr(e.to)}`;
  }
}

function serializeCondition(c: Condition): string {
  return c.op && c.right
    ? `${serializeExpr(c.left)} ${c.op} ${serializeExpr(c.right)}`
    : serializeExpr(c.left);
}

/** Text with expressions; in parts, "|" is escaped as "\|". */
export function serializeSegments(segments: Segment[], inPart = false): string {
  return segments
    .map((s) => {
      if (s.kind === 'expr') return `{${serializeExpr(s.expr)}}`;
      const t = s.text.replace(/\{/g, '{{').replace(/\}/g, '}}');
      return inPart ? t.replace(/\|/g, '\\|') : t;
    })
    .join('');
}

function serializeAttrs(p: CellAttrs): string[] {
  const out: string[] = [];
  if (p.rowSpan !== undefined) out.push(`rowspan=${p.rowSpan}`);
  if (p.colSpan !== undefined) out.push(`colspan=${p.colSpan}`);
  if (p.align !== undefined) out.push(`align=${p.align}`);
  if (p.bold) out.push('bold');
  return out;
}

function serializePart(p: Part, keyword: PartKeyword): string {
  const text = serializeSegments(p.segments, true);
  if (keyword !== 'head' && keyword !== 'row') return text;
  const attrs = serializeAttrs(p);
  if (attrs.length === 0 && !text.startsWith('[')) return text;
  return `[${attrs.join(', ')}]${text ? ` ${text}` : ''}`;
}

function keywordLine(keyword: string, text: string): string {
  return text === '' ? keyword : `${keyword}: ${text}`;
}

function serializeNodes(
  nodes: Node[],
  depth: number,
  out: string[],
  header: ParsedTemplate['header'],
  extra: string[] = [],
): void {
  const pad = '  '.repeat(depth);
  const lastHeader = new Map<HeaderKey, number>();
  nodes.forEach((n, i) => n.kind === 'header' && lastHeader.set(n.key, i));
  const afterHeaders = Math.max(-1, ...lastHeader.values());
  if (afterHeaders < 0) out.push(...extra);
  nodes.forEach((n, i) => {
    switch (n.kind) {
      case 'blank':
        out.push('');
        break;
      case 'comment':
        out.push(`${pad}//${n.text}`);
        break;
      case 'header': {
        // The header object wins for the last line of a key (editors may change it directly).
        const value = lastHeader.get(n.key) === i ? header[n.key] : n.value;
        out.push(value ? `@${n.key} ${value}` : `@${n.key}`);
        if (i === afterHeaders) out.push(...extra);
        break;
      }
      case 'line':
        out.push(pad + keywordLine(n.keyword, serializeSegments(n.segments)));
        break;
      case 'parts': {
        const text = n.parts.map((p) => serializePart(p, n.keyword)).join(' | ');
        out.push(pad + keywordLine(n.keyword, text.trimEnd()));
        break;
      }
      case 'let':
        out.push(`${pad}let ${n.name} = ${serializeExpr(n.value)}`);
        break;
      case 'for':
        out.push(`${pad}for ${n.variable} in ${serializeExpr(n.source)}`);
        serializeNodes(n.body, depth + 1, out, header);
        out.push(`${pad}end`);
        break;
      case 'if':
        n.branches.forEach((b, k) => {
          out.push(
            pad + (b.cond === null ? 'else' : `${k === 0 ? 'if' : 'elif'} ${serializeCondition(b.cond)}`),
          );
          serializeNodes(b.body, depth + 1, out, header);
        });
        out.push(`${pad}end`);
        break;
      case 'box':
      case 'table':
        out.push(
          pad +
            keywordLine(
              n.kind === 'box' && n.numbered === false ? 'sidebar' : n.kind,
              serializeSegments(n.title),
            ),
        );
        serializeNodes(n.body, depth + 1, out, header);
        out.push(`${pad}end`);
        break;
    }
  });
}

/** The template as text (UTF-8, "\n" line ends, a final newline). */
export function serializeTemplate(t: ParsedTemplate): string {
  const out: string[] = [];
  const present = new Set(t.nodes.flatMap((n) => (n.kind === 'header' ? [n.key] : [])));
  const extra = (Object.keys(t.header) as HeaderKey[])
    .filter((k) => !present.has(k) && t.header[k])
    .map((k) => `@${k} ${t.header[k]}`);
  serializeNodes(t.nodes, 0, out, t.header, extra);
  return out.join('\n') + '\n';
}
