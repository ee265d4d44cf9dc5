import { Catalogue } from '../../core/data/catalogue';
import { ObservationStore } from '../../core/data/observations';
import { openDb, parse, UsageError, type Io } from '../args';

export async function cmdQuery(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    region: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
    list: { type: 'boolean' },
  });
  const { db } = await openDb(values.db, io);
  try {
    const catalogue = new Catalogue(db);
    if (values.list) {
      const list = catalogue.indicators(positionals[0] ?? '');
      if (values.json) io.out(JSON.stringify({ indicators: list.map(({ id: _id, ...i }) => i) }));
      else
        for (const i of list)
          io.out(
            `${i.code}\t${i.name}\t${i.unit}${i.aliases.length ? `\t别名：${i.aliases.join('、')}` : ''}`,
          );
      return 0;
    }
    if (positionals.length !== 1)
      throw new UsageError('query 需要一个指标名称，如：brief query 地区生产总值');
    const indicator = catalogue.indicator(positionals[0]);
    const region = values.region ? catalogue.region(values.region) : undefined;
    const series = new ObservationStore(db).series({
      indicatorId: indicator.id,
      regionId: region?.id,
      from: values.from,
      to: values.to,
    });
    if (values.json) {
      io.out(
        JSON.stringify({
          series: series.map((o) => ({
            region: o.region,
            period: o.periodLabel,
            value: o.value ?? o.textValue,
            unit: o.unit,
            status: o.status,
            source: o.source,
          })),
        }),
      );
    } else {
      io.err(`${indicator.name}（${indicator.code}，${indicator.unit}）`);
      for (const o of series) {
        io.out(
          [o.region, o.periodLabel, o.value ?? o.textValue, o.unit, o.status || '-', o.source ?? ''].join(
            '\t',
          ),
        );
      }
      if (series.length === 0) io.err('（没有数据）');
    }
    return 0;
  } finally {
    db.close();
  }
}
