import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { closestName, NotFoundError } from '../data/catalogue';
import { resourcesDir } from '../resources';
import { parseTemplate, type ParsedTemplate } from './template/parse';

export interface TemplateInfo {
  name: string;
  title: string;
  description: string;
  defaultPeriod: string;
}

export interface LoadedTemplate {
  info: TemplateInfo;
  parsed: ParsedTemplate;
  /** File the template came from, for error messages. */
  file: string;
}

export const TEMPLATE_EXTENSION = '.tpl';

function builtInDir(resources?: string): string {
  return join(resourcesDir(resources), 'templates');
}

function load(file: string, label: string): LoadedTemplate {
  const parsed = parseTemplate(readFileSync(file, 'utf8'), label);
  const h = parsed.header;
  return {
    info: { name: h.name, title: h.title || h.name, description: h.description, defaultPeriod: h.period },
    parsed,
    file,
  };
}

/** The built-in templates, in the order DESIGN §3 lists them. */
export function builtInTemplates(resources?: string): LoadedTemplate[] {
  const dir = builtInDir(resources);
  const order = ['调研报告', '专题报道', '政府工作报告解读', '规划纲要'];
  return readdirSync(dir)
    .filter((f) => f.endsWith(TEMPLATE_EXTENSION))
    .map((f) => load(join(dir, f), f))
    .sort((a, b) => ((order.indexOf(a.info.name) + 99) % 99) - ((order.indexOf(b.info.name) + 99) % 99));
}

/** A template by built-in name or by file path. */
export function findTemplate(nameOrPath: string, resources?: string): LoadedTemplate {
  if (nameOrPath.endsWith(TEMPLATE_EXTENSION) || nameOrPath.includes('/') || nameOrPath.includes('\\')) {
    if (!existsSync(nameOrPath)) throw new NotFoundError(`模板文件不存在：${nameOrPath}`);
    return load(nameOrPath, basename(nameOrPath));
  }
  const all = builtInTemplates(resources);
  const found = all.find((t) => t.info.name === nameOrPath || t.info.title === nameOrPath);
  if (found) return found;
  const suggestion = closestName(
    nameOrPath,
    all.map((t) => t.info.name),
  );
  throw new NotFoundError(
    `未找到模板「${nameOrPath}」` +
      (suggestion ? `，是否指「${suggestion}」？` : `。可用模板：${all.map((t) => t.info.name).join('、')}`),
    suggestion,
  );
}
