import { builtInTemplates } from '../../core/doc/templates';
import { parse, type Io } from '../args';

export async function cmdTemplates(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } });
  const templates = builtInTemplates().map((t) => t.info);
  if (values.json) io.out(JSON.stringify({ templates }));
  else for (const t of templates) io.out(`${t.name}\t默认时期 ${t.defaultPeriod}\t${t.description}`);
  return 0;
}
