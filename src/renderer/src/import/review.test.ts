import { describe, expect, it } from 'vitest';
import {
  acceptFrom,
  countAtLeast,
  counts,
  editFields,
  initialItems,
  isEdited,
  issuesByKey,
  levelOf,
  parseValue,
  resetFields,
  segments,
  setVerdict,
  toDecisions,
  type Candidate,
} from './review';

const text = '全市地区生产总值1594.98亿元，增长7.8%。减贫30010人。';
function cand(words: string, extra: Partial<Candidate>): Candidate {
  const start = text.indexOf(words);
  return {
    indicator: '地区生产总值',
    indicatorMatch: 'catalogue',
    indicatorCode: 'GDP',
    phrase: words,
    region: '咸宁市',
    period: '2019',
    value: 0,
    valueTo: null,
    unit: '亿元',
    qualifier: null,
    relation: null,
    text: words,
    start,
    end: start + words.length,
    confidence: 0.85,
    ...extra,
  };
}
const gdp = cand('地区生产总值1594.98亿元', { value: 1594.98 });
const growth = cand('增长7.8%', { indicator: '地区生产总值增长', value: 7.8, unit: '%', confidence: 0.65 });
const poor = cand('减贫30010人', {
  indicator: '减贫',
  indicatorMatch: 'new',
  indicatorCode: null,
  value: 30010,
  unit: '人',
  period: null,
  confidence: 0.55,
});

describe('导入报告 review state', () => {
  it('bands confidence: 高 a catalogue match, 中 a stated year, 低 the rest', () => {
    expect([0.85, 0.75, 0.65, 0.6, 0.55, 0.3].map(levelOf)).toEqual([
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
    ]);
  });

  it('starts undecided, in text order, and accepts in bulk from a band (rejections stay)', () => {
    let items = initialItems([poor, gdp, growth]);
    expect(items.map((i) => i.candidate.text)).toEqual([gdp.text, growth.text, poor.text]);
    expect(counts(items)).toEqual({ accept: 0, reject: 0, pending: 3 });
    expect(countAtLeast(items, 'high')).toBe(1);
    items = acceptFrom(items, 'high');
    expect(items.map((i) => i.verdict)).toEqual(['accept', 'pending', 'pending']);
    items = setVerdict(items, items[1].key, 'reject');
    items = acceptFrom(items, 'low');
    expect(items.map((i) => i.verdict)).toEqual(['accept', 'reject', 'accept']);
  });

  it('sends every decision, with only the fields the user changed', () => {
    let items = initialItems([gdp, growth, poor]);
    items = acceptFrom(items, 'high');
    items = editFields(items, items[2].key, { indicator: '减贫人口', period: '2014' });
    expect(isEdited(items[2])).toBe(true);
    expect(items[2].verdict).toBe('accept');
    expect(toDecisions(items)).toEqual([
      { start: gdp.start, end: gdp.end, accept: true },
      { start: growth.start, end: growth.end, accept: false },
      { start: poor.start, end: poor.end, accept: true, indicator: '减贫人口', period: '2014', unit: '人' },
    ]);
    items = resetFields(items, items[2].key);
    expect(isEdited(items[2])).toBe(false);
  });

  it('maps a new indicator to the catalogue, and a typed value to a number', () => {
    let items = initialItems([poor]);
    items = editFields(items, items[0].key, {
      indicator: '地区生产总值',
      isNew: false,
      value: '３０，０１１',
      unit: '万人',
    });
    expect(toDecisions(items)[0]).toEqual({
      start: poor.start,
      end: poor.end,
      accept: true,
      indicator: '地区生产总值',
      value: 30011,
      unit: '万人',
    });
    expect(parseValue('−17.5')).toBe(-17.5);
    expect(parseValue('12.5:44.2:43.3')).toBe('12.5:44.2:43.3');
  });

  it('an edit does not undo a rejection', () => {
    let items = initialItems([gdp]);
    items = setVerdict(items, items[0].key, 'reject');
    items = editFields(items, items[0].key, { region: '咸安区' });
    expect(toDecisions(items)).toEqual([{ start: gdp.start, end: gdp.end, accept: false }]);
  });

  it('cuts the text at the candidates, leaving overlaps plain', () => {
    const overlap = cand('1594.98亿元', { value: 1594.98 });
    const parts = segments(text, initialItems([gdp, overlap, poor]));
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.key).map((p) => p.text)).toEqual([gdp.text, poor.text]);
  });

  it('files the commit’s problems under their candidates', () => {
    const items = initialItems([gdp, poor]);
    const map = issuesByKey(
      [
        { start: poor.start, end: poor.end, text: poor.text, message: '没有时间' },
        { start: 0, end: 0, text: '', message: '报告内容为空' },
      ],
      items,
    );
    expect(map.get(items[1].key)).toEqual(['没有时间']);
    expect(map.get('')).toEqual(['报告内容为空']);
  });
});
