/**
 * A figure drawn by ECharts from the same ChartSpec → option function the Word export uses
 * (src/core/chart/option.ts), with the SVG renderer the export uses: the preview is the print.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  AriaComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { chartPixelSize, toEChartsOption } from '../../../core/chart/option';
import type { ChartSpec } from '../../../core/chart/spec';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  AriaComponent,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

export interface ChartProps {
  spec: ChartSpec;
  /** Print look (no tooltips) — the page preview; otherwise interactive. */
  forPrint?: boolean;
  /** Scale of the drawing (1 = placed size at 96 dpi). */
  scale?: number;
  /** Leave out the source line (the page preview prints it under the caption, as Word does). */
  withoutSource?: boolean;
  label?: string;
}

export function Chart({ spec, forPrint = false, scale = 1, withoutSource = false, label }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const { width, height } = chartPixelSize(spec);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'svg', width, height });
    try {
      chart.setOption(toEChartsOption(withoutSource ? { ...spec, source: undefined } : spec, { forPrint }));
    } catch {
      // A spec ECharts cannot draw leaves the frame empty; the builder shows what is missing.
    }
    return () => chart.dispose();
  }, [spec, forPrint, width, height, withoutSource]);
  return (
    <div
      className="chart-frame"
      style={{ width: width * scale, height: height * scale }}
      role="img"
      aria-label={label ?? spec.title}
    >
      <div
        ref={ref}
        style={{
          width,
          height,
          transform: scale === 1 ? undefined : `scale(${scale})`,
          transformOrigin: '0 0',
        }}
      />
    </div>
  );
}
