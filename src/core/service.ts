/**
 * What the UI can ask of the core, as plain functions over one open database. The hosts (Electron
 * main, browser-mode server) validate each call against the contract in src/shared before it gets here.
 */
import type { Db } from './db/connection';
import { Catalogue } from './data/catalogue';
import { ObservationStore } from './data/observations';
import { renderBriefing } from './briefing';
import { builtInTemplates } from './doc/templates';
import { exportData, type DataFormat } from './data/exportData';
import { importData, ImportError } from './data/import';

export function createService(db: Db) {
  const catalogue = new Catalogue(db);
  const store = new ObservationStore(db);
  const counts = () =>
    new Map(
      (
        db.prepare('SELECT indicator_id AS id, COUNT(*) AS n FROM observations GROUP BY indicator_id').all() as {
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

    async exportBriefing({ template, year, charts }: { template: string; year?: number; charts: 'image' | 'native' }) {
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
    async importFile({ fileName, base64, dryRun, strict }: { fileName: string; base64: string; dryRun: boolean; strict: boolean }) {
      try {
        const report = await importData(db, { fileName, bytes: Buffer.from(base64, 'base64'), dryRun, strict });
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
  };
}

export type Service = ReturnType<typeof createService>;
