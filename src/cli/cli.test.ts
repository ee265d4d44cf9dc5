// The `brief` contract of DESIGN §3, run as a user runs it: the built bin under plain Node.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve('bin/brief.js');
const dir = mkdtempSync(join(tmpdir(), 'brief-cli-'));

function brief(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      BRIEF_DB: join(dir, 'unused-default.db'),
      // Never the user's own figure cache.
      BRIEF_CACHE_DIR: join(dir, 'figure-cache'),
      ...env,
    },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('brief', () => {
  it('init creates a database, refuses to overwrite, and --force recreates it', () => {
    const db = join(dir, 'init.db');
    expect(brief(['init', '--demo', '--db', db])).toMatchObject({ code: 0 });
    expect(existsSync(db)).toBe(true);
    const again = brief(['init', '--db', db]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('数据库已存在');
    expect(brief(['init', '--force', '--db', db]).code).toBe(0);
    const empty = brief(['query', '--list', '--json', '--db', db]);
    expect(JSON.parse(empty.out).indicators).toEqual([]);
  });

  it('query finds an indicator by name, code or alias and prints the JSON shape of DESIGN §3', () => {
    const db = join(dir, 'query.db');
    for (const name of ['地区生产总值', 'GDP', '地区生产总值(GDP)']) {
      const r = brief(['query', name, '--json', '--db', db]);
      expect(r.code).toBe(0);
      const { series } = JSON.parse(r.out);
      expect(series).toContainEqual({
        region: '咸宁市',
        period: '2019',
        value: 1594.98,
        unit: '亿元',
        status: '',
        source: expect.stringContaining('关于我市工业转型发展的思考'),
      });
    }
    const ranged = JSON.parse(
      brief([
        'query',
        '规上工业企业数',
        '--region',
        '黄冈',
        '--from',
        '2019',
        '--to',
        '2019',
        '--json',
        '--db',
        db,
      ]).out,
    );
    expect(ranged.series).toEqual([expect.objectContaining({ region: '黄冈市', value: 1365 })]);
  });

  it('a missing database is created with the demo data; BRIEF_DB names the default', () => {
    const db = join(dir, 'env.db');
    const r = brief(['query', 'GDP', '--json'], { BRIEF_DB: db });
    expect(r.code).toBe(0);
    expect(existsSync(db)).toBe(true);
    expect(JSON.parse(r.out).series.length).toBeGreaterThan(0);
  });

  it('bad input exits 1 with a message that helps; usage errors exit 2', () => {
    const db = join(dir, 'errors.db');
    const typo = brief(['query', '地区生产总直', '--db', db]);
    expect(typo.code).toBe(1);
    expect(typo.err.trim()).toBe('未找到指标「地区生产总直」，是否指「地区生产总值」？');
    expect(typo.out).toBe('');
    expect(brief(['query', 'GDP', '--from', '19年', '--db', db]).code).toBe(1);
    expect(brief(['frobnicate']).code).toBe(2);
    expect(brief(['query', '--bogus', '--db', db]).code).toBe(2);
    expect(brief(['render', '政府工作报告解读', '--db', db]).code).toBe(2);
    const unknown = brief(['render', '政府工作报告', '--out', join(dir, 'x.docx'), '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('未找到模板「政府工作报告」');
  });

  it('templates lists the built-in templates with their default periods', () => {
    const r = brief(['templates', '--json', '--db', join(dir, 't.db')]);
    expect(r.code).toBe(0);
    const { templates } = JSON.parse(r.out);
    expect(templates).toContainEqual(
      expect.objectContaining({ name: '政府工作报告解读', defaultPeriod: '2020' }),
    );
    for (const t of templates)
      expect(Object.keys(t).sort()).toEqual(['defaultPeriod', 'description', 'name', 'title']);
  });

  it('render writes a .docx; a template file with a typo names its line and column', () => {
    const db = join(dir, 'render.db');
    const out = join(dir, '解读.docx');
    const r = brief(['render', '政府工作报告解读', '--out', out, '--db', db]);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const tpl = join(dir, 'bad.tpl');
    writeFileSync(tpl, '@name 试用\n@period 2019\n\np: 全市实现地区生产总值{v(地区生产总直)}。\n');
    const bad = brief(['render', tpl, '--out', join(dir, 'bad.docx'), '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.err.trim()).toBe('bad.tpl：第4行第17列：未找到指标「地区生产总直」，是否指「地区生产总值」？');
    expect(existsSync(join(dir, 'bad.docx'))).toBe(false);
  });

  it('serve prints its URL with the token as the first line, on 127.0.0.1, within 10 s', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', join(dir, 'serve.db')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((ok, fail) => {
        const timer = setTimeout(() => fail(new Error('no URL within 10 s')), 10_000);
        let buf = '';
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          if (buf.includes('\n')) {
            clearTimeout(timer);
            ok(buf.split('\n')[0]);
          }
        });
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/);
      const base = new URL(url);
      const denied = await fetch(`${base.origin}/api/listTemplates`, { method: 'POST', body: '{}' });
      expect(denied.status).toBe(401);
      const page = await fetch(`${base.origin}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
