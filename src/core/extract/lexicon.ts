/**
 * Word lists the figure finder uses: units, qualifiers, verbs that end a noun phrase, time words.
 * Kept as plain data so that every rule in figures.ts reads as "is this one of those words".
 */
import { DIGIT_VALUE } from '../doc/numerals';

/** Units that count things ("38个", "232家", "2341名"). A noun after them is the thing counted. */
export const COUNT_UNITS = [
  '人次',
  '户次',
  '家次',
  '场次',
  '架次',
  '车次',
  '班次',
  '个',
  '家',
  '户',
  '名',
  '人',
  '位',
  '所',
  '座',
  '艘',
  '项',
  '场',
  '期',
  '套',
  '件',
  '次',
  '株',
  '头',
  '只',
  '羽',
  '条',
  '台',
  '辆',
  '张',
  '间',
  '处',
  '栋',
  '口',
  '块',
  '篇',
  '册',
  '份',
  '宗',
  '笔',
  '批',
  '支',
  '棵',
];

/** Units of measure (money, area, weight, rates…). */
export const MEASURE_UNITS = [
  '个百分点',
  '百分点',
  '平方公里',
  '平方千米',
  '平方米',
  '立方米',
  '吨标准煤',
  '千瓦时',
  '公顷',
  '公里',
  '千米',
  '公斤',
  '千克',
  '微克',
  '毫克',
  '千瓦',
  '兆瓦',
  '美元',
  '亩',
  '米',
  '克',
  '斤',
  '吨',
  '升',
  '岁',
  '天',
  '倍',
  '元',
  '%',
  '‰',
  '㎡',
];

/** Scale words between a number and its unit ("38.3万人", "1594.98亿元"). */
export const MAGNITUDES = ['万亿', '千万', '百万', '万', '亿'];

/** Units after which "/X" makes a compound unit ("微克/立方米", "元/亩"). */
export const PER_UNITS = ['立方米', '平方米', '公斤', '亩', '人', '户', '吨', '年', '月', '天'];

const ALL_UNITS = [...MEASURE_UNITS, ...COUNT_UNITS].sort((a, b) => b.length - a.length);

/** The longest unit that starts at `at` in `text`, or ''. */
export function unitAt(text: string, at: number): string {
  for (const u of ALL_UNITS) if (text.startsWith(u, at)) return u;
  return '';
}

export function isCountUnit(unit: string): boolean {
  return (
    COUNT_UNITS.includes(unit.replace(/^(万亿|千万|百万|万|亿)/, '')) || /^(万亿|千万|百万|万|亿)$/.test(unit)
  );
}

/** Words after a figure that make it approximate or a bound ("3万余人" has 余 before the unit). */
export const SUFFIX_QUALIFIERS = ['左右', '以上', '以下', '以内', '上下', '之多', '有余'];

/** Words before a figure that qualify it. */
export const PREFIX_QUALIFIERS = [
  '冲刺',
  '跨越',
  '超过',
  '突破',
  '将近',
  '接近',
  '大约',
  '不低于',
  '不少于',
  '不超过',
  '不足',
  '不到',
  '至少',
  '高于',
  '低于',
  '超',
  '近',
  '约',
  '逾',
];

/** Nouns after a count that make it a count of categories, not a statistic ("3个方面8类"). */
export const CATEGORY_NOUNS = [
  '方面',
  '领域',
  '环节',
  '维度',
  '层级',
  '大类',
  '类别',
  '板块',
  '步骤',
  '阶段',
];

/**
 * Words that end the noun phrase after a count ("252个村19012名贫困户受益" → 贫困户): verbs and
 * conjunctions. Only words of two characters or more, or single characters that are never inside a noun.
 */
export const NOUN_STOPS = [
  '参与',
  '带动',
  '受益',
  '开展',
  '实施',
  '发展',
  '种植',
  '脱贫',
  '增收',
  '务工',
  '带领',
  '深入',
  '进行',
  '完成',
  '获得',
  '入户',
  '开发',
  '参加',
  '签约',
  '落户',
  '即将',
  '正在',
  '实现',
  '解决',
  '提供',
  '涉及',
  '覆盖',
  '得到',
  '取得',
  '达到',
  '超过',
  '突破',
  '同吃',
  '配套',
  '建设',
  '开工',
  '投产',
  '入驻',
  '帮扶',
  '走访',
  '生产',
  '引进',
  '实行',
  '获批',
  '通过',
  '被评为',
  '成为',
  '纳入',
  '列入',
  '分为',
  '坚持',
  '主要',
  '进一步',
  '共同',
  '全部',
  '已经',
  '年均',
  '平均',
  '累计',
  '享受',
  '落实',
  '领取',
  '吸纳',
  '外出',
  '发放',
  '投入',
  '无一',
  '排名',
  '代缴',
  '缴纳',
  '参保',
  '的',
  '和',
  '及',
  '与',
  '等',
  '、',
  '（',
  '“',
  '《',
];

/** Head nouns of money: the name of an amount runs to the last of them ("扶贫开发专项资金"). */
export const MONEY_HEADS = [
  '资金',
  '基金',
  '经费',
  '贷款',
  '补贴',
  '补助',
  '投资',
  '收入',
  '产值',
  '费用',
  '奖金',
  '款',
];

/** Verbs that may open the words after a count: the count is of people or units doing it. */
export const LEADING_VERBS = [
  '实施',
  '开展',
  '参与',
  '参加',
  '进行',
  '开发',
  '发展',
  '种植',
  '脱贫',
  '增收',
  '务工',
  '就业',
  '受益',
  '入住',
  '搬迁',
];

/** Transitive verbs that put the measured thing after the amount ("安排1000万元扶贫开发专项资金"). */
export const AMOUNT_VERBS = [
  '安排',
  '核拨',
  '拨付',
  '拨款',
  '投入',
  '筹措',
  '筹集',
  '整合',
  '发放',
  '投放',
  '争取',
  '捐赠',
  '设立',
  '新建',
  '建成',
  '流转',
  '推进',
  '完成',
  '兑现',
  '下达',
  '募集',
  '吸引',
  '注入',
];

/** Words at the start of the words before a figure that are not part of the indicator's name. */
export const LEFT_PREFIXES = [
  '力争',
  '预计',
  '每年',
  '确保',
  '省内',
  '周边的',
  '周边',
  '今年以来',
  '今年来',
  '近年来',
  '五年来',
  '这五年',
  '截至目前',
  '截止目前',
  '截止到目前',
  '到目前为止',
  '目前',
  '当前',
  '今年',
  '去年',
  '全年',
  '年内',
  '上半年',
  '下半年',
  '前三季度',
  '同时',
  '其中',
  '另外',
  '此外',
  '并且',
  '而且',
  '全市上下',
  '全市',
  '我市',
  '本市',
  '市本级',
  '全省',
  '全国',
  '全县',
  '全区',
  '全镇',
  '全乡',
  '全村',
  '该县',
  '该市',
  '该镇',
  '该区',
  '该公司',
  '片区三县',
  '片区各县',
  '各县市区',
  '县（市、区）',
  '市县两级',
  '市、县两级',
  '共计',
  '合计',
  '总计',
  '累计',
  '先后',
  '已经',
  '分别',
  '共有',
  '现有',
  '拥有',
  '实现',
  '完成',
  '通过',
  '经过',
  '按照',
  '尚有',
  '现已有',
  '现已',
  '另有',
  '还有',
  '以及',
  '如',
  '和',
  '及',
  '与',
  '另',
  '并',
  '还',
  '共',
  '已',
  '均',
  '都',
  '仅',
  '也',
  '尚',
  '有',
  '对',
  '向',
  '为',
  '在',
  '把',
  '将',
  '给',
  '由',
  '从',
  '又',
  '再',
  '而',
  '但',
  '且',
  '即',
  '、',
  '，',
  '）',
  '”',
];

/** Words at the end of the words before a figure that are not part of the indicator's name. */
export const LEFT_SUFFIXES = [
  '冲刺',
  '全部达到',
  '全部',
  '累计达到',
  '分别达到',
  '已经达到',
  '达到了',
  '突破了',
  '超过了',
  '增加到',
  '增加至',
  '提高到',
  '提高至',
  '提升至',
  '提升到',
  '下降到',
  '下降至',
  '减少到',
  '减少至',
  '降低到',
  '稳定在',
  '控制在',
  '保持在',
  '分别为',
  '分为',
  '约为',
  '仅为',
  '仅有',
  '只有',
  '高达',
  '达到',
  '增至',
  '降至',
  '降到',
  '累计',
  '共计',
  '合计',
  '总计',
  '分别',
  '已达',
  '达',
  '为',
  '是',
  '共',
  '已',
  '仅',
  '有',
  '了',
  '均',
  '都',
  '计',
  '约',
  '由',
  '从',
  '（',
  '“',
  '、',
  '：',
];

/** Words that put a figure in a rank ("居全省第9位", "排名全省第三"). */
export const RANK_CUES = ['位居', '位列', '排名', '排在', '排位', '居', '列', '排'];
export const RANK_SCOPES = [
  '全国',
  '全省',
  '全市',
  '全区',
  '全县',
  '中部',
  '省内',
  '湖北',
  '同类城市',
  '全球',
];

/** Chinese digits (the numerals module's table). */
export const CN_DIGITS = DIGIT_VALUE;
export const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 1e4, 亿: 1e8 };

/** Value of a Chinese numeral such as 十三, 二十, 一百二十, 两千, 三万五千; null if malformed. */
export function parseCnNumber(s: string): number | null {
  if (s === '' || s.length > 12) return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      if (digit !== null) return null;
      digit = CN_DIGITS[ch];
    } else if (ch === '十' || ch === '百' || ch === '千') {
      section += (digit ?? (ch === '十' ? 1 : NaN)) * CN_UNITS[ch];
      if (Number.isNaN(section)) return null;
      digit = null;
    } else if (ch === '万' || ch === '亿') {
      section += digit ?? 0;
      if (section === 0) section = 1;
      total = (total + section) * CN_UNITS[ch];
      section = 0;
      digit = null;
    } else return null;
  }
  return total + section + (digit ?? 0);
}
