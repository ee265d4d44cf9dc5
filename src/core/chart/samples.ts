/**
 * One sample ChartSpec per chart type (咸宁-style statistics, invented figures). Used by the tests,
 * the benchmark and as fixtures for previews. Pure data.
 */
import type { ChartSpec, ChartType } from './spec';

const COUNTIES = ['咸安区', '嘉鱼县', '通城县', '崇阳县', '通山县', '赤壁市'];
const QUARTERS = ['2024年一季度', '2024年上半年', '2024年前三季度', '2024年', '2025年一季度', '2025年上半年'];
const SOURCE = '资料来源：咸宁市统计局';

export const SAMPLE_SPECS: Record<ChartType, ChartSpec> = {
  bar: {
    type: 'bar',
    title: '图1 2025年上半年各县市区地区生产总值',
    categories: COUNTIES,
    series: [
      { name: '2024年上半年', values: [158.32, 120.5, 98.07, 101.2, 80.66, 236.4], unit: '亿元' },
      { name: '2025年上半年', values: [168.9, 128.41, 104.2, null, 85.3, 251.75], unit: '亿元' },
    ],
    source: SOURCE,
  },
  line: {
    type: 'line',
    title: '图2 规模以上工业增加值与固定资产投资增速',
    categories: QUARTERS,
    series: [
      { name: '规上工业增加值', values: [6.8, 7.2, 7.5, 7.9, 8.3, 8.1], unit: '%' },
      { name: '固定资产投资', values: [4.1, 3.6, null, 2.8, 5.0, 5.6], unit: '%' },
      { name: '社会消费品零售总额', values: [9.0, 8.4, 7.7, 7.1, 6.6, 6.9], unit: '%' },
    ],
    axisNames: ['%'],
    source: SOURCE,
  },
  'bar-line': {
    type: 'bar-line',
    title: '图3 全市地区生产总值及增速',
    categories: ['2020年', '2021年', '2022年', '2023年', '2024年', '2025年上半年'],
    series: [
      {
        name: '地区生产总值',
        values: [1524.7, 1751.8, 1873.8, 1918.6, 2017.3, 1002.4],
        unit: '亿元',
        as: 'bar',
      },
      { name: '增速', values: [-4.6, 13.1, 4.6, 6.0, 5.8, 6.2], unit: '%', as: 'line', axis: 1 },
    ],
    axisNames: ['亿元', '%'],
    source: SOURCE,
  },
  stacked: {
    type: 'stacked',
    title: '图4 各县市区三次产业增加值',
    categories: COUNTIES,
    series: [
      { name: '第一产业', values: [12.1, 18.6, 15.2, 16.0, 11.3, 20.4], unit: '亿元' },
      { name: '第二产业', values: [66.3, 52.0, 40.8, 41.7, 30.2, 118.6], unit: '亿元' },
      { name: '第三产业', values: [90.5, 57.8, 48.2, 44.9, 43.8, 112.8], unit: '亿元' },
    ],
    source: SOURCE,
  },
  percent: {
    type: 'percent',
    title: '图5 各县市区三次产业结构',
    categories: COUNTIES,
    series: [
      { name: '第一产业', values: [12.1, 18.6, 15.2, 16.0, 11.3, 20.4], unit: '亿元' },
      { name: '第二产业', values: [66.3, 52.0, 40.8, 41.7, 30.2, 118.6], unit: '亿元' },
      { name: '第三产业', values: [90.5, 57.8, 48.2, 44.9, 43.8, 112.8], unit: '亿元' },
    ],
    source: SOURCE,
  },
  pie: {
    type: 'pie',
    title: '图6 2025年上半年全市三次产业构成',
    categories: ['第一产业', '第二产业', '第三产业'],
    series: [{ name: '增加值', values: [93.6, 349.6, 559.2], unit: '亿元' }],
    source: SOURCE,
  },
  ring: {
    type: 'ring',
    title: '图7 规上工业增加值行业构成',
    categories: ['电力热力', '非金属矿物制品', '纺织服装', '农副食品加工', '医药制造', '其他行业'],
    series: [{ name: '占比', values: [18.2, 16.5, 12.3, 10.8, 7.4, 34.8], unit: '%' }],
    source: SOURCE,
  },
  ranking: {
    type: 'ranking',
    title: '图8 2025年上半年各县市区社会消费品零售总额',
    categories: COUNTIES,
    series: [{ name: '社会消费品零售总额', values: [88.6, 45.3, 38.9, 41.2, null, 96.7], unit: '亿元' }],
    source: SOURCE,
  },
};
