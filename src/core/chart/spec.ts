/**
 * A chart spec with its data resolved: what the preview, the image export and the native Word
 * chart all draw from. Binding to indicators happens before this (templates resolve queries).
 */
export type ChartType =
  | 'bar' // vertical columns
  | 'line'
  | 'bar-line' // columns (level) + line (growth) on two axes
  | 'stacked' // stacked columns
  | 'percent' // 100% stacked columns (structure)
  | 'pie'
  | 'ring'
  | 'ranking'; // horizontal bars of regions, sorted

export interface ChartSeries {
  name: string;
  /** One value per category; null where the database has none. */
  values: (number | null)[];
  unit: string;
  /** 0 = left axis, 1 = right axis (bar-line). */
  axis?: 0 | 1;
  /** For bar-line: which series draw as a line. */
  as?: 'bar' | 'line';
}

export interface ChartSpec {
  type: ChartType;
  title: string;
  categories: string[];
  series: ChartSeries[];
  /** Axis names, e.g. ['亿元', '%']. */
  axisNames?: string[];
  /** "资料来源：咸宁市统计局" — printed under the chart. */
  source?: string;
  /** Placed width in millimetres (≤ 156). */
  widthMm?: number;
  heightMm?: number;
}
