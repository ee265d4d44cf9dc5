/**
 * The state of a 导入报告 review, as pure functions: each candidate the extractor found, the user's
 * verdict (接受 / 拒绝 / 未定) and any fields they changed; the text cut into plain and highlighted
 * pieces; and the decisions commitReport takes (only the changed fields, so the core's own reading of
 * the words stays the default).
 */
import type { Input, Output } from '../../../shared/api';

export type Candidate = Output<'extractText'>['candidates'][number];
export type Decision = Input<'commitReport'>['decisions'][number];
export type CommitIssue = Output<'commitReport'>['errors'][number];

export type Verdict = 'accept' | 'reject' | 'pending';
export type Level = 'high' | 'medium' | 'low';

/** What the user can change; every field as typed (strings), compared with the candidate's. */
export interface Fields {
  indicator: string;
  /** A new indicator (not in the catalogue): it is created with `unit`. */
  isNew: boolean;
  region: string;
  period: string;
  value: string;
  unit: string;
}

export interface Item {
  /** `${start}:${end}`: the candidate's words, which is also how the core knows it. */
  key: string;
  candidate: Candidate;
  verdict: Verdict;
  fields: Fields;
}

/**
 * Confidence bands. The extractor starts at 0.55, adds 0.2 for a catalogue indicator and 0.1 for a
 * year stated in the sentence (figures.ts): 高 = a catalogue match, 中 = at least a stated year.
 */
export const LEVELS: { level: Level; min: number }[] = [
  { level: 'high', min: 0.75 },
  { level: 'medium', min: 0.6 },
  { level: 'low', min: 0 },
];

export function levelOf(confidence: number): Level {
  return LEVELS.find((l) => confidence >= l.min)!.level;
}

export function keyOf(c: { start: number; end: number }): string {
  return `${c.start}:${c.end}`;
}

export function fieldsOf(c: Candidate): Fields {
  return {
    indicator: c.indicator,
    isNew: c.indicatorMatch === 'new',
    region: c.region ?? '',
    period: c.period ?? '',
    value: String(c.value),
    unit: c.unit,
  };
}

export function initialItems(candidates: readonly Candidate[]): Item[] {
  return [...candidates]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((c) => ({ key: keyOf(c), candidate: c, verdict: 'pending', fields: fieldsOf(c) }));
}

/** Accepts every undecided candidate at or above the band's confidence (a rejection stays). */
export function acceptFrom(items: readonly Item[], level: Level): Item[] {
  const min = LEVELS.find((l) => l.level === level)!.min;
  return items.map((i) =>
    i.verdict === 'pending' && i.candidate.confidence >= min ? { ...i, verdict: 'accept' } : i,
  );
}

export function countAtLeast(items: readonly Item[], level: Level): number {
  const min = LEVELS.find((l) => l.level === level)!.min;
  return items.filter((i) => i.verdict === 'pending' && i.candidate.confidence >= min).length;
}

export function setVerdict(items: readonly Item[], key: string, verdict: Verdict): Item[] {
  return items.map((i) => (i.key === key ? { ...i, verdict } : i));
}

/** Changes fields; editing a candidate accepts it (the user means to keep it). */
export function editFields(items: readonly Item[], key: string, patch: Partial<Fields>): Item[] {
  return items.map((i) =>
    i.key === key
      ? { ...i, fields: { ...i.fields, ...patch }, verdict: i.verdict === 'reject' ? 'reject' : 'accept' }
      : i,
  );
}

export function resetFields(items: readonly Item[], key: string): Item[] {
  return items.map((i) => (i.key === key ? { ...i, fields: fieldsOf(i.candidate) } : i));
}

export function isEdited(item: Item): boolean {
  const f = fieldsOf(item.candidate);
  return (Object.keys(f) as (keyof Fields)[]).some((k) => f[k] !== item.fields[k]);
}

export function counts(items: readonly Item[]): Record<Verdict, number> {
  const n = { accept: 0, reject: 0, pending: 0 };
  for (const i of items) n[i.verdict]++;
  return n;
}

/** The number typed (full-width digits, commas, a leading minus), a ratio "12.5:44.2:43.3" as text. */
export function parseValue(raw: string): number | string {
  const s = raw
    .normalize('NFKC')
    .trim()
    .replace(/[,，\s]/g, '')
    .replace(/^[−–]/, '-');
  if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return Number(s);
  return s;
}

/**
 * The decisions for commitReport: every candidate, accepted or not (未定 ones are not imported), with
 * the fields the user changed. A pending candidate counts as rejected.
 */
export function toDecisions(items: readonly Item[]): Decision[] {
  return items.map((i) => {
    const d: Decision = { start: i.candidate.start, end: i.candidate.end, accept: i.verdict === 'accept' };
    if (!d.accept) return d;
    const orig = fieldsOf(i.candidate);
    const f = i.fields;
    if (f.indicator.trim() !== orig.indicator || f.isNew !== orig.isNew) d.indicator = f.indicator.trim();
    if (f.region.trim() !== orig.region) d.region = f.region.trim();
    if (f.period.trim() !== orig.period) d.period = f.period.trim();
    if (f.value.trim() !== orig.value) d.value = parseValue(f.value);
    // A new indicator needs its unit; a catalogue one takes the unit the value is written in.
    if (f.unit.trim() !== orig.unit || (f.isNew && d.indicator !== undefined)) d.unit = f.unit.trim();
    return d;
  });
}

export interface Segment {
  text: string;
  /** The item highlighted here, if any. */
  key: string | null;
}

/** The text cut at the candidates' offsets (UTF-16, as the API gives them); overlapping ones are left plain. */
export function segments(text: string, items: readonly Item[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const i of items) {
    const { start, end } = i.candidate;
    if (start < at || end > text.length || start >= end) continue;
    if (start > at) out.push({ text: text.slice(at, start), key: null });
    out.push({ text: text.slice(start, end), key: i.key });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), key: null });
  return out;
}

/** The problems the commit reported, by candidate (a problem not at a candidate's words: under ''). */
export function issuesByKey(issues: readonly CommitIssue[], items: readonly Item[]): Map<string, string[]> {
  const keys = new Set(items.map((i) => i.key));
  const map = new Map<string, string[]>();
  for (const issue of issues) {
    const k = keys.has(keyOf(issue)) ? keyOf(issue) : '';
    map.set(k, [...(map.get(k) ?? []), issue.message]);
  }
  return map;
}
