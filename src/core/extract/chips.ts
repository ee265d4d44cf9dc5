/**
 * Figures of a report's text → value chips in the document built from that text (structure.ts).
 *
 * A figure is a span of the input (UTF-16 offsets, as `extractFigures` gives them). The structure step
 * joins wrapped lines, converts punctuation to full width, drops Markdown marks and heading labels, and
 * cuts lead phrases off paragraphs, so input offsets do not survive into the blocks. They are carried
 * over in three exact steps instead:
 *   1. input offset → character of its paragraph (the paragraph's text is the input with line breaks
 *      and the spaces around them left out, so the two are aligned character by character);
 *   2. paragraph → the block(s) built from it (`structureOf` records each block's paragraphs);
 *   3. the words, as the block writes them, are looked up in the block's text places (lead, runs,
 *      table cells …) in reading order: the k-th occurrence of the words in the paragraphs is the k-th
 *      occurrence in the block, whatever was cut or converted around them.
 * Pure: no database; the provenance of each chip is given by the caller.
 */
import type { Block, BriefDocument, Inline, Provenance } from '../doc/model';
import type { RawParagraph } from './normalize';
import { fullWidthPunctuation, type StructuredText } from './structure';

export interface ChipPlacement {
  start: number;
  end: number;
  provenance: Provenance[];
}

export interface Unplaced {
  start: number;
  end: number;
  text: string;
  reason: string;
}

/** A place in a block that holds text, with a way to turn [from, to) of it into a value run. */
interface Slot {
  text: string;
  /** The chip's text, or a reason it cannot be made here. */
  bind(from: number, to: number, provenance: Provenance[]): { ok: true } | { ok: false; reason: string };
}

const runsText = (runs: Inline[]) => runs.map((r) => r.text).join('');

/**
 * Replaces [from, to) of the runs' text by one value run carrying `provenance`. Text runs are split at
 * the ends; the span must not touch a value or missing run (it would be bound twice).
 */
function bindRuns(runs: Inline[], from: number, to: number, provenance: Provenance[]): Inline[] | null {
  const out: Inline[] = [];
  let words = '';
  let pos = 0;
  let placed = false;
  for (const r of runs) {
    const a = pos;
    const b = pos + r.text.length;
    pos = b;
    if (!(a < to && b > from)) {
      out.push(r);
      continue;
    }
    if (r.type !== 'text') return null;
    if (a < from) out.push({ ...r, text: r.text.slice(0, from - a) });
    words += r.text.slice(Math.max(0, from - a), Math.min(r.text.length, to - a));
    if (b >= to) {
      out.push({ type: 'value', text: words, provenance });
      placed = true;
      if (b > to) out.push({ ...r, text: r.text.slice(to - a) });
    }
  }
  return placed ? out : null;
}

function runsSlot(get: () => Inline[], set: (runs: Inline[]) => void): Slot {
  return {
    text: runsText(get()),
    bind(from, to, provenance) {
      const next = bindRuns(get(), from, to, provenance);
      if (!next) return { ok: false, reason: '与已绑定的数字重叠' };
      set(next);
      return { ok: true };
    },
  };
}

function fixedSlot(text: string, where: string): Slot {
  return { text, bind: () => ({ ok: false, reason: `数字在${where}中，该处不能放置数据绑定` }) };
}

/** The text places of one block (not its children), in the order they print. */
function slotsOf(b: Block): Slot[] {
  switch (b.type) {
    case 'paragraph': {
      const slots: Slot[] = [];
      if (b.runInHeading) slots.push(fixedSlot(b.runInHeading, '（一）式标题'));
      const lead = b.lead;
      if (lead) {
        // A value in a lead phrase: the lead becomes bold runs in front of the body (it prints the same).
        slots.push({
          text: lead,
          bind(from, to, provenance) {
            const runs = bindRuns([{ type: 'text', text: lead, bold: true }], from, to, provenance);
            if (!runs) return { ok: false, reason: '与已绑定的数字重叠' };
            delete b.lead;
            b.runs = [...runs, ...b.runs];
            return { ok: true };
          },
        });
      }
      slots.push(
        runsSlot(
          () => b.runs,
          (runs) => (b.runs = runs),
        ),
      );
      return slots;
    }
    case 'heading':
    case 'title':
    case 'subtitle':
    case 'byline':
    case 'kicker':
      return [
        runsSlot(
          () => b.runs ?? [{ type: 'text', text: b.text }],
          (runs) => (b.runs = runs),
        ),
      ];
    case 'table': {
      const slots: Slot[] = [];
      for (const row of [...b.header, ...b.rows])
        for (const cell of row)
          slots.push(
            runsSlot(
              () => cell.runs,
              (runs) => (cell.runs = runs),
            ),
          );
      if (b.notes)
        slots.push(
          runsSlot(
            () => b.notes ?? [],
            (runs) => (b.notes = runs),
          ),
        );
      return slots;
    }
    case 'box':
      return [fixedSlot(b.title, '专栏标题')];
    case 'cover':
      return [...b.titleLines, b.issuer, b.date].map((t) => fixedSlot(t, '封面'));
    default:
      return [];
  }
}

/** Input offset of each character of the paragraph's text (lines joined, ends trimmed, so aligned). */
function inputOffsets(input: string, p: RawParagraph): number[] {
  const out = new Array<number>(p.text.length);
  let j = p.start;
  for (let i = 0; i < p.text.length; i++) {
    while (j < p.end && input[j] !== p.text[i]) j++;
    out[i] = j;
    j++;
  }
  return out;
}

/** The paragraph's text as the blocks write it (full-width punctuation, no "**"), with an index map. */
function blockForm(text: string): { text: string; at: number[] } {
  const fw = fullWidthPunctuation(text);
  let out = '';
  const at: number[] = [];
  for (let i = 0; i < fw.length; i++) {
    at.push(out.length);
    if (fw.startsWith('**', i)) {
      at.push(out.length);
      i++;
      continue;
    }
    out += fw[i];
  }
  at.push(out.length);
  return { text: out, at };
}

function occurrencesBefore(haystack: string, needle: string, before: number): number {
  let n = 0;
  for (let k = haystack.indexOf(needle); k >= 0 && k < before; k = haystack.indexOf(needle, k + 1)) n++;
  return n;
}

/**
 * Turns each figure's words into a value run carrying its provenance. Mutates and returns the
 * structure's document (the origins map is keyed by its blocks). Figures that cannot be placed are
 * listed with the reason; none is placed twice.
 */
export function bindFigures(
  input: string,
  structured: StructuredText,
  figures: readonly ChipPlacement[],
): { document: BriefDocument; unplaced: Unplaced[] } {
  const { paragraphs, origins, document } = structured;
  const unplaced: Unplaced[] = [];
  // Paragraph → the blocks built from it, innermost (box contents) included.
  const byParagraph = new Map<number, Block[]>();
  const index = (blocks: Block[]) => {
    for (const b of blocks) {
      const o = origins.get(b);
      if (o) for (let k = o.first; k <= o.last; k++) byParagraph.set(k, [...(byParagraph.get(k) ?? []), b]);
      if (b.type === 'box') index(b.blocks);
    }
  };
  index(document.blocks);
  const offsets = new Map<number, number[]>();
  const forms = new Map<number, { text: string; at: number[] }>();
  const formOf = (k: number) => {
    let f = forms.get(k);
    if (!f) forms.set(k, (f = blockForm(paragraphs[k].text)));
    return f;
  };

  const paragraphAt = (pos: number): number => {
    let lo = 0;
    let hi = paragraphs.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (paragraphs[mid].start <= pos) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best >= 0 && pos < paragraphs[best].end ? best : -1;
  };

  for (const f of [...figures].sort((a, b) => a.start - b.start)) {
    const words = input.slice(f.start, f.end);
    const miss = (reason: string) => unplaced.push({ start: f.start, end: f.end, text: words, reason });
    const k = paragraphAt(f.start);
    if (k < 0) {
      miss('不在任何段落中');
      continue;
    }
    const p = paragraphs[k];
    if (f.end > p.end) {
      miss('跨越了段落');
      continue;
    }
    let pos = offsets.get(k);
    if (!pos) offsets.set(k, (pos = inputOffsets(input, p)));
    let a = 0;
    while (a < pos.length && pos[a] < f.start) a++;
    let b = a;
    while (b < pos.length && pos[b] < f.end) b++;
    if (b <= a) {
      miss('文字为空');
      continue;
    }
    // The innermost block built from the paragraph (a box's own paragraph is only its title line).
    const block = byParagraph.get(k)?.at(-1);
    if (!block) {
      miss('所在段落没有进入文档（如目录）');
      continue;
    }
    // The words as the block writes them, and which occurrence of them in the block's paragraphs.
    const o = origins.get(block)!;
    let source = '';
    let here = 0;
    for (let q = o.first; q <= o.last; q++) {
      if (q === k) here = source.length;
      source += formOf(q).text + '\n';
    }
    const form = formOf(k);
    const target = form.text.slice(form.at[a], form.at[b]);
    if (target === '') {
      miss('文字为空');
      continue;
    }
    const nth = occurrencesBefore(source, target, here + form.at[a]);
    let seen = 0;
    let done = false;
    let reason = '在文档中找不到这段文字';
    outer: for (const slot of slotsOf(block)) {
      for (let at = slot.text.indexOf(target); at >= 0; at = slot.text.indexOf(target, at + 1)) {
        if (seen++ < nth) continue;
        const r = slot.bind(at, at + target.length, f.provenance);
        if (r.ok) done = true;
        else reason = r.reason;
        break outer;
      }
    }
    if (!done) miss(reason);
  }
  return { document, unplaced };
}
