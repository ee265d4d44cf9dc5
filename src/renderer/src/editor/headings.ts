/**
 * Which heading levels a briefing uses and which one a new heading should be: the ladders of the
 * house style per template (style-spec §A.0), and "the right level" at the cursor.
 */
import type { HeadingKind } from '../../../core/doc/model';

const LADDERS: Record<string, HeadingKind[]> = {
  调研报告: ['h1', 'h2', 'h3', 'h4'],
  专题报道: ['part', 'h1', 'theme', 'h2'],
  政府工作报告解读: ['question', 'theme'],
  规划纲要: ['chapter', 'section', 'item'],
};
const DEFAULT_LADDER: HeadingKind[] = ['h1', 'h2', 'h3', 'h4'];

export function ladderFor(template: string): HeadingKind[] {
  return LADDERS[template] ?? DEFAULT_LADDER;
}

/**
 * The kind a heading inserted at the cursor should have: directly under a heading, one level down
 * (a new sub-section); after body text, the level of the nearest heading above (a sibling); at the
 * top of a document, the first level. `before` lists the blocks above the cursor, nearest last.
 */
export function suggestHeading(
  ladder: readonly HeadingKind[],
  before: readonly ({ type: 'heading'; kind: HeadingKind } | { type: 'other'; empty?: boolean })[],
): HeadingKind {
  let k = before.length - 1;
  // Skip empty paragraphs the cursor may sit in.
  while (k >= 0 && before[k].type === 'other' && (before[k] as { empty?: boolean }).empty) k--;
  if (k < 0) return ladder[0];
  const directlyUnder = before[k].type === 'heading';
  for (let i = k; i >= 0; i--) {
    const b = before[i];
    if (b.type !== 'heading') continue;
    const level = ladder.indexOf(b.kind);
    if (level < 0) return b.kind;
    if (directlyUnder) return ladder[Math.min(level + 1, ladder.length - 1)];
    return b.kind;
  }
  return ladder[0];
}
