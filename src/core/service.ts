/**
 * What the UI can ask of the core, as plain functions over one open database. The hosts (Electron
 * main, browser-mode server) validate each call against the contract in src/shared before it gets here.
 */
import type { Db } from './db/connection';
import { extractFigures } from './extract';
import { commitReport, extractOptionsOf, ReportError, type FigureDecision } from './extract/commit';
import { readReportBytes } from './extract/read-report';
import { Catalogue } from './data/catalogue';
import { ObservationStore } from './data/observations';
import { renderBriefing, renderDocument } from './briefing';
import { builtInTemplates } from './doc/templates';
import { exportData, type DataFormat } from './data/exportData';
import { importData, ImportError } from './data/import';
import { checkTemplate, runChecks } from './data/checks';
import { GridService } from './data/grid';
import type { BriefDocument, Inline } from './doc/model';
import {
  blankDocument,
  buildFigure,
  buildTable,
  DocumentStore,
  evaluateExpr,
  exportFileName,
  preflight,
  templateDocument,
  ValueChecker,
  valueExpr,
  type ChipQuery,
  type DataQuery,
  type FigureQuery,
  type ValueForm,
} from './documents';
import type { FontProfile } from './export/docx';
import {
  backupDatabase,
  checkDatabase,
  isBackupName,
  listBackups,
  restoreBackup,
  type BackupInfo,
} from './db/backup';
import { DatabaseError } from './db/connection';

export function createService(db: Db) {
  const catalogue = new Catalogue(db);
  const store = new ObservationStore(db);
  const grid = new GridService(db);
  const documents = new DocumentStore(db);
  const counts = () =>
    new Map(
      (
        db
          .prepare('SELECT indicator_id AS id, COUNT(*) AS n FROM observations GROUP BY indicator_id')
          .all() as {
          id: number;
          n: number;
        }[]
      ).map((r) => [r.id, r.n]),
    );

  return {
    listIndicators({ search }: { search: string }) {
      const n = counts();
      return {
        indicators: catalogue.indicators(search).map((i) => ({
          code: i.code,
          name: i.name,
          unit: i.unit,
          kind: i.kind,
          aliases: i.aliases,
          observations: n.get(i.id) ?? 0,
        })),
      };
    },

    getSeries({ indicator, region }: { indicator: string; region?: string }) {
      const ind = catalogue.indicator(indicator);
      const reg = region ? catalogue.region(region) : undefined;
      return {
        indicator: ind.name,
        series: store.series({ indicatorId: ind.id, regionId: reg?.id }).map((o) => ({
          region: o.region,
          period: o.periodLabel,
          status: o.status,
          value: o.value,
          text: o.textValue,
          unit: o.unit,
          qualifier: o.qualifier,
          source: o.source,
          sourceText: o.sourceText,
          revision: o.revision,
        })),
      };
    },

    listTemplates() {
      return { templates: builtInTemplates().map((t) => t.info) };
    },

    async exportBriefing({
      template,
      year,
      charts,
    }: {
      template: string;
      year?: number;
      charts: 'image' | 'native';
    }) {
      const r = await renderBriefing(db, template, { year, charts });
      return {
        fileName: `${r.doc.meta.template}（${r.doc.meta.period}）.docx`,
        base64: r.docx.toString('base64'),
        values: r.values,
        missing: r.missing,
        fonts: r.fonts,
      };
    },

    /** Imports uploaded bytes (no paths cross the API); problems come back as `errors`, nothing is written then. */
    async importFile({
      fileName,
      base64,
      dryRun,
      strict,
    }: {
      fileName: string;
      base64: string;
      dryRun: boolean;
      strict: boolean;
    }) {
      try {
        const report = await importData(db, {
          fileName,
          bytes: Buffer.from(base64, 'base64'),
          dryRun,
          strict,
        });
        return { ...report, errors: [], errorCount: 0 };
      } catch (err) {
        if (!(err instanceof ImportError)) throw err;
        return {
          file: fileName,
          format: null,
          encoding: null,
          layout: null,
          rows: 0,
          dryRun,
          added: 0,
          revised: [],
          unchanged: 0,
          converted: 0,
          newIndicators: [],
          newRegions: [],
          warnings: [],
          errors: err.issues,
          errorCount: err.total,
        };
      }
    },

    /** All observations as a .csv or .xlsx download, in the import columns. */
    async exportData({ format }: { format: DataFormat }) {
      const { bytes, rows } = await exportData(db, format);
      const day = new Date().toISOString().slice(0, 10);
      return { fileName: `简报工坊数据（${day}）.${format}`, base64: bytes.toString('base64'), rows };
    },

    /** Consistency report: a template's figures, or every declared relation. Never changes data. */
    runChecks({ template, year }: { template?: string; year?: number }) {
      const report = template ? checkTemplate(db, template, { year }) : runChecks(db, { year });
      return {
        findings: report.findings.map((f) => ({
          severity: f.severity,
          message: f.message,
          values: f.values.map((v) => ({
            indicator: v.indicator,
            region: v.region,
            period: v.period,
            value: v.value,
            unit: v.unit,
            source: v.source,
            sourceText: v.sourceText ?? null,
          })),
        })),
        checked: report.checked,
        skipped: report.skipped.length,
      };
    },

    // ---- 数据: grid editing (see data/grid.ts)
    getGrid({ indicator, status, periods }: { indicator: string; status?: string; periods: string[] }) {
      return grid.grid(indicator, status, periods);
    },

    setObservation(input: {
      indicator: string;
      region: string;
      period: string;
      status?: string;
      value: number | string | null;
      reason?: string;
    }) {
      return grid.set(input);
    },

    cellHistory(input: { indicator: string; region: string; period: string; status?: string }) {
      return grid.history(input);
    },

    listDimensions() {
      return {
        regions: catalogue.regions().map((r) => ({ name: r.name, level: r.level })),
        periods: db
          .prepare(
            `SELECT DISTINCT p.key, p.label, p.kind FROM periods p JOIN observations o ON o.period = p.key
             ORDER BY p.start_year, p.end_year, p.kind, p.sub`,
          )
          .all() as { key: string; label: string; kind: string }[],
      };
    },

    // ---- 文档: briefings (see documents.ts)
    listDocuments() {
      return { documents: documents.list() };
    },

    createDocument({ template, year, title }: { template?: string; year?: number; title?: string }) {
      const doc = template
        ? templateDocument(db, template, year, title)
        : blankDocument(year ?? new Date().getFullYear(), title || undefined);
      return documents.create(doc);
    },

    loadDocument({ id }: { id: number }) {
      return documents.get(id);
    },

    saveDocument({
      id,
      doc,
      baseVersion,
      force,
    }: {
      id: number;
      doc: BriefDocument;
      baseVersion?: number;
      force: boolean;
    }) {
      return documents.save(id, doc, baseVersion, force);
    },

    deleteDocument({ id }: { id: number }) {
      documents.remove(id);
      return { deleted: true };
    },

    resolveValue(q: {
      indicator: string;
      region: string;
      period: string;
      status?: string;
      form: ValueForm;
      year?: number;
    }): {
      run: Inline;
    } {
      const year = q.year ?? (Number.parseInt(q.period, 10) || new Date().getFullYear());
      return { run: evaluateExpr(db, valueExpr(q), year) };
    },

    checkValues({ template, period, chips }: { template: string; period: string; chips: ChipQuery[] }) {
      const checker = new ValueChecker(db);
      return { states: chips.map((c) => checker.state(c, { template, period })) };
    },

    buildFigure(q: FigureQuery) {
      return buildFigure(db, q);
    },

    buildTable(q: DataQuery & { title?: string }) {
      return { table: buildTable(db, q) };
    },

    preflightDocument({ doc, fontProfile }: { doc: BriefDocument; fontProfile: FontProfile }) {
      return preflight(db, doc, fontProfile);
    },

    async exportDocument({
      doc,
      charts,
      fontProfile,
    }: {
      doc: BriefDocument;
      charts: 'image' | 'native';
      fontProfile: FontProfile;
    }) {
      const r = await renderDocument(doc, { charts, fontProfile });
      return {
        fileName: exportFileName(doc),
        base64: r.docx.toString('base64'),
        values: r.values,
        missing: r.missing,
        fonts: r.fonts,
      };
    },

    // ---- 数据安全 (db/backup.ts): the database's own path, never one from the UI
    listBackups() {
      return { backups: listBackups(fileOf(db)).map(publicBackup) };
    },

    async backupDatabase() {
      return { backup: publicBackup(await backupDatabase(db, fileOf(db), 'manual')) };
    },

    async restoreBackup({ file }: { file: string }) {
      const path = fileOf(db);
      if (!isBackupName(path, file) || !listBackups(path).some((b) => b.file === file))
        throw new DatabaseError(`没有名为「${file}」的备份`, 'restore');
      const r = await restoreBackup(path, file, { live: db });
      return {
        restored: publicBackup(r.restored),
        safetyBackup: r.safetyBackup ? publicBackup(r.safetyBackup) : null,
        schemaVersion: r.schemaVersion,
      };
    },

    checkDatabase({ full }: { full: boolean }) {
      return checkDatabase(db, full);
    },

    extractText({ text }: { text: string }) {
      return { candidates: extractFigures(text, extractOptionsOf(catalogue)) };
    },

    /** 导入报告: a .txt (UTF-8/GBK) or .docx file's text; a file that is neither is refused (ReportError). */
    readReport({ fileName, base64 }: { fileName: string; base64: string }) {
      return readReportBytes(fileName, Buffer.from(base64, 'base64'));
    },

    /**
     * 导入报告, the commit (extract/commit.ts): figures, source and document in one transaction. Bad
     * decisions come back as `errors` (each naming its words) and nothing is written.
     */
    commitReport(input: { fileName: string; text: string; decisions: FigureDecision[] }) {
      try {
        return db.transaction(() => {
          const { report, document } = commitReport(db, input);
          const stored = documents.create(document);
          return { report, documentId: stored.id, errors: [] };
        })();
      } catch (err) {
        if (!(err instanceof ReportError)) throw err;
        return {
          report: null,
          documentId: null,
          errors: err.issues.length > 0 ? err.issues : [{ start: 0, end: 0, text: '', message: err.message }],
        };
      }
    },
  };
}

/** The file of an open database (better-sqlite3 keeps it as `name`); in-memory ones have no backups. */
function fileOf(db: Db): string {
  if (!db.name || db.name === ':memory:' || db.memory)
    throw new DatabaseError('内存中的数据库没有备份', 'backup');
  return db.name;
}

function publicBackup({ path: _path, ...b }: BackupInfo) {
  return b;
}

export type Service = ReturnType<typeof createService>;
