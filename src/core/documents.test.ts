import { describe, expect, it } from 'vitest';
import { openStore } from './db/store';
import { GridService } from './data/grid';
import {
  blankDocument,
  buildFigure,
  buildTable,
  DocumentStore,
  evaluateExpr,
  exportFileName,
  preflight,
  templateDocument,
  ValueChecker,
  valueExpr,
  valueRuns,
} from './documents';

describe('documents', () => {
  it('stores a template document with numbered values and refuses a save over a newer version', () => {
    const { db } = openStore(':memory:');
    const store = new DocumentStore(db);
    const doc = templateDocument(db, '政府工作报告解读');
    expect(valueRuns(doc.blocks).map((r) => r.ref)).toEqual(valueRuns(doc.blocks).map((_, i) => i));
    const created = store.create(doc);
    expect(created).toMatchObject({
      title: '政府工作报告解读',
      template: '政府工作报告解读',
      period: '2020',
      version: 1,
    });
    expect(store.save(created.id, doc, 1)).toMatchObject({ saved: true, version: 2 });
    expect(store.save(created.id, doc, 1)).toMatchObject({ saved: false, version: 2 });
    expect(store.save(created.id, doc, 1, true)).toMatchObject({ saved: true, version: 3 });
    expect(store.list().map((d) => d.id)).toEqual([created.id]);
    expect(() => store.get(999)).toThrow(/未找到文档/);
    expect(exportFileName(blankDocument(2024, '一季度/经济'))).toBe('一季度 经济（2024）.docx');
  });

  it('marks a value stale after the grid changes it and words the current value the same way', () => {
    const { db } = openStore(':memory:');
    const doc = templateDocument(db, '政府工作报告解读');
    const loans = valueRuns(doc.blocks).find((r) => r.provenance[0]?.indicator === '各项贷款同比增速')!;
    expect(loans.text).toBe('增长16.4%');
    const checker = () => new ValueChecker(db);
    const ctx = { template: doc.meta.template, period: doc.meta.period };
    expect(checker().state(loans, ctx).stale).toBe(false);

    new GridService(db).set({ indicator: '各项贷款同比增速', region: '咸宁市', period: '2020', value: 17.2 });
    const state = checker().state(loans, ctx);
    expect(state).toMatchObject({ stale: true, text: '增长17.2%' });
    expect(state.provenance[0]).toMatchObject({ value: 17.2, revision: 1 });
    // Without the template (a copied chip), the number in the text is replaced.
    expect(
      checker().state({ text: loans.text, provenance: loans.provenance }, { template: '', period: '2020' })
        .text,
    ).toBe('增长17.2%');
    const pf = preflight(db, doc);
    expect(pf.stale).toEqual([expect.objectContaining({ text: '增长16.4%', current: '增长17.2%' })]);
    expect(pf.fonts.needed).toContain('仿宋_GB2312');
  });

  it('evaluates an inserted value through the template language and re-words it from its expression', () => {
    const { db } = openStore(':memory:');
    const run = evaluateExpr(
      db,
      valueExpr({ form: 'v', indicator: '地区生产总值', period: '2019', region: '咸宁市' }),
      2019,
    );
    expect(run).toMatchObject({ type: 'value', text: '1594.98亿元' });
    new GridService(db).set({ indicator: '地区生产总值', region: '咸宁市', period: '2019', value: 1600.5 });
    const state = new ValueChecker(db).state(run as never, { template: '', period: '2019' });
    expect(state).toMatchObject({ stale: true, text: '1600.5亿元' });
  });

  it('builds figures and tables whose values carry provenance', () => {
    const { db } = openStore(':memory:');
    const fig = buildFigure(db, {
      type: 'line',
      indicators: ['地区生产总值'],
      regions: ['咸宁市'],
      periods: ['2019', '2020'],
    });
    expect(fig.chart.categories).toEqual(['2019年', '2020年']);
    expect(fig.chart.series[0].values[0]).toBe(1594.98);
    expect(fig.caption).toBe('2019—2020年咸宁市地区生产总值');
    const table = buildTable(db, { indicators: ['地区生产总值'], regions: ['咸宁市'], periods: ['2019'] });
    expect(table.rows[0][2].runs[0]).toMatchObject({ type: 'value', text: '1594.98' });
    expect(table.widthsMm.reduce((a, b) => a + b, 0)).toBe(156);
  });
});

describe('grid', () => {
  it('records an edit as a revision, refuses clearing a revised cell and keeps the history', () => {
    const { db } = openStore(':memory:');
    const grid = new GridService(db);
    const g = grid.grid('地区生产总值');
    expect(g.cells.find((c) => c.region === '咸宁市' && c.period === '2019')?.value).toBe(1594.98);
    const r = grid.set({ indicator: 'GDP', region: '咸宁市', period: '2019', value: 1600, reason: '核实' });
    expect(r).toMatchObject({
      outcome: 'revised',
      previous: { value: 1594.98 },
      cell: { value: 1600, revision: 1 },
    });
    expect(() => grid.set({ indicator: 'GDP', region: '咸宁市', period: '2019', value: null })).toThrow(
      /不能清空/,
    );
    expect(() => grid.set({ indicator: 'GDP', region: '咸宁市', period: '2019', value: '十二' })).toThrow(
      /不是数字/,
    );
    const added = grid.set({ indicator: 'GDP', region: '嘉鱼县', period: '2019', value: 300 });
    expect(added.outcome).toBe('added');
    expect(grid.set({ indicator: 'GDP', region: '嘉鱼县', period: '2019', value: null }).outcome).toBe(
      'removed',
    );
    const h = grid.history({ indicator: 'GDP', region: '咸宁市', period: '2019' });
    expect(h.revisions).toEqual([
      expect.objectContaining({ revision: 1, oldValue: 1594.98, newValue: 1600, reason: '核实' }),
    ]);
    expect(grid.grid('GDP', undefined, ['2021']).periods.map((p) => p.label)).toContain('2021');
  });
});
