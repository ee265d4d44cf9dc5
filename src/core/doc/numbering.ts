/**
 * The numbering pass: fills the literal labels of the heading ladders (style-spec §A.0, §0.1 item 6:
 * literal text numbering, not Word list numbering).
 *
 * Ladders:
 * - 调研报告 / GB:  一、 (h1) → （一） (h2, stand-alone or run-in) → 1. (h3) → （1） (h4)
 * - 规划纲要:       第X章 (chapter) → 第X节 (section) → 一、 (item)
 *
 * A heading restarts every level below it: a new 一、 restarts （一）; a new 第X章 restarts 第X节 and
 * the item 一、; a new 第X节 restarts the item 一、. A heading with `numbered: false` gets no label
 * and does not advance its counter, but still restarts the levels below it. question / theme / part
 * headings are never numbered and change no counter. A document `title` block starts a new piece
 * (seed 000 carries three pieces on one page) and restarts every ladder.
 *
 * Paragraphs with `runInHeading` are （一） headings run into their paragraph: they share the h2
 * counter with stand-alone h2 headings under the same 一、, and get `runInLabel`.
 *
 * Boxes are numbered "专栏 1", "专栏 2", … in reading order across the whole document (nested boxes
 * included). Headings inside a box are numbered on their own ladder and do not disturb the main one.
 *
 * Pure: returns new block objects for everything it labels; the input is not modified.
 */
import type { Block, BoxBlock, HeadingBlock, HeadingKind, ParagraphBlock } from './model';
import { NumeralError, chineseOrdinalLabel } from './numerals';

export type NumberingErrorCode = 'bad-input' | 'too-many';

/** The only error this module throws. */
export class NumberingError extends Error {
  readonly code: NumberingErrorCode;
  /** Index path of the offending block (top level first, then inside boxes). */
  readonly path: readonly number[];
  constructor(code: NumberingErrorCode, message: string, path: readonly number[] = []) {
    super(message);
    this.name = 'NumberingError';
    this.code = code;
    this.path = path;
  }
}

type NumberedKind = 'chapter' | 'section' | 'h1' | 'item' | 'h2' | 'h3' | 'h4';

/** Depth on the ladder: a heading restarts the counters of every deeper kind. */
const RANK: Readonly<Record<NumberedKind, number>> = {
  chapter: 0,
  section: 1,
  h1: 2,
  item: 2,
  h2: 3,
  h3: 4,
  h4: 5,
};
const NUMBERED_KINDS = Object.keys(RANK) as NumberedKind[];
const UNNUMBERED_KINDS: readonly HeadingKind[] = ['question', 'theme', 'part'];

/** "专栏 1": a half-width space between 专栏 and the number, as in seed 004 (style-spec §A.5, §C.4). */
export function boxLabel(n: number): string {
  if (!Number.isInteger(n) || n < 1)
    throw new NumberingError('bad-input', `专栏编号必须是正整数：${String(n)}`);
  return `专栏 ${n}`;
}

type Counters = Record<NumberedKind, number>;

function freshCounters(): Counters {
  return { chapter: 0, section: 0, h1: 0, item: 0, h2: 0, h3: 0, h4: 0 };
}

function restartBelow(c: Counters, rank: number): void {
  for (const k of NUMBERED_KINDS) if (RANK[k] > rank) c[k] = 0;
}

function label(kind: NumberedKind, n: number, path: readonly number[]): string {
  try {
    return chineseOrdinalLabel(kind, n);
  } catch (e) {
    if (e instanceof NumeralError) {
      throw new NumberingError('too-many', `标题序号超出范围（${kind} 第 ${n} 个）`, path);
    }
    throw e;
  }
}

function withoutLabel(h: HeadingBlock): HeadingBlock {
  const { label: _label, ...rest } = h;
  return rest;
}

function withoutRunInLabel(p: ParagraphBlock): ParagraphBlock {
  const { runInLabel: _runInLabel, ...rest } = p;
  return rest;
}

interface Ctx {
  boxes: number;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function numberList(blocks: readonly Block[], ctx: Ctx, path: readonly number[]): Block[] {
  if (!Array.isArray(blocks)) throw new NumberingError('bad-input', '需要块的数组', path);
  const c = freshCounters();
  return blocks.map((b: unknown, i): Block => {
    const here = [...path, i];
    if (!isObject(b) || typeof b.type !== 'string') {
      throw new NumberingError('bad-input', `第 ${here.join('.')} 块不是有效的文档块`, here);
    }
    const block = b as unknown as Block;
    switch (block.type) {
      case 'title':
        for (const k of NUMBERED_KINDS) c[k] = 0;
        return block;
      case 'heading': {
        const kind = block.kind;
        if ((UNNUMBERED_KINDS as readonly string[]).includes(kind)) return withoutLabel(block);
        if (!(NUMBERED_KINDS as readonly string[]).includes(kind)) {
          throw new NumberingError('bad-input', `未知的标题类型：${String(kind)}`, here);
        }
        const k = kind as NumberedKind;
        restartBelow(c, RANK[k]);
        if (block.numbered === false) return withoutLabel(block);
        c[k] += 1;
        return { ...block, label: label(k, c[k], here) };
      }
      case 'paragraph': {
        if (typeof block.runInHeading !== 'string') {
          return block.runInLabel === undefined ? block : withoutRunInLabel(block);
        }
        restartBelow(c, RANK.h2);
        c.h2 += 1;
        return { ...block, runInLabel: label('h2', c.h2, here) };
      }
      case 'box': {
        if (block.numbered === false) {
          // An un-numbered sidebar (专题报道): no "专栏 N" label, and the count of 专栏 runs on past it.
          const { label: _label, ...rest } = block;
          return { ...rest, blocks: numberList(block.blocks, ctx, here) };
        }
        ctx.boxes += 1;
        const box: BoxBlock = { ...block, label: boxLabel(ctx.boxes) };
        box.blocks = numberList(block.blocks, ctx, here);
        return box;
      }
      default:
        return block;
    }
  });
}

/**
 * Fills `label` of numbered headings, `runInLabel` of run-in （一） paragraphs and `label` of boxes
 * ("专栏 N"). Stale labels on blocks that are no longer numbered are removed, so removing or
 * reordering blocks and re-running the pass renumbers the rest.
 */
export function numberHeadings(blocks: readonly Block[]): Block[] {
  return numberList(blocks, { boxes: 0 }, []);
}
