/**
 * 003: briefings composed in the editor. A document is the document model (src/core/doc/model.ts) as
 * JSON; `version` rises with every save so two windows cannot silently overwrite each other's work.
 * Unsaved keystrokes are not kept here: the UI journals them locally until a save is acknowledged
 * (a database the UI cannot reach cannot hold them).
 */
export const sql = `
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  template TEXT,
  period TEXT NOT NULL,
  json TEXT NOT NULL CHECK (json_valid(json)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX documents_updated ON documents(updated_at);
`;
