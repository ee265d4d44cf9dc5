/** Every string the UI shows, in one place (zh-CN). */
export const zhCN = {
  appName: '简报工坊',
  tagline: '指标数据 · 数据绑定简报 · 公文格式导出',
  nav: { data: '数据', briefings: '文档', export: '导出' },
  indicators: {
    title: '指标目录',
    search: '搜索指标名称、代码或别名',
    count: (n: number) => `共 ${n} 个指标`,
    empty: '没有匹配的指标',
    observations: (n: number) => `${n} 条数据`,
  },
  series: {
    pick: '在左侧选择一个指标，查看它的数据与来源',
    region: '地区',
    period: '时间',
    value: '数值',
    unit: '单位',
    status: '状态',
    source: '来源',
    words: '原文',
    revision: '修订',
    actual: '实际',
  },
  export: {
    title: '导出简报',
    template: '模板',
    year: '年份',
    yearDefault: (p: string) => `默认（${p}）`,
    charts: '图表',
    chartsImage: '图片（SVG + PNG）',
    chartsNative: 'Word 原生图表',
    button: '导出 Word',
    working: '正在生成…',
    done: (name: string, values: number) => `已生成「${name}」，含数据绑定数值 ${values} 个。`,
    missing: (n: number) => `有 ${n} 个数值在数据库中缺失，已在文档中以【缺数】标出：`,
    fonts: (f: string) => `文档使用的字体：${f}`,
  },
  errors: {
    unauthorized: '访问令牌无效：请使用启动时打印的完整网址打开本页面。',
    network: '无法连接到简报工坊服务：请确认程序仍在运行。',
  },
} as const;

export type Strings = typeof zhCN;
