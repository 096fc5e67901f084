/**
 * A workspace's team settings on the server: one versioned JSON document. The first push
 * that carries settings records them (a member may); changing them afterwards takes an admin
 * and the version the change was made on, so two admins cannot overwrite each other unseen.
 */
import { TeamSettings, type TeamSettingsResponse } from '../../sync/protocol.js';
import type { Sql } from '../store/sql.js';
import './schema.js';

interface Row { settings: string; version: number; updated_at: number; updated_by: string }

const NONE: TeamSettingsResponse = { settings: null, version: 0, updatedAt: null, updatedBy: null };

function toResponse(r: Row | undefined): TeamSettingsResponse {
  if (!r) return NONE;
  // Stored by this server after validation; parsed again so a newer server's extra keys are dropped, not passed on.
  const parsed = TeamSettings.safeParse(JSON.parse(r.settings));
  return { settings: parsed.success ? parsed.data : null, version: Number(r.version), updatedAt: new Date(Number(r.updated_at)).toISOString(), updatedBy: r.updated_by };
}

export async function readTeamSettings(db: Sql, workspaceId: string): Promise<TeamSettingsResponse> {
  return toResponse(await db.get<Row>('SELECT settings, version, updated_at, updated_by FROM sync_settings WHERE workspace_id = ?', [workspaceId]));
}

/** Records `settings` if the workspace has none yet; otherwise leaves what is there. */
export async function initTeamSettings(db: Sql, workspaceId: string, settings: TeamSettings, by: string): Promise<void> {
  await db.run('INSERT INTO sync_settings (workspace_id, settings, version, updated_at, updated_by) VALUES (?, ?, 1, ?, ?) ON CONFLICT (workspace_id) DO NOTHING',
    [workspaceId, JSON.stringify(settings), Date.now(), by]);
}

/** Replaces the settings if `baseVersion` is still current (0: none yet); 'stale' otherwise, changing nothing. */
export async function putTeamSettings(db: Sql, workspaceId: string, baseVersion: number, settings: TeamSettings, by: string): Promise<TeamSettingsResponse | 'stale'> {
  return db.tx(async (t) => {
    const now = Date.now();
    const r = baseVersion === 0
      ? await t.run('INSERT INTO sync_settings (workspace_id, settings, version, updated_at, updated_by) VALUES (?, ?, 1, ?, ?) ON CONFLICT (workspace_id) DO NOTHING',
        [workspaceId, JSON.stringify(settings), now, by])
      : await t.run('UPDATE sync_settings SET settings = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE workspace_id = ? AND version = ?',
        [JSON.stringify(settings), now, by, workspaceId, baseVersion]);
    if (r.changes !== 1) return 'stale';
    return readTeamSettings(t, workspaceId);
  });
}
