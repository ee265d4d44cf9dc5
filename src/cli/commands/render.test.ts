import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../core/briefing';
import { installedFonts } from '../../core/export/installed-fonts';
import { fontHint } from './render';

describe('the font hint of brief render', () => {
  it('says nothing when every face is installed', () => {
    expect(fontHint([], 'standard')).toBeNull();
  });

  it('names the missing faces and suggests the fallback profile when GB2312 faces are missing', () => {
    expect(fontHint(['仿宋_GB2312', '楷体_GB2312'], 'standard')).toBe(
      '本机未安装字体：仿宋_GB2312、楷体_GB2312，Word/WPS 打开时会用其他字体代替；可加 --font-profile fallback 改用 仿宋、楷体、宋体。',
    );
  });

  it('does not suggest the fallback profile to a document already using it', () => {
    expect(fontHint(['仿宋'], 'fallback')).toBe('本机未安装字体：仿宋，Word/WPS 打开时会用其他字体代替。');
  });
});

describe('renderDocument tells which of the fonts it needs are missing here', () => {
  it('lists the needed faces and, among them, the ones this machine lacks', async () => {
    const r = await renderDocument({
      meta: {
        title: '测试',
        author: '咸宁市统计局',
        date: '2026-05-08',
        template: '调研报告',
        period: '2025',
      },
      blocks: [{ type: 'paragraph', runs: [{ type: 'text', text: '正文。' }] }],
    });
    expect(r.fonts).toEqual([
      '方正小标宋简体',
      '仿宋_GB2312',
      '楷体_GB2312',
      '黑体',
      '宋体',
      'Times New Roman',
    ]);
    const installed = installedFonts();
    if (installed) expect(r.missingFonts).toEqual(r.fonts.filter((f) => !installed.has(f)));
    const fallback = await renderDocument(
      {
        meta: {
          title: '测试',
          author: '咸宁市统计局',
          date: '2026-05-08',
          template: '调研报告',
          period: '2025',
        },
        blocks: [{ type: 'paragraph', runs: [{ type: 'text', text: '正文。' }] }],
      },
      { fontProfile: 'fallback' },
    );
    expect(fallback.fonts).toEqual(['宋体', '仿宋', '楷体', '黑体', 'Times New Roman']);
  });
});
