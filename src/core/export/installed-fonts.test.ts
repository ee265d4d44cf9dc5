import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { installedFonts, missingFonts } from './installed-fonts';

const fcList = ((): string | null => {
  try {
    return execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  } catch {
    return null;
  }
})();

describe.skipIf(process.platform !== 'linux' || fcList === null)('installed fonts (fontconfig)', () => {
  const someFamily = fcList!.split('\n')[0]!.split(',')[0]!.trim();

  it('lists the families fontconfig knows, every name of each', () => {
    const families = installedFonts();
    expect(families).not.toBeNull();
    expect(families!.has(someFamily)).toBe(true);
    for (const name of fcList!.split('\n')[0]!.split(',')) expect(families!.has(name.trim())).toBe(true);
  });

  it('tells which of the faces a document needs are not installed, in the order asked', () => {
    expect(missingFonts(['没有这种字体_GB2312', someFamily, '也没有这种'])).toEqual({
      checked: true,
      missing: ['没有这种字体_GB2312', '也没有这种'],
    });
  });
});
