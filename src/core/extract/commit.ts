/**
 * The end of 导入报告 (issue 8): the figures a user accepted in a report's text go into the database
 * with the report as their source and the exact words they were read from, and the report becomes a
 * briefing whose accepted figures are value chips bound to the observations just written.
 *
 * All or nothing: every decision is checked first and every problem is reported together (each naming
 * the words it is about); then one transaction creates the new indicators and regions, writes the
 * observations (a changed value is a revision, recorded and reported, never silent) and builds the
 * document. The caller stores the document (service.commitReport does, in the same transaction).
 */
import type { Db } from '../db/connection';
import { Catalogue, nameKey, type Indicator, type Region } from '../data/catalogue';
import {
  inferKind,
  newRegionCodes,
  regionLevel,
  type NewIndicator,
  type NewRegion,
  type RevisedEntry,
} from '../data/import/apply';
import { isRatio } from '../data/import/parse';
import { ObservationStore, STATUSES, type Observation, type Status } from '../data/observations';
import { parsePeriod, PeriodError, type Period } from '../data/periods';
import type { BriefDocument, Provenance } from '../doc/model';
import { convertUnit, parseUnit, UnitError } from '../doc/wording';
import { bindFigures, type Unplaced } from './chips';
import { extractFigures, type FigureCandidate } from './figures';
import { ReportError, type CommitIssue } from './report-error';
import { homeRegionOf } from './index';
import { structureOf } from './structure';

export { ReportError, type CommitIssue } from './report-error';

/** The user's verdict on one candidate (by its offsets in the text), with any fields they changed. */
export interface FigureDecision {
  start: number;
  end: number;
  accept: boolean;
  /** An indicator of the catalogue (name, code or alias) or the name of a new one (then `unit` is needed). */
  indicator?: string;
  region?: string;
  /** 2019, 2020年上半年, 2026—2030 … */
  period?: string;
  /** The number as written (in `unit`), or a structure ratio "12.5:44.2:43.3". */
  value?: number | string;
  /** The unit the value is written in; converted into the indicator's unit when that is a change of scale. */
  unit?: string;
  /**
   * 实际 (or ''), 初步核算, 最终核实, 预计, 目标. Default: 目标 for a period that ends after the year the
   * report is dated (its cover date: a plan's 2030 figures), else 实际.
   */
  status?: string;
  qualifier?: string | null;
}

export interface CommitInput {
  fileName: string;
  text: string;
  decisions: readonly FigureDecision[];
}

export interface CommittedFigure {
  start: number;
  end: number;
  text: string;
  indicator: string;
  indicatorCode: string;
  region: string;
  /** As the reports write it: 2019, 2026—2030. */
  period: string;
  status: Status;
  /** Stored value, in `unit` (the indicator's unit). */
  value: number | null;
  textValue: string | null;
  unit: string;
  outcome: 'added' | 'revised' | 'unchanged';
  revision: number;
}

/** A revision as an import reports it, told by the report's words instead of a file row. */
export type RevisedFigure = Omit<RevisedEntry, 'row'> & {
  /** The words of the report that gave the new value. */
  text: string;
};

export interface CommitReport {
  file: string;
  /** sources.name of the report. */
  source: string;
  accepted: number;
  rejected: number;
  /** Observations (several figures stating the same one count once). */
  added: number;
  revised: RevisedFigure[];
  unchanged: number;
  /** Values converted from the unit as written into the indicator's unit (万元 → 亿元). */
  converted: number;
  newIndicators: NewIndicator[];
  newRegions: NewRegion[];
  figures: CommittedFigure[];
  /** Accepted figures written to the database that could not become a chip (e.g. inside a heading label). */
  unplaced: Unplaced[];
}

const MAX_LISTED = 50;

function describe(issues: CommitIssue[]): string {
  const lines = issues
    .slice(0, MAX_LISTED)
    .map((i) => `「${short(i.text)}」（第${i.start}字起）：${i.message}`);
  if (issues.length > MAX_LISTED) lines.push(`……另有 ${issues.length - MAX_LISTED} 处问题未列出`);
  lines.push(`提交失败：共 ${issues.length} 处问题，数据库未作任何改动。`);
  return lines.join('\n');
}

const short = (s: string) => {
  const t = s.replace(/\s+/g, '');
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
};

/** The extractor's options for a catalogue: names mapped to it, 全市 meaning its city. */
export function extractOptionsOf(catalogue: Catalogue) {
  const regions = catalogue.regions();
  return { indicators: catalogue.indicators(), regions, homeRegion: homeRegionOf(regions) };
}

/** A file name without folders and extension (the source's name when the text has no title). */
function stem(fileName: string): string {
  return (
    fileName
      .split(/[\\/]/)
      .pop()!
      .replace(/\.[^.]{1,8}$/, '')
      .trim() || fileName
  );
}

interface Planned {
  decision: FigureDecision;
  words: string;
  indicator: { name: string; existing: Indicator | null; unit: string };
  region: { name: string; existing: Region | null };
  period: Period;
  status: Status;
  value: number | null;
  textValue: string | null;
  qualifier: string | null;
  converted: boolean;
}

/**
 * Writes the accepted figures and builds the document. Throws ReportError (nothing written) when a
 * decision is incomplete or wrong: every problem at once, each naming the words it is about.
 */
export function commitReport(db: Db, input: CommitInput): { report: CommitReport; document: BriefDocument } {
  const { fileName, text, decisions } = input;
  if (typeof text !== 'string' || text.trim() === '') throw new ReportError('报告内容为空，没有可提交的数字');
  const catalogue = new Catalogue(db);
  const structured = structureOf(text, { title: stem(fileName) });
  const candidates = new Map<string, FigureCandidate>();
  for (const c of extractFigures(text, extractOptionsOf(catalogue))) candidates.set(`${c.start}:${c.end}`, c);

  /** The year the report is dated (a cover's 二〇二六年五月), if it says. */
  const datedYear = /^\d{4}/.test(structured.document.meta.date)
    ? Number(structured.document.meta.date.slice(0, 4))
    : null;
  const issues: CommitIssue[] = [];
  const planned: Planned[] = [];
  const seenSpans = new Set<string>();
  let rejected = 0;

  // ---- every decision checked, new catalogue entries planned in memory
  const newIndicators = new Map<string, { name: string; unit: string; kind: ReturnType<typeof inferKind> }>();
  const newRegions = new Map<string, string>();
  for (const d of decisions) {
    const valid =
      Number.isInteger(d.start) &&
      Number.isInteger(d.end) &&
      d.start >= 0 &&
      d.end <= text.length &&
      d.start < d.end;
    const words = valid ? text.slice(d.start, d.end) : '';
    const problem = (message: string) => issues.push({ start: d.start, end: d.end, text: words, message });
    if (!valid) {
      problem(`位置 ${d.start}–${d.end} 不在报告文字之内`);
      continue;
    }
    const span = `${d.start}:${d.end}`;
    if (seenSpans.has(span)) {
      problem('同一段文字有两个决定');
      continue;
    }
    seenSpans.add(span);
    if (!d.accept) {
      rejected++;
      continue;
    }
    const c = candidates.get(span);
    const before = issues.length;

    // Indicator: the catalogue's, or a new one with a unit.
    const indicatorName = (d.indicator ?? (c ? (c.indicatorCode ?? c.indicator) : '')).trim();
    const unitWritten = (d.unit ?? c?.unit ?? '').trim();
    let existing: Indicator | null = null;
    let indicatorUnit = '';
    if (!indicatorName) problem('没有指标：请选择指标或填写新指标的名称');
    else {
      existing = catalogue.findIndicator(indicatorName);
      if (existing) indicatorUnit = existing.unit;
      else {
        const planned = newIndicators.get(nameKey(indicatorName));
        if (planned) indicatorUnit = planned.unit;
        else if (!unitWritten) problem(`新指标「${indicatorName}」需要单位`);
        else {
          try {
            indicatorUnit = parseUnit(unitWritten).unit;
          } catch (err) {
            if (!(err instanceof UnitError)) throw err;
            problem(`新指标「${indicatorName}」的单位有误：${err.message}`);
          }
        }
      }
    }

    // Region and period.
    const regionName = (d.region ?? c?.region ?? '').trim();
    const region = regionName ? catalogue.findRegion(regionName) : null;
    if (!regionName) problem('没有地区：请指定地区');
    let period: Period | null = null;
    const periodText = (d.period ?? c?.period ?? '').trim();
    if (!periodText) problem('没有时间：请指定时间（如 2019、2020年上半年、2026—2030）');
    else {
      try {
        period = parsePeriod(periodText);
      } catch (err) {
        if (!(err instanceof PeriodError)) throw err;
        problem(err.message);
      }
    }

    // Status.
    const statusText = (
      d.status ?? (period && datedYear !== null && period.endYear > datedYear ? '目标' : '')
    ).trim();
    const status = (statusText === '实际' ? '' : statusText) as Status;
    if (!STATUSES.includes(status))
      problem(`未知的状态「${statusText}」：可用 实际、初步核算、最终核实、预计、目标`);

    // Value, in the indicator's unit.
    const raw = d.value ?? c?.value;
    let value: number | null = null;
    let textValue: string | null = null;
    let converted = false;
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))
      problem('没有数值：请填写数值');
    else if (typeof raw === 'string' && isRatio(raw.trim())) textValue = raw.trim();
    else {
      const n = typeof raw === 'number' ? raw : Number(raw.trim().replace(/,/g, ''));
      if (!Number.isFinite(n)) problem(`数值「${String(raw)}」不是数字`);
      else value = n;
    }
    if (indicatorName && indicatorUnit && issues.length === before) {
      const from = unitWritten || indicatorUnit;
      if (from !== indicatorUnit) {
        try {
          const same = parseUnit(from).unit === parseUnit(indicatorUnit).unit;
          if (value !== null && !same) {
            value = convertUnit(value, from, indicatorUnit);
            converted = true;
          } else if (textValue !== null && !same)
            problem(`比值「${textValue}」不能从「${from}」换算为「${indicatorUnit}」`);
        } catch (err) {
          if (!(err instanceof UnitError)) throw err;
          const change = /^(个百分点|倍|位)$/.test(from)
            ? `（「${from}」说的是${from === '位' ? '位次' : '变化或倍数'}，请选择相应的指标或填写新指标名称）`
            : '';
          problem(
            `单位「${from}」不能换算为指标「${existing?.name ?? indicatorName}」的单位「${indicatorUnit}」${change}`,
          );
        }
      }
    }
    if (issues.length > before || !period) continue;

    if (!existing && !newIndicators.has(nameKey(indicatorName)))
      newIndicators.set(nameKey(indicatorName), {
        name: indicatorName,
        unit: indicatorUnit,
        kind: inferKind(indicatorName, indicatorUnit, textValue !== null),
      });
    if (!region && !newRegions.has(nameKey(regionName))) newRegions.set(nameKey(regionName), regionName);
    planned.push({
      decision: d,
      words,
      indicator: { name: existing?.name ?? indicatorName, existing, unit: indicatorUnit },
      region: { name: region?.name ?? regionName, existing: region },
      period,
      status,
      value,
      textValue,
      qualifier: d.qualifier !== undefined ? d.qualifier || null : (c?.qualifier ?? null),
      converted,
    });
  }

  // Accepted spans must not overlap (a word cannot be two chips), and one report must not state
  // two different values for the same observation.
  const byStart = [...planned].sort((a, b) => a.decision.start - b.decision.start);
  for (let i = 1; i < byStart.length; i++) {
    const a = byStart[i - 1];
    const b = byStart[i];
    if (b.decision.start < a.decision.end)
      issues.push({
        start: b.decision.start,
        end: b.decision.end,
        text: b.words,
        message: `与「${short(a.words)}」重叠：同一段文字只能对应一个数字`,
      });
  }
  const keyOf = (p: Planned) =>
    `${nameKey(p.indicator.name)}\u0001${nameKey(p.region.name)}\u0001${p.period.key}\u0001${p.status}`;
  const first = new Map<string, Planned>();
  for (const p of byStart) {
    const k = keyOf(p);
    const f = first.get(k);
    if (!f) first.set(k, p);
    else if (f.value !== p.value || f.textValue !== p.textValue)
      issues.push({
        start: p.decision.start,
        end: p.decision.end,
        text: p.words,
        message:
          `与「${short(f.words)}」是同一条数据（${p.indicator.name}，${p.region.name}，${p.period.label}${p.status ? `，${p.status}` : ''}），` +
          `数值却不同（${f.value ?? f.textValue} 与 ${p.value ?? p.textValue}）：请改正其一，或改为不同的指标、地区或时间`,
      });
  }
  if (issues.length > 0) {
    issues.sort((a, b) => a.start - b.start);
    throw new ReportError(describe(issues), issues);
  }

  // ---- the writes, all in one transaction
  return db
    .transaction(() => {
      const store = new ObservationStore(db);
      const report: CommitReport = {
        file: fileName,
        source: '',
        accepted: planned.length,
        rejected,
        added: 0,
        revised: [],
        unchanged: 0,
        converted: planned.filter((p) => p.converted).length,
        newIndicators: [],
        newRegions: [],
        figures: [],
        unplaced: [],
      };
      const indicators = new Map<string, Indicator>();
      for (const [key, i] of newIndicators) {
        const code = catalogue.nextIndicatorCode();
        const created = catalogue.addIndicator({
          code,
          name: i.name,
          unit: i.unit,
          category: null,
          definition: null,
          decimals: null,
          kind: i.kind,
          formula: null,
          aliases: [],
        });
        indicators.set(key, created);
        report.newIndicators.push({ name: i.name, code, unit: i.unit });
      }
      const regions = new Map<string, Region>();
      if (newRegions.size > 0) {
        const nextCode = newRegionCodes(catalogue.regions());
        for (const [key, name] of newRegions) {
          const code = nextCode();
          const level = regionLevel(name);
          regions.set(key, catalogue.addRegion({ code, name, parentId: null, level }));
          report.newRegions.push({ name, code, level });
        }
      }

      // The source: the report's title (or file name); another file's source of that name is not reused.
      const title = structured.document.meta.title.trim() || stem(fileName);
      const existingSource = db.prepare('SELECT file FROM sources WHERE name = ?').get(title) as
        { file: string | null } | undefined;
      const source =
        existingSource && existingSource.file !== null && existingSource.file !== fileName
          ? `${title}（${fileName}）`
          : title;
      store.ensureSource(source, fileName);
      report.source = source;

      const written = new Map<string, { observation: Observation; outcome: CommittedFigure['outcome'] }>();
      const placements: { start: number; end: number; provenance: Provenance[] }[] = [];
      for (const p of byStart) {
        const indicator = p.indicator.existing ?? indicators.get(nameKey(p.indicator.name))!;
        const region = p.region.existing ?? regions.get(nameKey(p.region.name))!;
        const key = keyOf(p);
        let w = written.get(key);
        if (!w) {
          const before = store.find(indicator.id, region.id, p.period.key, p.status);
          let outcome: CommittedFigure['outcome'];
          let old = before?.value ?? null;
          if (before && old !== null && before.unit !== indicator.unit) {
            try {
              old = convertUnit(old, before.unit, indicator.unit);
            } catch (err) {
              if (!(err instanceof UnitError)) throw err;
            }
          }
          if (before && old === p.value && (before.textValue ?? null) === p.textValue) outcome = 'unchanged';
          else {
            outcome = store.upsert(
              {
                indicatorId: indicator.id,
                regionId: region.id,
                period: p.period,
                status: p.status,
                value: p.value,
                textValue: p.textValue,
                unit: indicator.unit,
                qualifier: p.qualifier,
                source,
                sourceFile: fileName,
                sourceText: p.words,
              },
              { reason: `导入报告 ${fileName}`, file: fileName },
            );
            if (outcome === 'revised')
              report.revised.push({
                indicator: indicator.name,
                region: region.name,
                period: p.period.label,
                status: p.status,
                old: old ?? before?.textValue ?? null,
                new: p.value ?? p.textValue,
                unit: indicator.unit,
                text: p.words,
              });
          }
          if (outcome === 'added') report.added++;
          else if (outcome === 'unchanged') report.unchanged++;
          w = { observation: store.find(indicator.id, region.id, p.period.key, p.status)!, outcome };
          written.set(key, w);
        }
        const o = w.observation;
        report.figures.push({
          start: p.decision.start,
          end: p.decision.end,
          text: p.words,
          indicator: indicator.name,
          indicatorCode: indicator.code,
          region: region.name,
          period: o.periodLabel,
          status: o.status,
          value: o.value,
          textValue: o.textValue,
          unit: o.unit,
          outcome: w.outcome,
          revision: o.revision,
        });
        placements.push({
          start: p.decision.start,
          end: p.decision.end,
          provenance: [
            {
              indicatorCode: indicator.code,
              indicator: indicator.name,
              region: region.name,
              period: o.periodLabel,
              value: o.value,
              unit: o.unit,
              status: o.status || null,
              source: o.source,
              revision: o.revision,
            },
          ],
        });
      }

      const { document, unplaced } = bindFigures(text, structured, placements);
      report.unplaced = unplaced;
      return { report, document };
    })
    .immediate();
}
