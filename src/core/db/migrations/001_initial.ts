/** 001: the indicator catalogue, regions, periods, sources, observations and their revisions. */
export const sql = `
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  file TEXT,
  note TEXT
);

CREATE TABLE indicators (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE,
  unit TEXT NOT NULL,
  category TEXT,
  definition TEXT,
  decimals INTEGER,
  kind TEXT NOT NULL DEFAULT 'level'
    CHECK (kind IN ('level','rate','share','count','ratio','index','rank','structure','difference')),
  formula TEXT
);

CREATE TABLE indicator_aliases (
  alias TEXT PRIMARY KEY,
  indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE
);

CREATE TABLE regions (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE,
  parent_id INTEGER REFERENCES regions(id),
  level TEXT NOT NULL CHECK (level IN ('province','city','county','district','zone'))
);

CREATE TABLE periods (
  key TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('year','half','quarter','month','plan')),
  start_year INTEGER NOT NULL,
  end_year INTEGER NOT NULL,
  sub INTEGER,
  label TEXT NOT NULL
);

CREATE TABLE observations (
  id INTEGER PRIMARY KEY,
  indicator_id INTEGER NOT NULL REFERENCES indicators(id),
  region_id INTEGER NOT NULL REFERENCES regions(id),
  period TEXT NOT NULL REFERENCES periods(key),
  status TEXT NOT NULL DEFAULT '' CHECK (status IN ('','初步核算','最终核实','预计','目标')),
  value REAL,
  text_value TEXT,
  unit TEXT NOT NULL,
  qualifier TEXT,
  attribute TEXT CHECK (attribute IS NULL OR attribute IN ('预期性','约束性')),
  source_id INTEGER REFERENCES sources(id),
  source_text TEXT,
  note TEXT,
  revision INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  CHECK (value IS NOT NULL OR text_value IS NOT NULL),
  UNIQUE (indicator_id, region_id, period, status)
);
CREATE INDEX observations_series ON observations(indicator_id, region_id, period);

CREATE TABLE revisions (
  id INTEGER PRIMARY KEY,
  observation_id INTEGER NOT NULL REFERENCES observations(id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  old_value REAL,
  new_value REAL,
  old_text TEXT,
  new_text TEXT,
  changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  reason TEXT,
  source_file TEXT
);
CREATE INDEX revisions_observation ON revisions(observation_id);
`;
