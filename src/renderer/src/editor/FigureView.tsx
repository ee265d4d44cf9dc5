/** A figure in the editor: the chart drawn from its spec (drawn when scrolled into view), its caption, actions. */
import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { ChartSpec } from '../../../core/chart/spec';
import { Chart } from '../components/Chart';
import { chartPixelSize } from '../../../core/chart/option';
import { errorText } from '../lib/format';
import { zhCN as t } from '../locales/zh-CN';

export const EDIT_FIGURE_EVENT = 'brief-edit-figure';

export function FigureView({
  node,
  selected,
  getPos,
  editor,
  deleteNode,
  updateAttributes,
}: ReactNodeViewProps) {
  const chart = node.attrs.chart as ChartSpec | null;
  const query = node.attrs.query as Parameters<typeof api.buildFigure>[0] | null;
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || visible) return;
    const io = new IntersectionObserver(
      (entries) => entries.some((e) => e.isIntersecting) && setVisible(true),
      { rootMargin: '400px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [visible]);
  const size = chart ? chartPixelSize(chart) : { width: 560, height: 340 };
  const scale = Math.min(1, 600 / size.width);
  const edit = () => {
    const pos = getPos();
    if (typeof pos === 'number')
      editor.view.dom.dispatchEvent(new CustomEvent(EDIT_FIGURE_EVENT, { detail: { pos }, bubbles: true }));
  };
  const redraw = async () => {
    if (!query) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.buildFigure(query);
      updateAttributes({ chart: r.chart });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <NodeViewWrapper as="figure" className={`figure${selected ? ' selected' : ''}`} data-drag-handle="">
      <div
        ref={ref}
        className="figure-canvas"
        style={{ minHeight: size.height * scale }}
        onDoubleClick={edit}
        contentEditable={false}
      >
        {chart && visible && (
          <Chart spec={chart} scale={scale} withoutSource label={String(node.attrs.caption ?? '')} />
        )}
      </div>
      <figcaption contentEditable={false}>{String(node.attrs.caption ?? '')}</figcaption>
      {chart?.source && <div className="figure-source">{chart.source}</div>}
      <div className="figure-actions" contentEditable={false}>
        <button type="button" onClick={edit}>
          {t.figure.edit}
        </button>
        {query && (
          <button type="button" onClick={() => void redraw()} disabled={busy}>
            {t.figure.refresh}
          </button>
        )}
        <button type="button" onClick={() => deleteNode()}>
          {t.figure.remove}
        </button>
        {error && <span className="error">{error}</span>}
      </div>
    </NodeViewWrapper>
  );
}
