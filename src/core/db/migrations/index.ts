import { sql as initial } from './001_initial';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered migrations, applied in order; never edit one that has shipped, add the next. */
export const migrations: Migration[] = [{ version: 1, name: '001_initial', sql: initial }];

export const latestVersion = migrations[migrations.length - 1].version;
