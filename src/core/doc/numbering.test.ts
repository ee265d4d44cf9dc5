import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Block, BoxBlock, HeadingBlock, HeadingKind, ParagraphBlock } from './model';
import { NumberingError, boxLabel, numberHeadings } from './numbering';
import { parseOrdinalLabel } from './numerals';

const RUNS = { numRuns: 1000 };

const h = (kind: HeadingKind, text: string, extra: Partial<HeadingBlock> = {}): HeadingBlock => ({
  type: 'heading',
  kind,
  text,
  ...extra,
});
const p = (text: string, extra: Partial<ParagraphBlock> = {}): ParagraphBlock => ({
  type: 'paragraph',
  runs: [{ type: 'text', text }],
  ...extra,
});
const runIn = (heading: string, text: string): ParagraphBlock => p(text, { runInHeading: heading });
const box = (title: string, blocks: Block[]): BoxBlock => ({ type: 'box', title, blocks });

/** The label each block prints, in reading order (boxes flattened): what a reader sees. */
function labels(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'heading') out.push(`${b.label ?? '·'}${b.text}`);
    else if (b.type === 'paragraph' && b.runInHeading !== undefined)
      out.push(`${b.runInLabel ?? '·'}${b.runInHeading}`);
    else if (b.type === 'box') out.push(`[${b.label ?? '?'}：${b.title}]`, ...labels(b.blocks), '[/]');
  }
  return out;
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

function expectNumberingError(f: () => unknown, code: string): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(NumberingError);
    expect((e as NumberingError).code).toBe(code);
    return;
  }
  throw new Error('expected a NumberingError');
}

describe('numberHeadings: 调研报告 ladder 一、 → （一） → 1. → （1）', () => {
  // Seed 000: part 一 has seven run-in （一）…（七）, part 二 five stand-alone （一）…（五）.
  const doc: Block[] = [
    { type: 'title', text: '关于我市工业转型发展的思考' },
    h('h1', '我市工业转型发展的依据'),
    runIn('工业增加值占比高，工业化仅过半程。', '2019年……'),
    runIn('规上企业数量少，龙头企业带动弱。', '……'),
    h('h1', '我市工业转型发展的路径'),
    h('h2', '将绿色转型作为发展底线，打开咸宁工业的广阔空间'),
    p('一是严守生态红线。', { lead: '一是严守生态红线。' }),
    runIn('以数字化赋能传统产业。', '……'),
    h('h2', '将创新驱动作为第一动力'),
    h('h3', '打造创新平台'),
    h('h4', '建设研发中心'),
    h('h4', '引进人才'),
    h('h3', '强化企业主体'),
    h('h4', '培育高新技术企业'),
  ];

  it('labels the ladder and restarts lower levels', () => {
    expect(labels(numberHeadings(doc))).toEqual([
      '一、我市工业转型发展的依据',
      '（一）工业增加值占比高，工业化仅过半程。',
      '（二）规上企业数量少，龙头企业带动弱。',
      '二、我市工业转型发展的路径',
      '（一）将绿色转型作为发展底线，打开咸宁工业的广阔空间',
      '（二）以数字化赋能传统产业。', // run-in shares the h2 counter with stand-alone h2s
      '（三）将创新驱动作为第一动力',
      '1.打造创新平台',
      '（1）建设研发中心',
      '（2）引进人才',
      '2.强化企业主体',
      '（1）培育高新技术企业',
    ]);
  });

  it('leaves paragraph leads and other blocks alone', () => {
    const out = numberHeadings(doc);
    expect(out[0]).toBe(doc[0]); // title passes through
    expect(out[6]).toBe(doc[6]); // a paragraph without runInHeading is untouched
    expect((out[2] as ParagraphBlock).runInHeading).toBe('工业增加值占比高，工业化仅过半程。');
    expect((out[2] as ParagraphBlock).runs).toEqual((doc[2] as ParagraphBlock).runs);
  });

  it('a new title (another piece on the page) restarts every ladder', () => {
    const out = numberHeadings([
      h('h1', '甲'),
      h('h2', '甲一'),
      { type: 'title', text: '第二篇' },
      h('h1', '乙'),
      runIn('乙一', '……'),
    ]);
    expect(labels(out)).toEqual(['一、甲', '（一）甲一', '一、乙', '（一）乙一']);
  });
});

describe('numberHeadings: 规划纲要 ladder 第X章 → 第X节 → 一、', () => {
  const plan: Block[] = [
    h('chapter', '加快打造武汉都市圈绿色发展重要增长极'),
    h('section', '发展基础'),
    h('item', '综合实力'),
    h('item', '产业基础'),
    h('section', '发展环境'),
    h('item', '机遇'),
    h('chapter', '加快构建现代化产业体系'),
    h('item', '导语下的条目'),
    h('section', '加快培育支柱产业'),
    h('item', '培育五大支柱产业'),
    h('item', '壮大龙头企业'),
    h('item', '做强产业集群'),
  ];

  it('numbers chapters, sections and items; a chapter restarts sections and items, a section restarts items', () => {
    expect(labels(numberHeadings(plan))).toEqual([
      '第一章加快打造武汉都市圈绿色发展重要增长极',
      '第一节发展基础',
      '一、综合实力',
      '二、产业基础',
      '第二节发展环境',
      '一、机遇',
      '第二章加快构建现代化产业体系',
      '一、导语下的条目',
      '第一节加快培育支柱产业',
      '一、培育五大支柱产业',
      '二、壮大龙头企业',
      '三、做强产业集群',
    ]);
  });

  it('counts past ten the way headings write it', () => {
    const many = Array.from({ length: 13 }, (_, i) => h('chapter', `章${i + 1}`));
    const out = numberHeadings(many) as HeadingBlock[];
    expect(out.map((b) => b.label)).toEqual([
      '第一章',
      '第二章',
      '第三章',
      '第四章',
      '第五章',
      '第六章',
      '第七章',
      '第八章',
      '第九章',
      '第十章',
      '第十一章',
      '第十二章',
      '第十三章',
    ]);
  });

  it('removing a section renumbers the rest (and clears stale labels)', () => {
    const first = numberHeadings(plan);
    // drop 第一章 第一节 with its two items, then number the already-numbered blocks again
    const edited = first.filter((_, i) => i < 1 || i > 3);
    expect(labels(numberHeadings(edited))).toEqual([
      '第一章加快打造武汉都市圈绿色发展重要增长极',
      '第一节发展环境',
      '一、机遇',
      '第二章加快构建现代化产业体系',
      '一、导语下的条目',
      '第一节加快培育支柱产业',
      '一、培育五大支柱产业',
      '二、壮大龙头企业',
      '三、做强产业集群',
    ]);
    // removing the first chapter renumbers the second
    const noFirstChapter = first.slice(6);
    expect(labels(numberHeadings(noFirstChapter)).slice(0, 3)).toEqual([
      '第一章加快构建现代化产业体系',
      '一、导语下的条目',
      '第一节加快培育支柱产业',
    ]);
  });

  it('removing a run-in （一） renumbers the following （二） to （一）', () => {
    const doc: Block[] = [h('h1', '依据'), runIn('甲', '…'), runIn('乙', '…'), h('h2', '丙')];
    const first = numberHeadings(doc);
    expect(labels(numberHeadings([first[0] as Block, ...first.slice(2)]))).toEqual([
      '一、依据',
      '（一）乙',
      '（二）丙',
    ]);
  });
});

describe('numberHeadings: un-numbered headings', () => {
  it('numbered:false gets no label, does not advance, but restarts lower levels', () => {
    const out = numberHeadings([
      h('h1', '甲'),
      h('h2', '甲一'),
      h('h2', '甲二'),
      h('h1', '结语', { numbered: false, label: '九、' }),
      h('h2', '结语一'),
      h('h1', '乙'),
    ]);
    expect(labels(out)).toEqual(['一、甲', '（一）甲一', '（二）甲二', '·结语', '（一）结语一', '二、乙']);
    expect(out[3]).not.toHaveProperty('label');
  });

  it('question / theme / part are never numbered, change no counter and lose stale labels', () => {
    const out = numberHeadings([
      h('question', '2020年经济社会发展成绩如何?', { label: '一、' }),
      h('theme', '奋力打好三场硬仗', { numbered: true }),
      h('h1', '甲'),
      h('part', '这是一张作战图——'),
      h('h1', '乙'),
      runIn('乙一', '…'),
      h('theme', '主题'),
      runIn('乙二', '…'),
    ]);
    expect(labels(out)).toEqual([
      '·2020年经济社会发展成绩如何?',
      '·奋力打好三场硬仗',
      '一、甲',
      '·这是一张作战图——',
      '二、乙',
      '（一）乙一',
      '·主题',
      '（二）乙二',
    ]);
    for (const i of [0, 1, 3, 6]) expect(out[i]).not.toHaveProperty('label');
  });

  it('drops a stale runInLabel from a paragraph that is no longer a run-in heading', () => {
    const out = numberHeadings([p('正文', { runInLabel: '（三）' })]);
    expect(out[0]).not.toHaveProperty('runInLabel');
  });
});

describe('numberHeadings: 专栏 boxes', () => {
  it('numbers boxes 专栏 1, 2, … across the document; headings inside keep their own ladder', () => {
    const out = numberHeadings([
      h('chapter', '甲章'),
      h('section', '甲节'),
      h('item', '条目一'),
      box('“十五五”时期全市经济社会发展主要指标', [
        { type: 'table', widthsMm: [156], header: [], rows: [], rules: 'three-line' },
      ]),
      h('item', '条目二'),
      box('重点产业改造升级重点工程', [h('h1', '箱内一'), h('h1', '箱内二'), box('嵌套', [])]),
      h('item', '条目三'),
      h('chapter', '乙章'),
      box('文旅产业重点工程', []),
    ]);
    expect(labels(out)).toEqual([
      '第一章甲章',
      '第一节甲节',
      '一、条目一',
      '[专栏 1：“十五五”时期全市经济社会发展主要指标]',
      '[/]',
      '二、条目二',
      '[专栏 2：重点产业改造升级重点工程]',
      '一、箱内一',
      '二、箱内二',
      '[专栏 3：嵌套]',
      '[/]',
      '[/]',
      '三、条目三', // the box's headings did not disturb the item counter
      '第二章乙章',
      '[专栏 4：文旅产业重点工程]',
      '[/]',
    ]);
  });

  it('boxLabel writes one half-width space (seed 004 "专栏 1：")', () => {
    expect(boxLabel(1)).toBe('专栏 1');
    expect(boxLabel(10)).toBe('专栏 10');
    expectNumberingError(() => boxLabel(0), 'bad-input');
  });

  it('removing a box renumbers the later ones', () => {
    const doc = numberHeadings([box('一', []), box('二', []), box('三', [])]);
    expect((numberHeadings(doc.slice(1)) as BoxBlock[]).map((b) => b.label)).toEqual(['专栏 1', '专栏 2']);
  });
});

describe('numberHeadings is pure', () => {
  it('does not modify its input and returns new objects for what it labels', () => {
    const input = deepFreeze<Block[]>([
      h('h1', '甲', { label: '五、' }),
      runIn('甲一', '…'),
      box('专栏', [h('h2', '内')]),
      p('正文'),
    ]);
    const snapshot = JSON.stringify(input);
    const out = numberHeadings(input);
    expect(JSON.stringify(input)).toBe(snapshot);
    expect(out).not.toBe(input);
    expect(out[0]).not.toBe(input[0]);
    expect(out[1]).not.toBe(input[1]);
    expect(out[2]).not.toBe(input[2]);
    expect((out[2] as BoxBlock).blocks[0]).not.toBe((input[2] as BoxBlock).blocks[0]);
    expect(labels(out)).toEqual(['一、甲', '（一）甲一', '[专栏 1：专栏]', '（一）内', '[/]']);
  });

  it('is idempotent', () => {
    const doc = [h('h1', '甲'), runIn('甲一', '…'), h('h2', '甲二'), box('b', [h('h3', 'x')])];
    const once = numberHeadings(doc);
    expect(numberHeadings(once)).toEqual(once);
  });
});

describe('numberHeadings: bad input throws NumberingError only', () => {
  it('refuses non-arrays, non-blocks and unknown heading kinds', () => {
    expectNumberingError(() => numberHeadings(null as unknown as Block[]), 'bad-input');
    expectNumberingError(() => numberHeadings([null as unknown as Block]), 'bad-input');
    expectNumberingError(
      () => numberHeadings([{ type: 'heading', kind: 'h9', text: 'x' } as unknown as Block]),
      'bad-input',
    );
    expectNumberingError(() => numberHeadings([box('b', 'x' as unknown as Block[])]), 'bad-input');
  });

  it('property: arbitrary input gives blocks or NumberingError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.array(fc.anything())), (x) => {
        try {
          numberHeadings(x as Block[]);
          return true;
        } catch (e) {
          return e instanceof NumberingError;
        }
      }),
      RUNS,
    );
  });
});

describe('numberHeadings: ladder properties on random documents', () => {
  const kinds: HeadingKind[] = [
    'chapter',
    'section',
    'item',
    'h1',
    'h2',
    'h3',
    'h4',
    'question',
    'theme',
    'part',
  ];
  const blockArb: fc.Arbitrary<Block> = fc.oneof(
    fc
      .record({
        type: fc.constant('heading' as const),
        kind: fc.constantFrom(...kinds),
        text: fc.constant('t'),
        numbered: fc.option(fc.boolean(), { nil: undefined }),
      })
      .map((b) => (b.numbered === undefined ? { type: b.type, kind: b.kind, text: b.text } : b)),
    fc.constant(runIn('r', '…')),
    fc.constant(p('正文')),
    fc.constant({ type: 'title' as const, text: 'T' }),
  );

  const RANK: Record<string, number> = { chapter: 0, section: 1, h1: 2, item: 2, h2: 3, h3: 4, h4: 5 };

  it('property: each label is 1 + the previous of its kind since the last heading of a higher level', () => {
    fc.assert(
      fc.property(fc.array(blockArb, { maxLength: 40 }), (doc) => {
        const out = numberHeadings(doc);
        const last: Record<string, number> = {};
        for (let i = 0; i < out.length; i++) {
          const b = out[i] as Block;
          let kind: string | undefined;
          let label: string | undefined;
          let numbered = true;
          if (b.type === 'title') {
            for (const k of Object.keys(last)) last[k] = 0;
            continue;
          }
          if (b.type === 'heading') {
            kind = b.kind;
            label = b.label;
            numbered = b.numbered !== false && RANK[b.kind] !== undefined;
          } else if (b.type === 'paragraph' && b.runInHeading !== undefined) {
            kind = 'h2';
            label = b.runInLabel;
          } else continue;
          const rank = RANK[kind];
          if (rank === undefined) {
            if (label !== undefined) return false; // question/theme/part
            continue;
          }
          for (const k of Object.keys(RANK)) if ((RANK[k] as number) > rank) last[k] = 0;
          if (!numbered) {
            if (label !== undefined) return false;
            continue;
          }
          const expected = (last[kind] ?? 0) + 1;
          last[kind] = expected;
          if (label === undefined) return false;
          const parsed = parseOrdinalLabel(label);
          if (parsed.n !== expected) return false;
          if (parsed.kind !== (kind === 'item' ? 'h1' : kind)) return false;
        }
        return true;
      }),
      RUNS,
    );
  });

  it('property: numbering twice equals numbering once', () => {
    fc.assert(
      fc.property(fc.array(blockArb, { maxLength: 30 }), (doc) => {
        const once = numberHeadings(doc);
        return JSON.stringify(numberHeadings(once)) === JSON.stringify(once);
      }),
      RUNS,
    );
  });
});
