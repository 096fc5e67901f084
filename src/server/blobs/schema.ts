/**
 * The `blobs` schema: which workspace may read which blob. Blob bytes are stored once per
 * server (content-addressed, shared by every workspace); a row here is a workspace's right to
 * read one of them. A row is only ever written once the blob is stored, so rows imply bytes.
 * Deleting a workspace deletes its rows (ON DELETE CASCADE), never the shared bytes.
 */
import { registerMigrations, type Migration } from '../store/migrations.js';

const workspaceBlobs = (timestamp: string, tableOptions: string) => `
CREATE TABLE workspace_blobs (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  recorded_at ${timestamp} NOT NULL,
  PRIMARY KEY (workspace_id, sha256)
)${tableOptions};
-- For "is this blob used by any workspace" (garbage collection of unreferenced bytes).
CREATE INDEX workspace_blobs_sha256 ON workspace_blobs(sha256);
`;

export const BLOB_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'workspace_blobs: which workspace may read which shared blob',
    sqlite: workspaceBlobs('INTEGER', ' WITHOUT ROWID'),
    postgres: workspaceBlobs('BIGINT', ''),
  },
];

registerMigrations('blobs', BLOB_MIGRATIONS);
