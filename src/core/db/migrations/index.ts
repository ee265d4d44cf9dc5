import { sql as initial } from './001_initial';
import { sql as relations } from './002_relations';
import { sql as documents } from './003_documents';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered migrations, applied in order; never edit one that has shipped, add the next. */
export const migrations: Migration[] = [
  { version: 1, name: '001_initial', sql: initial },
  { version: 2, name: '002_relations', sql: relations },
  { version: 3, name: '003_documents', sql: documents },
];

export const latestVersion = migrations[migrations.length - 1].version;
