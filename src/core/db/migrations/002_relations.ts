/**
 * 002: relations between indicators — what the figures state about each other (a share with its part
 * and total, the three industries with GDP, a growth with its levels). `brief check` recomputes each
 * relation from the data and reports where stated figures disagree; the relations never change data.
 */
export const sql = `
CREATE TABLE relations (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL
    CHECK (kind IN ('sum','share','growth','cagr','difference','ratio','structure','per_capita','rank')),
  target_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  region_id INTEGER REFERENCES regions(id),
  period TEXT REFERENCES periods(key),
  decimals INTEGER CHECK (decimals IS NULL OR (decimals BETWEEN 0 AND 10)),
  tolerance REAL CHECK (tolerance IS NULL OR tolerance >= 0),
  definitions TEXT NOT NULL DEFAULT 'same' CHECK (definitions IN ('same','may-differ')),
  options TEXT CHECK (options IS NULL OR json_valid(options)),
  note TEXT
);
CREATE INDEX relations_target ON relations(target_id);

CREATE TABLE relation_operands (
  relation_id INTEGER NOT NULL REFERENCES relations(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  at TEXT NOT NULL DEFAULT 'same',
  region_id INTEGER REFERENCES regions(id),
  PRIMARY KEY (relation_id, position)
);
CREATE INDEX relation_operands_indicator ON relation_operands(indicator_id);
`;
