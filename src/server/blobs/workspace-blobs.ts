/**
 * Reads and writes `workspace_blobs` (see schema.ts). Every hash here has passed isSha256 in
 * the route; the SQL still binds them as parameters.
 */
import type { Sql, SqlValue } from '../store/sql.js';
import './schema.js';

/** Stays under SQLite's oldest bound-parameter limit (999) with room for the workspace id. */
const BATCH = 400;

export class WorkspaceBlobs {
  constructor(private readonly sql: Sql) {}

  /** The subset of `hashes` this workspace may read. */
  async recordedAmong(workspaceId: string, hashes: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const batch of batches(hashes)) {
      const rows = await this.sql.all<{ sha256: string }>(
        `SELECT sha256 FROM workspace_blobs WHERE workspace_id = ? AND sha256 IN (${batch.map(() => '?').join(', ')})`,
        [workspaceId, ...batch],
      );
      for (const r of rows) found.add(r.sha256);
    }
    return found;
  }

  /**
   * The subset of `hashes` recorded for ANY workspace: rows are written only once the bytes are
   * stored, so these need no storage lookup (an S3 HEAD each) to know the server has them.
   */
  async recordedAnywhere(hashes: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const batch of batches(hashes)) {
      const rows = await this.sql.all<{ sha256: string }>(
        `SELECT DISTINCT sha256 FROM workspace_blobs WHERE sha256 IN (${batch.map(() => '?').join(', ')})`,
        batch,
      );
      for (const r of rows) found.add(r.sha256);
    }
    return found;
  }

  async isRecorded(workspaceId: string, sha256: string): Promise<boolean> {
    return (await this.sql.get('SELECT 1 AS x FROM workspace_blobs WHERE workspace_id = ? AND sha256 = ?', [workspaceId, sha256])) !== undefined;
  }

  /**
   * Grants the workspace read access to blobs the server holds; repeating it is harmless.
   * `durable: false` for the grants an upload or a `missing` makes (one per blob of a push):
   * a grant lost in a crash is made again by the next `missing`, and the push that names the
   * blob records it again in its own durable commit. Waiting for the disk once per blob cost
   * ~1 ms of the server's JS thread each.
   */
  async record(workspaceId: string, hashes: readonly string[], opts: { durable?: boolean } = {}): Promise<void> {
    const unique = [...new Set(hashes)];
    if (unique.length === 0) return;
    const now = Date.now();
    await this.sql.tx(async (t) => {
      for (const batch of batches(unique, Math.floor(BATCH / 3))) {
        const params: SqlValue[] = batch.flatMap((sha) => [workspaceId, sha, now]);
        await t.run(
          `INSERT INTO workspace_blobs (workspace_id, sha256, recorded_at) VALUES ${batch.map(() => '(?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`,
          params,
        );
      }
    }, { durable: opts.durable });
  }
}

function* batches<T>(items: readonly T[], size = BATCH): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
