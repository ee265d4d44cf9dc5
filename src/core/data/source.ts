import type { Db } from '../db/connection';
import type { DataSource, Datum } from '../doc/template/evaluate';
import { Catalogue, type Region } from './catalogue';
import { ObservationStore, STATUSES, type Status } from './observations';
import { parsePeriod } from './periods';

/** The database as templates see it: names resolved through the catalogue, values with provenance. */
export class DbDataSource implements DataSource {
  private readonly catalogue: Catalogue;
  private readonly store: ObservationStore;
  private regionList: Region[] | null = null;

  constructor(db: Db) {
    this.catalogue = new Catalogue(db);
    this.store = new ObservationStore(db);
  }

  private regions(): Region[] {
    this.regionList ??= this.catalogue.regions();
    return this.regionList;
  }

  indicatorName(query: string): string {
    return this.catalogue.indicator(query).name;
  }

  regionName(query: string): string {
    return this.catalogue.region(query).name;
  }

  regionsUnder(parent: string): string[] {
    const p = this.catalogue.region(parent);
    return this.regions()
      .filter((r) => r.parentId === p.id)
      .map((r) => r.name);
  }

  lookup(indicatorName: string, regionName: string, periodText: string, status: string): Datum | null {
    const indicator = this.catalogue.indicator(indicatorName);
    const region = this.catalogue.findRegion(regionName);
    if (!region) return null;
    const period = parsePeriod(periodText);
    if (!(STATUSES as string[]).includes(status)) return null;
    const o = this.store.find(indicator.id, region.id, period.key, status as Status);
    if (!o) return null;
    return {
      value: o.value,
      text: o.textValue,
      unit: o.unit,
      qualifier: o.qualifier,
      decimals: indicator.decimals,
      attribute: o.attribute,
      provenance: {
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
    };
  }
}
