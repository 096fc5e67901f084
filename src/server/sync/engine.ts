/**
 * Push and pull on the server. A push applies each change only if it was made on the
 * entity's current version; otherwise it is a conflict and the server's copy goes back.
 * A push is one transaction, and an idempotency key makes a replay return the first answer
 * without applying anything again. An applied change's answer carries its new version; one
 * that changed nothing keeps its base version (and takes no sequence number).
 */
import type { Sql } from '../store/sql.js';
import type { BlobStorage } from '../blobs/storage.js';
import { WorkspaceBlobs } from '../blobs/workspace-blobs.js';
import { initTeamSettings } from './settings.js';
import { sameContent, type Entity, type PullResponse, type PushRequest, type PushResponse } from '../../sync/protocol.js';
import './schema.js';

interface EntityRow {
  type: string; id: string; version: number; deleted: number; updated_at: string; updated_by: string; data: string; blobs: string; seq: number;
}

function toEntity(r: EntityRow): Entity {
  return {
    type: r.type as Entity['type'], id: r.id, version: Number(r.version), deleted: Number(r.deleted) === 1,
    updatedAt: r.updated_at, updatedBy: r.updated_by, data: JSON.parse(r.data) as Record<string, unknown>, blobs: JSON.parse(r.blobs) as string[],
  };
}

export class SyncEngine {
  constructor(private readonly db: Sql, private readonly storage: BlobStorage) {}

  /** `by`: who pushes (recorded with team settings the push brings). */
  async push(workspaceId: string, req: PushRequest, by = ''): Promise<PushResponse> {
    // Blobs first: every change must find its bytes on the server (outside the transaction: S3 is slow).
    const hashes = [...new Set(req.changes.flatMap((c) => c.entity.blobs))];
    const missing: string[] = [];
    for (const h of hashes) if (!(await this.storage.has(h))) missing.push(h);
    return this.db.tx(async (t) => {
      const replay = await t.get<{ response: string }>('SELECT response FROM sync_idempotency WHERE workspace_id = ? AND key = ?', [workspaceId, req.idempotencyKey]);
      if (replay) return JSON.parse(replay.response) as PushResponse;
      // Taking the counter row first serialises pushes to one workspace (a row lock on PostgreSQL).
      await t.run('INSERT INTO sync_counters (workspace_id, seq) VALUES (?, 0) ON CONFLICT (workspace_id) DO NOTHING', [workspaceId]);
      const counter = await t.get<{ seq: number }>('UPDATE sync_counters SET seq = seq WHERE workspace_id = ? RETURNING seq', [workspaceId]);
      let seq = Number(counter?.seq ?? 0);
      const out: PushResponse = { applied: [], conflicts: [], missingBlobs: missing, cursor: seq };
      if (missing.length) return out; // nothing applied: upload the blobs, then push again
      for (const change of req.changes) {
        const e = change.entity;
        const current = await t.get<EntityRow>('SELECT * FROM sync_entities WHERE workspace_id = ? AND type = ? AND id = ?', [workspaceId, e.type, e.id]);
        if (current && Number(current.version) !== change.baseVersion) {
          out.conflicts.push({ type: e.type, id: e.id, baseVersion: change.baseVersion, remote: toEntity(current) });
          continue;
        }
        // A change that changes nothing (an unchanged entity in a full bundle, a field set to the
        // value it had) is applied as nothing: no new version, no sequence number for every client to pull.
        if (current && sameContent(toEntity(current), e)) {
          out.applied.push({ type: e.type, id: e.id, version: Number(current.version) });
          continue;
        }
        const version = (current ? Number(current.version) : change.baseVersion) + 1;
        seq += 1;
        const params = [e.deleted ? 1 : 0, e.updatedAt, e.updatedBy, JSON.stringify(e.data), JSON.stringify(e.blobs), seq];
        if (current) {
          await t.run('UPDATE sync_entities SET version = ?, deleted = ?, updated_at = ?, updated_by = ?, data = ?, blobs = ?, seq = ? WHERE workspace_id = ? AND type = ? AND id = ?',
            [version, ...params, workspaceId, e.type, e.id]);
        } else {
          await t.run('INSERT INTO sync_entities (workspace_id, type, id, version, deleted, updated_at, updated_by, data, blobs, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [workspaceId, e.type, e.id, version, ...params]);
        }
        out.applied.push({ type: e.type, id: e.id, version });
      }
      await t.run('UPDATE sync_counters SET seq = ? WHERE workspace_id = ?', [seq, workspaceId]);
      if (req.settings) await initTeamSettings(t, workspaceId, req.settings, by);
      await new WorkspaceBlobs(t).record(workspaceId, hashes);
      out.cursor = seq;
      await t.run('INSERT INTO sync_idempotency (workspace_id, key, response, created_at) VALUES (?, ?, ?, ?)', [workspaceId, req.idempotencyKey, JSON.stringify(out), Date.now()]);
      return out;
    });
  }

  async pull(workspaceId: string, since: number, limit: number): Promise<PullResponse> {
    const rows = await this.db.all<EntityRow>('SELECT * FROM sync_entities WHERE workspace_id = ? AND seq > ? ORDER BY seq LIMIT ?', [workspaceId, since, limit + 1]);
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const cursor = page.length ? Number(page[page.length - 1].seq) : since;
    return { changes: page.map((r) => ({ ...toEntity(r), seq: Number(r.seq) })), cursor, more };
  }

  async head(workspaceId: string): Promise<number> {
    const r = await this.db.get<{ seq: number }>('SELECT seq FROM sync_counters WHERE workspace_id = ?', [workspaceId]);
    return Number(r?.seq ?? 0);
  }
}
