/**
 * The server's copy of each workspace's entities and its change sequence, and its team
 * settings. Entity data is opaque JSON to the server; it only reads the blob hashes entities
 * name (for access).
 */
import { registerMigrations } from '../store/migrations.js';

const sql = (bigint: string) => `
  CREATE TABLE sync_entities (
    workspace_id TEXT NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL,
    version INTEGER NOT NULL, deleted INTEGER NOT NULL,
    updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
    data TEXT NOT NULL, blobs TEXT NOT NULL, seq ${bigint} NOT NULL,
    PRIMARY KEY (workspace_id, type, id)
  );
  CREATE INDEX sync_entities_seq ON sync_entities (workspace_id, seq);
  CREATE TABLE sync_counters (workspace_id TEXT PRIMARY KEY, seq ${bigint} NOT NULL);
  CREATE TABLE sync_idempotency (
    workspace_id TEXT NOT NULL, key TEXT NOT NULL, response TEXT NOT NULL, created_at ${bigint} NOT NULL,
    PRIMARY KEY (workspace_id, key)
  );
`;

/** A workspace's team settings (one JSON document, versioned); see TeamSettings in src/sync/protocol.ts. */
const settings = (bigint: string) => `
  CREATE TABLE sync_settings (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
    settings TEXT NOT NULL, version INTEGER NOT NULL, updated_at ${bigint} NOT NULL, updated_by TEXT NOT NULL
  );
`;

registerMigrations('sync', [
  { version: 1, description: 'entities, change sequence, idempotency keys', sqlite: sql('INTEGER'), postgres: sql('BIGINT') },
  { version: 2, description: 'team settings of a workspace', sqlite: settings('INTEGER'), postgres: settings('BIGINT') },
]);
