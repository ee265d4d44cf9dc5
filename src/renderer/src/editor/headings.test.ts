import { describe, expect, it } from 'vitest';
import { ladderFor, suggestHeading } from './headings';

describe('the right heading level', () => {
  const ladder = ladderFor('调研报告');
  it('starts a document at the first level', () => {
    expect(suggestHeading(ladder, [])).toBe('h1');
  });
  it('goes one level down directly under a heading, skipping empty paragraphs', () => {
    expect(
      suggestHeading(ladder, [
        { type: 'heading', kind: 'h1' },
        { type: 'other', empty: true },
      ]),
    ).toBe('h2');
  });
  it('stays at the level of the nearest heading after body text', () => {
    expect(
      suggestHeading(ladder, [
        { type: 'heading', kind: 'h1' },
        { type: 'heading', kind: 'h2' },
        { type: 'other' },
      ]),
    ).toBe('h2');
  });
  it('uses the template ladder (规划纲要: 章 → 节 → 条目)', () => {
    expect(suggestHeading(ladderFor('规划纲要'), [{ type: 'heading', kind: 'chapter' }])).toBe('section');
    expect(suggestHeading(ladderFor('政府工作报告解读'), [{ type: 'heading', kind: 'theme' }])).toBe('theme');
  });
});
