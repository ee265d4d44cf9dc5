/**
 * Page preview close to the exported layout: A4, 公文 margins (37/35/28/26 mm), 版心 156 × 225 mm,
 * 22 lines of 28.95 pt, 三号 仿宋 body with the house fonts, headings numbered by the exporter's pass,
 * figures drawn from their specs, "— N —" page numbers. Blocks are measured once (cached by content)
 * and laid out on pages; paragraphs split between lines and tables between rows, as Word does.
 * Only the pages in view are drawn, so a 100-page briefing stays cheap.
 */
import { memo, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { chartPixelSize } from '../../../core/chart/option';
import type { Block, BriefDocument, Inline, TableBlock } from '../../../core/doc/model';
import { numberHeadings } from '../../../core/doc/numbering';
import { Chart } from '../components/Chart';
import { zhCN as t } from '../locales/zh-CN';

const MM = 96 / 25.4;
const PAGE_W = 210 * MM;
const PAGE_H = 297 * MM;
const TOP = 37 * MM;
const LEFT = 28 * MM;
const BODY_W = 156 * MM;
const BODY_H = 225 * MM;
const FOOTER_BOTTOM = 25 * MM;

interface Measure {
  height: number;
  /** Offsets (px from the block's top) where the block may be split across pages. */
  breaks: number[];
}

interface Slice {
  index: number;
  from: number;
  to: number;
}

interface Page {
  slices: Slice[];
  /** Page number printed in the footer (null on cover/TOC pages). */
  number: number | null;
  front: boolean;
}

function runsText(runs: Inline[] | undefined): ReactNode[] {
  return (runs ?? []).map((r, i) =>
    r.type === 'value' ? (
      <span key={i} className="pv-value">
        {r.text}
      </span>
    ) : r.type === 'missing' ? (
      <span key={i} className="pv-missing">
        {r.text}
      </span>
    ) : r.bold ? (
      <strong key={i}>{r.text}</strong>
    ) : r.subscript ? (
      <sub key={i}>{r.text}</sub>
    ) : (
      <span key={i}>{r.text}</span>
    ),
  );
}

function TableView({ b }: { b: TableBlock }) {
  return (
    <div className={`pv-table-wrap${b.compact ? ' compact' : ''}`}>
      {b.title && <div className="pv-table-title">{b.title}</div>}
      <table
        className={`pv-table rules-${b.rules}`}
        style={{ width: `${b.widthsMm.reduce((a, w) => a + w, 0)}mm` }}
      >
        <colgroup>
          {b.widthsMm.map((w, i) => (
            <col key={i} style={{ width: `${w}mm` }} />
          ))}
        </colgroup>
        <thead>
          {b.header.map((row, i) => (
            <tr key={i}>
              {row.map((c, k) => (
                <th
                  key={k}
                  rowSpan={c.rowSpan}
                  colSpan={c.colSpan}
                  style={{ textAlign: c.align ?? 'center' }}
                >
                  {runsText(c.runs)}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {b.rows.map((row, i) => (
            <tr key={i}>
              {row.map((c, k) => (
                <td
                  key={k}
                  rowSpan={c.rowSpan}
                  colSpan={c.colSpan}
                  style={{ textAlign: c.align, fontWeight: c.bold ? 700 : undefined }}
                >
                  {runsText(c.runs)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {b.notes && <div className="pv-note">{runsText(b.notes)}</div>}
    </div>
  );
}

/** One block as it prints. `live` draws figures (pages); the measurer uses a box of the same size. */
function BlockView({ b, live }: { b: Block; live: boolean }): ReactNode {
  switch (b.type) {
    case 'title':
    case 'subtitle':
    case 'byline':
    case 'kicker':
      return <div className={`pv-${b.type}`}>{b.runs ? runsText(b.runs) : b.text}</div>;
    case 'heading':
      return (
        <div className={`pv-h pv-${b.kind}`}>
          {b.label ?? ''}
          {b.runs ? runsText(b.runs) : b.text}
        </div>
      );
    case 'paragraph':
      return (
        <p
          className={`pv-p${b.bullet ? ' bullet' : ''}${b.noIndent ? ' no-indent' : ''}`}
          style={b.align ? { textAlign: b.align === 'both' ? 'justify' : b.align } : undefined}
        >
          {b.bullet && '●'}
          {b.runInHeading && (
            <span className="pv-runin">
              {b.runInLabel ?? ''}
              {b.runInHeading}
            </span>
          )}
          {b.lead && <strong className="pv-lead">{b.lead}</strong>}
          {runsText(b.runs)}
        </p>
      );
    case 'table':
      return <TableView b={b} />;
    case 'figure': {
      const { width, height } = chartPixelSize(b.chart);
      return (
        <div className="pv-figure">
          {live ? (
            <Chart spec={b.chart} forPrint withoutSource label={b.caption} />
          ) : (
            <div style={{ width, height }} />
          )}
          <div className="pv-caption">{b.caption}</div>
          {b.chart.source && <div className="pv-source">{b.chart.source}</div>}
        </div>
      );
    }
    case 'box':
      return (
        <div className="pv-box">
          <div className="pv-box-title">
            {b.label ? `${b.label}：` : ''}
            {b.title}
          </div>
          {b.blocks.map((x, i) => (
            <div key={i} data-box-child="">
              <BlockView b={x} live={live} />
            </div>
          ))}
        </div>
      );
    case 'cover': {
      // As the exporter: 小初 (36 pt) when every line fits the 版心 (≤ 12 characters), else 一号 (26 pt).
      const big = Math.max(...b.titleLines.map((l) => l.length)) <= 12;
      return (
        <div className="pv-cover">
          {b.titleLines.map((l, i) => (
            <div
              key={i}
              className="pv-cover-title"
              style={{ fontSize: big ? '36pt' : '26pt', lineHeight: big ? '50pt' : '38pt' }}
            >
              {l}
            </div>
          ))}
          <div className="pv-cover-issuer">{b.issuer}</div>
          <div className="pv-cover-date">{b.date}</div>
        </div>
      );
    }
    case 'toc':
      return <div className="pv-toc">{b.title || '目录'}</div>;
    case 'pageBreak':
      return <div className="pv-break" />;
  }
}

/** Where a measured block may break: between lines of text, between table rows, between box children. */
function breaksOf(b: Block, el: HTMLElement): number[] {
  const top = el.getBoundingClientRect().top;
  if (b.type === 'paragraph') {
    const line = Number.parseFloat(getComputedStyle(el.firstElementChild ?? el).lineHeight);
    const h = el.offsetHeight;
    if (!line || h <= line) return [];
    const out: number[] = [];
    for (let y = line; y < h - 1; y += line) out.push(Math.round(y * 100) / 100);
    return out;
  }
  if (b.type === 'table')
    return [...el.querySelectorAll('tbody tr')]
      .map((tr) => tr.getBoundingClientRect().bottom - top)
      .slice(0, -1);
  if (b.type === 'box')
    return [...el.querySelectorAll('[data-box-child]')]
      .map((c) => c.getBoundingClientRect().bottom - top)
      .slice(0, -1);
  return [];
}

/** 表1 / 图1 before table titles and figure captions, counted through boxes, as the exporter's SEQ fields. */
function withSeqLabels(blocks: Block[]): Block[] {
  const n = { table: 0, figure: 0 };
  const walk = (list: Block[]): Block[] =>
    list.map((b) => {
      if (b.type === 'table' && b.title) return { ...b, title: `表${++n.table} ${b.title}` };
      if (b.type === 'figure') return { ...b, caption: `图${++n.figure} ${b.caption}` };
      if (b.type === 'box') return { ...b, blocks: walk(b.blocks) };
      return b;
    });
  return walk(blocks);
}

function paginate(blocks: Block[], sizes: Measure[]): Page[] {
  const pages: Page[] = [];
  let page: Page = { slices: [], number: null, front: false };
  let used = 0;
  let bodyNumber = 0;
  const flush = () => {
    if (page.slices.length || pages.length === 0) pages.push(page);
    page = { slices: [], number: null, front: false };
    used = 0;
  };
  blocks.forEach((b, index) => {
    const m = sizes[index];
    if (b.type === 'pageBreak') {
      if (page.slices.length) flush();
      return;
    }
    if (b.type === 'cover' || b.type === 'toc') {
      if (page.slices.length) flush();
      page.front = true;
      page.slices.push({ index, from: 0, to: m.height });
      flush();
      return;
    }
    // Headings keep with the next block's first line (keepNext), or all of it if it cannot break (a figure).
    const next = sizes[index + 1];
    const keepsNext = b.type === 'heading' || b.type === 'title' || b.type === 'kicker';
    const keep = keepsNext && next ? Math.min(next.breaks[0] ?? next.height, BODY_H / 2) : 0;
    let from = 0;
    while (from < m.height - 0.5) {
      const room = BODY_H - used;
      const rest = m.height - from;
      if (rest + keep <= room + 0.5) {
        page.slices.push({ index, from, to: m.height });
        used += rest;
        break;
      }
      const fit = m.breaks.filter((y) => y > from && y - from <= room + 0.5);
      if (fit.length) {
        const to = fit[fit.length - 1];
        page.slices.push({ index, from, to });
        from = to;
        flush();
        continue;
      }
      if (page.slices.length === 0) {
        // Taller than a page and unbreakable: it overflows, as Word would shrink or clip it.
        page.slices.push({ index, from, to: m.height });
        used = BODY_H;
        break;
      }
      flush();
    }
  });
  if (page.slices.length) pages.push(page);
  for (const p of pages) if (!p.front) p.number = ++bodyNumber;
  return pages.length ? pages : [{ slices: [], number: 1, front: false }];
}

function PagePreview({ doc }: { doc: BriefDocument }) {
  const blocks = useMemo(() => {
    let numbered: Block[];
    try {
      numbered = numberHeadings(doc.blocks);
    } catch {
      numbered = doc.blocks;
    }
    return withSeqLabels(numbered);
  }, [doc]);
  const keys = useMemo(() => blocks.map((b) => JSON.stringify(b)), [blocks]);
  const cache = useRef(new Map<string, Measure>());
  const measurer = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<Page[] | null>(null);
  // Only the pages near the viewport are drawn.
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const shownNow = width > 0;
  const pending = keys.map((k, i) => (cache.current.has(k) ? -1 : i)).filter((i) => i >= 0);

  useLayoutEffect(() => {
    const root = measurer.current;
    // Hidden (another screen is showing): nothing has a size yet; measure when shown again.
    if (!root || root.offsetWidth === 0) return;
    {
      for (const el of root.querySelectorAll<HTMLElement>('[data-measure]')) {
        const i = Number(el.dataset.measure);
        cache.current.set(keys[i], {
          height: el.offsetHeight,
          breaks: breaksOf(blocks[i], (el.firstElementChild as HTMLElement) ?? el),
        });
      }
    }
    const sizes = keys.map((k) => cache.current.get(k) ?? { height: 0, breaks: [] });
    setPages(paginate(blocks, sizes));
    // Forget measurements of blocks no longer in the document.
    if (cache.current.size > keys.length * 2 + 200) {
      const live = new Set(keys);
      for (const k of cache.current.keys()) if (!live.has(k)) cache.current.delete(k);
    }
  }, [blocks, keys, shownNow]);
  const [scrollTop, setScrollTop] = useState(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);
  const scale = Math.max(0.3, Math.min(1, (width - 26) / PAGE_W));
  const pageH = PAGE_H * scale + 16;
  const viewH = scroller.current?.clientHeight ?? 800;
  const first = Math.max(0, Math.floor(scrollTop / pageH) - 1);
  const last = Math.ceil((scrollTop + viewH) / pageH) + 1;
  const shown = (pages ?? []).slice(first, last);

  return (
    <div className="page-preview">
      <div className="preview-head muted small">
        {t.preview.title} · {pages ? t.preview.pages(pages.length) : t.preview.updating}
      </div>
      <div
        className="preview-scroll"
        ref={scroller}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div style={{ height: (pages?.length ?? 1) * pageH, position: 'relative' }}>
          {shown.map((p, k) => {
            const n = first + k;
            return (
              <div
                key={n}
                className="pv-page-slot"
                style={{ top: n * pageH, width: PAGE_W * scale, height: PAGE_H * scale }}
                aria-label={t.preview.page(n + 1)}
              >
                <div
                  className="pv-page"
                  style={{ width: PAGE_W, height: PAGE_H, transform: `scale(${scale})` }}
                >
                  <div className="pv-body" style={{ top: TOP, left: LEFT, width: BODY_W, height: BODY_H }}>
                    {p.slices.map((s, i) => {
                      const b = blocks[s.index];
                      if (!b) return null;
                      const whole =
                        s.from === 0 && s.to >= (cache.current.get(keys[s.index])?.height ?? 0) - 0.5;
                      return whole ? (
                        <div key={i} className="pv-block">
                          <BlockView b={b} live />
                        </div>
                      ) : (
                        <div key={i} className="pv-slice" style={{ height: s.to - s.from }}>
                          <div style={{ marginTop: -s.from }}>
                            <BlockView b={b} live />
                          </div>
                        </div>
                      );
                    })}
                  </div>
                  {p.number !== null && (
                    <div
                      className={`pv-footer ${p.number % 2 ? 'odd' : 'even'}`}
                      style={{ bottom: FOOTER_BOTTOM, left: LEFT, width: BODY_W }}
                    >
                      — {p.number} —
                    </div>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </div>
      <div className="pv-measure" ref={measurer} aria-hidden="true" style={{ width: BODY_W }}>
        {pending.map((i) => (
          <div key={`${i}:${keys[i].length}`} data-measure={i} className="pv-block">
            <BlockView b={blocks[i]} live={false} />
          </div>
        ))}
      </div>
      <div className="muted small preview-note">{t.preview.note}</div>
    </div>
  );
}

/** Re-rendered only when the document snapshot changes (not on every save-status change of the editor). */
export default memo(PagePreview);
