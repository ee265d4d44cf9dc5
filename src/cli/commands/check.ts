import {
  checkTemplate,
  figureText,
  runChecks,
  SEVERITIES,
  SEVERITY_LABELS,
  type CheckReport,
  type Finding,
} from '../../core/data/checks';
import { openDb, parse, UsageError, type Io } from '../args';

/** The JSON shape of DESIGN §3: only the contract's keys. */
export function findingsJson(findings: Finding[]): string {
  return JSON.stringify({
    findings: findings.map((f) => ({
      severity: f.severity,
      message: f.message,
      values: f.values.map((v) => ({
        indicator: v.indicator,
        region: v.region,
        period: v.period,
        value: v.value,
        unit: v.unit,
        source: v.source,
      })),
    })),
  });
}

function valueLine(v: Finding['values'][number]): string {
  const value =
    typeof v.value === 'number'
      ? figureText(v.value, v.unit, v.qualifier).replace(' 个百分点', '个百分点')
      : (v.value ?? '');
  const words = v.sourceText ? `「${v.sourceText}」` : '';
  return [
    v.indicator,
    v.region,
    v.period,
    value + (v.status ? `（${v.status}）` : ''),
    `${v.source ?? '来源不详'}${words}`,
  ].join(' · ');
}

/** Findings for people: severity, the message, then the figures with their sources. */
export function findingsText(findings: Finding[]): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`【${SEVERITY_LABELS[f.severity]}】${f.message}`);
    f.values.forEach((v, i) => lines.push(`    ${i === 0 ? '陈述' : '依据'}：${valueLine(v)}`));
  }
  return lines;
}

function summary(report: CheckReport, what: string): string {
  const counts = SEVERITIES.map((s) => [s, report.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${SEVERITY_LABELS[s]} ${n} 处`);
  const skipped = report.skipped.length ? `；另有 ${report.skipped.length} 组关系因缺少数据未核对` : '';
  return (
    `${what}：核对了 ${report.checked} 组数字关系，` +
    (counts.length ? `发现 ${counts.join('、')}` : '未发现超出四舍五入误差的不一致') +
    `${skipped}。核对只读取数据，不修改任何数字。`
  );
}

/** `brief check TEMPLATE [--year Y] [--json]` and `brief check --all`: exits 0 whatever it finds. */
export async function cmdCheck(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    year: { type: 'string' },
    json: { type: 'boolean' },
    all: { type: 'boolean' },
  });
  if (values.all ? positionals.length > 0 : positionals.length !== 1) {
    throw new UsageError(
      'check 需要一个模板名称或模板文件（如：brief check 调研报告），或 --all 核对全部关系',
    );
  }
  let year: number | undefined;
  if (values.year !== undefined) {
    if (!/^\d{4}$/.test(values.year)) throw new UsageError(`--year 应是四位年份：${values.year}`);
    year = Number(values.year);
  }
  const { db } = await openDb(values.db, io);
  try {
    let report: CheckReport;
    let what: string;
    if (values.all) {
      report = runChecks(db, { year });
      what = year === undefined ? '全部数据' : `${year}年的数据`;
    } else {
      const r = checkTemplate(db, positionals[0], { year });
      report = r;
      what = `「${r.template}」（${r.period}，用到数据 ${r.figures} 个）`;
    }
    if (values.json) io.out(findingsJson(report.findings));
    else for (const line of findingsText(report.findings)) io.out(line);
    io.err(summary(report, what));
    return 0;
  } finally {
    db.close();
  }
}
