// 导入报告, the commit: accepted figures → observations with the report as source and the exact words
// (revisions reported), and the report → a document whose accepted figures are value chips.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, schemas, type BriefHandlers } from '../../shared/api';
import { Catalogue } from '../data/catalogue';
import type { Db } from '../db/connection';
import { openStore } from '../db/store';
import type { Block, BriefDocument, Inline } from '../doc/model';
import { createService } from '../service';
import { commitReport, extractOptionsOf, ReportError, type FigureDecision } from './commit';
import { extractFigures, type FigureCandidate } from './figures';
import { fullWidthPunctuation } from './structure';

const SEEDS = join(__dirname, '../../../tests/fixtures/seeds');
const seed = (name: string) => readFileSync(join(SEEDS, `${name}.txt`), 'utf8');

const TEXT = `2019年全市经济运行情况

咸宁市统计局

2019年，咸宁市实现GDP1594.98亿元，比上年增长8.1%。全市规模以上工业企业达到976家。

一是工业税收增长12.5%。全年工业企业完成税收90.6亿元，占全口径税收的40.1%。

专栏 1：重点项目

产业项目：全年新开工亿元以上项目120个。

指标\t2018年\t2019年\t增长（%）
地区生产总值（亿元）\t1563.4\t1594.98\t8.1
`;

type Value = Extract<Inline, { type: 'value' }>;

/** Value runs in reading order (titles, headings, paragraphs, tables, boxes). */
function chips(blocks: Block[]): Value[] {
  const out: Value[] = [];
  const runs = (list: Inline[] | undefined) => list?.forEach((r) => r.type === 'value' && out.push(r));
  for (const b of blocks) {
    if (b.type === 'paragraph') runs(b.runs);
    else if (b.type === 'table') {
      for (const row of [...b.header, ...b.rows]) for (const c of row) runs(c.runs);
      runs(b.notes);
    } else if (b.type === 'box') out.push(...chips(b.blocks));
    else if ('runs' in b) runs(b.runs);
  }
  return out;
}

function candidatesOf(db: Db, text: string): FigureCandidate[] {
  return extractFigures(text, extractOptionsOf(new Catalogue(db)));
}

function find(cands: FigureCandidate[], words: string, from = 0): FigureCandidate {
  const c = cands.find((x) => x.text === words && x.start >= from);
  if (!c) throw new Error(`no candidate ${words}`);
  return c;
}

const count = (db: Db, table: string) =>
  (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

function tables(db: Db) {
  return Object.fromEntries(
    ['indicators', 'regions', 'observations', 'revisions', 'sources', 'periods'].map((t) => [
      t,
      count(db, t),
    ]),
  );
}

/** The words as a document writes them: line breaks of the text gone, punctuation full width. */
const asPrinted = (words: string) => fullWidthPunctuation(words.replace(/[ \u3000]*\r?\n[\s\u3000]*/g, ''));

/** Commits every candidate, leaving out those the commit refuses (a report's own conflicts). */
function acceptAll(db: Db, text: string, fileName: string) {
  let decisions: FigureDecision[] = candidatesOf(db, text).map((c) => ({
    start: c.start,
    end: c.end,
    accept: true,
  }));
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return { ...commitReport(db, { fileName, text, decisions }), decisions };
    } catch (err) {
      if (!(err instanceof ReportError)) throw err;
      const bad = new Set(err.issues.map((i) => i.start));
      decisions = decisions.filter((d) => !bad.has(d.start));
    }
  }
  throw new Error('commit kept failing');
}

describe('commitReport', () => {
  it('writes accepted figures with source and exact words, reports added/revised/unchanged, binds chips', () => {
    const { db } = openStore(':memory:');
    try {
      const cands = candidatesOf(db, TEXT);
      const gdp = find(cands, 'GDP1594.98亿元');
      const growth = find(cands, '比上年增长8.1%');
      const firms = find(cands, '规模以上工业企业达到976家');
      const tax = find(cands, '一是工业税收增长12.5%');
      const projects = find(cands, '新开工亿元以上项目120个');
      const cell2018 = find(cands, '1563.4');
      const cell2019 = find(cands, '1594.98', gdp.end);
      const before = tables(db);
      const decisions: FigureDecision[] = [
        { start: gdp.start, end: gdp.end, accept: true }, // as stored: unchanged
        { start: growth.start, end: growth.end, accept: true, value: 8.2 }, // edited: a revision
        { start: firms.start, end: firms.end, accept: false },
        // In the lead "一是…。": a new indicator, named by the user.
        { start: tax.start, end: tax.end, accept: true, indicator: '工业税收增速', unit: '%' },
        // A new indicator and a new region; the figure is a target.
        {
          start: projects.start,
          end: projects.end,
          accept: true,
          indicator: '新开工亿元以上项目数',
          region: '温泉开发区',
          status: '目标',
        },
        { start: cell2018.start, end: cell2018.end, accept: true },
        { start: cell2019.start, end: cell2019.end, accept: true }, // the same observation as `gdp`
      ];
      const { report, document } = commitReport(db, { fileName: '2019年运行.txt', text: TEXT, decisions });

      expect(report).toMatchObject({
        file: '2019年运行.txt',
        source: '2019年全市经济运行情况',
        accepted: 6,
        rejected: 1,
        added: 3,
        unchanged: 1,
        unplaced: [],
      });
      expect(report.revised).toEqual([
        {
          indicator: '地区生产总值增速',
          region: '咸宁市',
          period: '2019',
          status: '',
          old: 8.1,
          new: 8.2,
          unit: '%',
          text: '比上年增长8.1%',
        },
      ]);
      expect(report.newIndicators.map((i) => [i.name, i.unit])).toEqual([
        ['工业税收增速', '%'],
        ['新开工亿元以上项目数', '个'],
      ]);
      expect(report.newRegions).toEqual([
        { name: '温泉开发区', code: expect.stringMatching(/^R\d{4}$/), level: 'zone' },
      ]);
      expect(tables(db)).toMatchObject({
        indicators: before.indicators + 2,
        regions: before.regions + 1,
        observations: before.observations + 3,
        revisions: before.revisions + 1,
        sources: before.sources + 1,
      });

      // The rows: source = the report, source_text = the exact words; the revision says which file.
      const row = (code: string, period: string) =>
        db
          .prepare(
            `SELECT o.value, o.unit, o.status, o.revision, o.source_text AS words, s.name AS source, s.file
             FROM observations o JOIN indicators i ON i.id = o.indicator_id LEFT JOIN sources s ON s.id = o.source_id
             WHERE i.code = ? AND o.period = ?`,
          )
          .get(code, period);
      expect(row('GDP_G', '2019')).toEqual({
        value: 8.2,
        unit: '%',
        status: '',
        revision: 1,
        words: '比上年增长8.1%',
        source: '2019年全市经济运行情况',
        file: '2019年运行.txt',
      });
      expect(
        db
          .prepare(
            `SELECT old_value AS old, new_value AS new, reason, source_file AS file FROM revisions r
             JOIN observations o ON o.id = r.observation_id JOIN indicators i ON i.id = o.indicator_id
             WHERE i.code = 'GDP_G' AND o.period = '2019'`,
          )
          .all(),
      ).toEqual([{ old: 8.1, new: 8.2, reason: '导入报告 2019年运行.txt', file: '2019年运行.txt' }]);
      const projectsCode = report.newIndicators[1].code;
      expect(row(projectsCode, '2019')).toMatchObject({
        value: 120,
        status: '目标',
        words: '新开工亿元以上项目120个',
        source: '2019年全市经济运行情况',
      });
      // Unchanged: the stored observation keeps its source (the demo's seed 000).
      expect(row('GDP', '2019')).toMatchObject({ value: 1594.98, revision: 0 });
      expect((row('GDP', '2019') as { source: string }).source).toMatch(/关于我市工业转型发展的思考/);

      // The document: every accepted figure a chip, once, with the provenance just written.
      const values = chips(document.blocks);
      expect(values.map((v) => v.text)).toEqual([
        'GDP1594.98亿元',
        '比上年增长8.1%',
        '一是工业税收增长12.5%',
        '新开工亿元以上项目120个',
        '1563.4',
        '1594.98',
      ]);
      expect(values[1].provenance).toEqual([
        {
          indicatorCode: 'GDP_G',
          indicator: '地区生产总值增速',
          region: '咸宁市',
          period: '2019',
          value: 8.2,
          unit: '%',
          status: null,
          source: '2019年全市经济运行情况',
          revision: 1,
        },
      ]);
      expect(values[0].provenance).toEqual(values[5].provenance);
      expect(values[3].provenance[0]).toMatchObject({ region: '温泉开发区', status: '目标', value: 120 });
      // The rejected figure stays text; the text around chips is kept.
      const first = document.blocks[2];
      expect(first.type === 'paragraph' && first.runs.map((r) => r.text).join('')).toBe(
        '2019年，咸宁市实现GDP1594.98亿元，比上年增长8.1%。全市规模以上工业企业达到976家。',
      );
      // A chip in a lead phrase: the lead becomes bold runs in front of the body.
      const lead = document.blocks[3];
      expect(lead).toMatchObject({
        type: 'paragraph',
        runs: [
          { type: 'value', text: '一是工业税收增长12.5%' },
          { type: 'text', text: '。', bold: true },
          { type: 'text', text: '全年工业企业完成税收90.6亿元，占全口径税收的40.1%。' },
        ],
      });
      expect(lead).not.toHaveProperty('lead');
      expect(document.meta).toMatchObject({ title: '2019年全市经济运行情况', author: '咸宁市统计局' });
    } finally {
      db.close();
    }
  });

  it('refuses bad decisions naming the words and what is wrong, and writes nothing', () => {
    const { db } = openStore(':memory:');
    try {
      const cands = candidatesOf(db, TEXT);
      const gdp = find(cands, 'GDP1594.98亿元');
      const growth = find(cands, '比上年增长8.1%');
      const firms = find(cands, '规模以上工业企业达到976家');
      const tax = find(cands, '工业企业完成税收90.6亿元');
      const cell2019 = find(cands, '1594.98', gdp.end);
      const before = tables(db);
      const attempt = (decisions: FigureDecision[]) => {
        try {
          commitReport(db, { fileName: 'r.txt', text: TEXT, decisions });
        } catch (err) {
          expect(err).toBeInstanceOf(ReportError);
          return err as ReportError;
        }
        throw new Error('commit did not fail');
      };
      const err = attempt([
        { start: gdp.start, end: gdp.end, accept: true }, // fine on its own
        { start: growth.start, end: growth.end, accept: true, indicator: '全新的指标', unit: '' },
        { start: firms.start, end: firms.end, accept: true, period: '2019年第五季度' },
        { start: tax.start, end: tax.end, accept: true, region: '' },
        { start: cell2019.start, end: cell2019.end, accept: true, value: 1600 },
      ]);
      expect(err.issues.map((i) => [i.text, i.message])).toEqual([
        ['比上年增长8.1%', '新指标「全新的指标」需要单位'],
        ['规模以上工业企业达到976家', expect.stringMatching(/「2019年第五季度」不是可识别的时间/)],
        ['工业企业完成税收90.6亿元', '没有地区：请指定地区'],
        [
          '1594.98',
          expect.stringMatching(/与「GDP1594\.98亿元」是同一条数据.*数值却不同（1594\.98 与 1600）/),
        ],
      ]);
      expect(err.message).toMatch(/^「比上年增长8\.1%」（第\d+字起）：新指标「全新的指标」需要单位/);
      expect(err.message).toMatch(/提交失败：共 4 处问题，数据库未作任何改动。$/);

      const units = attempt([{ start: growth.start, end: growth.end, accept: true, indicator: 'GDP' }]);
      expect(units.issues[0].message).toBe('单位「%」不能换算为指标「地区生产总值」的单位「亿元」');
      const overlap = attempt([
        { start: gdp.start, end: gdp.end, accept: true },
        {
          start: gdp.start + 3,
          end: gdp.end,
          accept: true,
          indicator: 'GDP',
          unit: '亿元',
          region: '咸宁市',
          period: '2019',
          value: 1594.98,
        },
      ]);
      expect(overlap.issues[0].message).toMatch(/与「GDP1594\.98亿元」重叠/);
      const outside = attempt([{ start: 5, end: TEXT.length + 3, accept: true }]);
      expect(outside.issues[0].message).toMatch(/不在报告文字之内/);
      const manual = attempt([{ start: 0, end: 4, accept: true }]);
      expect(manual.issues.map((i) => i.message)).toEqual([
        '没有指标：请选择指标或填写新指标的名称',
        '没有地区：请指定地区',
        expect.stringMatching(/^没有时间/),
        '没有数值：请填写数值',
      ]);
      expect(tables(db)).toEqual(before);
    } finally {
      db.close();
    }
  });

  it('converts a value written in another scale of the unit and takes figures the extractor did not offer', () => {
    const { db } = openStore(':memory:');
    try {
      const text = '2010年，全市地区生产总值达到5200000万元。全年接待游客**2000万人次**。';
      const at = text.indexOf('5200000万元');
      const bold = text.indexOf('2000万人次');
      const { report, document } = commitReport(db, {
        fileName: 'old.txt',
        text,
        decisions: [
          {
            start: at,
            end: at + '5200000万元'.length,
            accept: true,
            indicator: '地区生产总值',
            region: '咸宁市',
            period: '2010',
            value: 5200000,
            unit: '万元',
          },
          {
            start: bold,
            end: bold + 4,
            accept: true,
            indicator: '接待游客人次',
            region: '咸宁市',
            period: '2010',
            value: '2000',
            unit: '万人次',
          },
        ],
      });
      expect(report.converted).toBe(1);
      expect(report.figures.map((f) => [f.indicatorCode, f.value, f.unit, f.outcome])).toEqual([
        ['GDP', 520, '亿元', 'added'],
        [report.newIndicators[0].code, 2000, '万人次', 'added'],
      ]);
      // The chip prints the words as written; inside a bold run it splits the run.
      expect(document.blocks[0]).toMatchObject({
        type: 'paragraph',
        runs: [
          { type: 'text', text: '2010年，全市地区生产总值达到' },
          { type: 'value', text: '5200000万元', provenance: [{ value: 520, unit: '亿元' }] },
          { type: 'text', text: '。全年接待游客' },
          { type: 'value', text: '2000' },
          { type: 'text', text: '万人次', bold: true },
          { type: 'text', text: '。' },
        ],
      });
      expect(report.source).toBe('old');
    } finally {
      db.close();
    }
  });

  for (const [name, fileName] of [
    ['000_615068624d0b989b', '关于我市工业转型发展的思考.txt'],
    ['003_e824224675ae437f', '工作简报.txt'],
    ['004_6d3ef805cadc91a0', '规划纲要.txt'],
  ] as const) {
    it(`seed ${name.slice(0, 3)}: every accepted figure becomes a chip exactly once, in reading order`, () => {
      const { db } = openStore(':memory:');
      try {
        const text = seed(name);
        const { report, document, decisions } = acceptAll(db, text, fileName);
        expect(decisions.length).toBeGreaterThan(50);
        expect(report.accepted).toBe(decisions.length);
        expect(report.unplaced).toEqual([]);
        const values = chips(document.blocks);
        const figures = [...report.figures].sort((a, b) => a.start - b.start);
        expect(values.length).toBe(figures.length);
        values.forEach((v, i) => {
          const f = figures[i];
          expect(v.text).toBe(asPrinted(f.text));
          expect(v.provenance).toEqual([
            expect.objectContaining({
              indicatorCode: f.indicatorCode,
              region: f.region,
              period: f.period,
              value: f.value,
              revision: f.revision,
            }),
          ]);
        });
        // A plan dated 二〇二六年五月: its figures for 2030 (and 2026—2030) are targets, those for 2025 not.
        if (name.startsWith('004')) {
          const byPeriod = (p: string) => [
            ...new Set(figures.filter((f) => f.period === p).map((f) => f.status)),
          ];
          expect(byPeriod('2030')).toEqual(['目标']);
          expect(byPeriod('2026—2030')).toEqual(['目标']);
          expect(byPeriod('2025')).toEqual(['']);
        } else expect(new Set(figures.map((f) => f.status))).toEqual(new Set(['']));
        // The rows carry the exact words (a revised or unchanged row may keep an older source's).
        const added = figures.filter((f) => f.outcome !== 'unchanged');
        const words = db.prepare('SELECT source_text AS t FROM observations WHERE source_text = ?');
        for (const f of added) expect(words.get(f.text), f.text).toBeTruthy();
      } finally {
        db.close();
      }
    });
  }
});

describe('service: readReport and commitReport', () => {
  it('reads a GBK .txt, commits, stores the document the editor opens; bad decisions come back as errors', async () => {
    const { db } = openStore(':memory:');
    try {
      const handlers: BriefHandlers = createService(db);
      const iconv = (await import('iconv-lite')).default;
      const base64 = iconv.encode(TEXT, 'gbk').toString('base64');
      const read = schemas.readReport.output.parse(
        await dispatch(handlers, 'readReport', { fileName: '运行.txt', base64 }),
      );
      expect(read).toEqual({ text: TEXT, format: 'txt', encoding: 'gb18030' });
      const { candidates } = schemas.extractText.output.parse(
        await dispatch(handlers, 'extractText', { text: read.text }),
      );
      const decisions = candidates.map((c) => ({
        start: c.start,
        end: c.end,
        accept: c.indicatorMatch === 'catalogue',
      }));
      const documentsBefore = count(db, 'documents');

      const bad = schemas.commitReport.output.parse(
        await dispatch(handlers, 'commitReport', {
          fileName: '运行.txt',
          text: read.text,
          decisions: [{ ...decisions[0], period: '明年' }],
        }),
      );
      expect(bad.report).toBeNull();
      expect(bad.documentId).toBeNull();
      expect(bad.errors).toEqual([
        expect.objectContaining({
          text: 'GDP1594.98亿元',
          message: expect.stringMatching(/「明年」不是可识别的时间/),
        }),
      ]);
      expect(count(db, 'documents')).toBe(documentsBefore);

      const ok = schemas.commitReport.output.parse(
        await dispatch(handlers, 'commitReport', { fileName: '运行.txt', text: read.text, decisions }),
      );
      expect(ok.errors).toEqual([]);
      expect(ok.report!.accepted).toBe(decisions.filter((d) => d.accept).length);
      const stored = await dispatch(handlers, 'loadDocument', { id: ok.documentId! });
      const doc = (stored as { doc: BriefDocument; title: string }).doc;
      expect((stored as { title: string }).title).toBe('2019年全市经济运行情况');
      expect(chips(doc.blocks).length).toBe(ok.report!.accepted);
      await expect(
        dispatch(handlers, 'commitReport', { fileName: 'x.txt', text: '', decisions: [] }),
      ).rejects.toThrow(/参数/);
      await expect(
        dispatch(handlers, 'readReport', {
          fileName: 'x.pdf',
          base64: Buffer.from('%PDF-1.4').toString('base64'),
        }),
      ).rejects.toThrow(/PDF 文件/);
    } finally {
      db.close();
    }
  });
});
