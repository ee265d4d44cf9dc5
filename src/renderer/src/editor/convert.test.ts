import { describe, expect, it } from 'vitest';
import type { BriefDocument, Provenance } from '../../../core/doc/model';
import { chipsOf, docToJson, jsonToDoc } from './convert';

const prov: Provenance = {
  indicatorCode: 'I0098',
  indicator: '各项贷款同比增速',
  region: '咸宁市',
  period: '2020',
  value: 16.4,
  unit: '%',
  status: null,
  source: '咸宁日报',
  revision: 0,
};

const doc: BriefDocument = {
  meta: { title: '解读', author: '', date: '2021-01-01', template: '政府工作报告解读', period: '2020' },
  blocks: [
    { type: 'kicker', text: '政府工作报告解读' },
    { type: 'heading', kind: 'question', text: '2020年，咸宁怎么看？' },
    { type: 'heading', kind: 'h1', text: '总体情况', label: '一、' },
    {
      type: 'heading',
      kind: 'theme',
      text: '贷款增长16.4%',
      runs: [
        { type: 'text', text: '贷款' },
        { type: 'value', text: '增长16.4%', provenance: [prov] },
      ],
    },
    {
      type: 'paragraph',
      bullet: true,
      runs: [
        { type: 'text', text: '各项贷款同比' },
        { type: 'value', text: '增长16.4%', provenance: [prov], ref: 2 } as never,
        { type: 'text', text: '，CO' },
        { type: 'text', text: '2', subscript: true },
        { type: 'text', text: '排放', bold: true },
        { type: 'missing', text: '【缺数：某指标】', reason: '数据库中没有' },
      ],
    },
    { type: 'paragraph', lead: '一是严守生态红线。', runs: [{ type: 'text', text: '正文' }] },
    {
      type: 'paragraph',
      runInHeading: '工业增加值占比高。',
      runInLabel: '（一）',
      runs: [{ type: 'text', text: '正文' }],
    },
    {
      type: 'box',
      title: '专栏标题',
      label: '专栏1',
      blocks: [
        {
          type: 'paragraph',
          runs: [{ type: 'value', text: '1594.98亿元', provenance: [prov], expr: 'v("GDP")' } as never],
        },
      ],
    },
    {
      type: 'figure',
      chart: {
        type: 'bar',
        title: '',
        categories: ['a'],
        series: [{ name: 's', values: [1], unit: '亿元' }],
      },
      caption: '图',
    },
    {
      type: 'table',
      title: '表',
      widthsMm: [156],
      header: [[{ runs: [{ type: 'text', text: '指标' }] }]],
      rows: [[{ runs: [{ type: 'value', text: '1', provenance: [prov] }] }]],
      rules: 'three-line',
    },
    { type: 'toc', title: '目录' },
    { type: 'pageBreak' },
  ],
};

describe('document model ↔ editor JSON', () => {
  it('round-trips every block kind, dropping only computed labels', () => {
    const json = docToJson(doc, () => 'u');
    const back = jsonToDoc(json, doc.meta);
    const expected = structuredClone(doc);
    delete (expected.blocks[2] as { label?: string }).label;
    delete (expected.blocks[6] as { runInLabel?: string }).runInLabel;
    delete (expected.blocks[7] as { label?: string }).label;
    expect(back).toEqual(expected);
  });

  it('turns values into chips that keep provenance and how to re-word them', () => {
    const chips = chipsOf(docToJson(doc, () => 'u'));
    expect(chips).toHaveLength(3);
    expect(chips[1]).toMatchObject({ text: '增长16.4%', ref: 2, expr: null, uid: 'u' });
    expect(chips[2]).toMatchObject({ expr: 'v("GDP")', ref: null });
    expect(chips[1].provenance[0].revision).toBe(0);
  });

  it('keeps lead and run-in heading as marked text at the start of the paragraph', () => {
    const json = docToJson(doc, () => 'u');
    const lead = json.content![5].content![0];
    expect(lead).toEqual({ type: 'text', text: '一是严守生态红线。', marks: [{ type: 'lead' }] });
    expect(json.content![6].content![0].marks).toEqual([{ type: 'runIn' }]);
  });

  it('drops the empty paragraph the editor keeps at the end', () => {
    const json = docToJson({ meta: doc.meta, blocks: [{ type: 'title', text: 'T' }] });
    json.content!.push({ type: 'paragraph' });
    expect(jsonToDoc(json, doc.meta).blocks).toEqual([{ type: 'title', text: 'T' }]);
  });
});
