/**
 * fsck of the blob store: every referenced blob is there and re-hashes to its name, every
 * blobs row has its file, every file has its row; temp files of dead processes. Repairs only
 * what loses nothing: orphan files and stale temps go, rows for missing files go when nothing
 * live needs them, a missing row is re-added for a file that hashes right. A blob a live row
 * references is never deleted.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { sha256File } from './blob-store.js';
import type { FsckProblem } from './fsck-types.js';
import { nowIso, type Workspace } from './workspace.js';

interface BlobRef {
  sha256: string;
  ext: string;
  entity: 'log_run' | 'dataset';
  id: string;
  role: 'source' | 'native' | 'gridded';
  live: boolean;
}

function blobRefs(ws: Workspace): BlobRef[] {
  const runs = ws.db.prepare('SELECT id, source_sha256, source_format, gridded_sha256, deleted FROM log_runs').all() as { id: string; source_sha256: string; source_format: string; gridded_sha256: string | null; deleted: number }[];
  const sets = ws.db.prepare('SELECT id, native_sha256, deleted FROM datasets').all() as { id: string; native_sha256: string; deleted: number }[];
  const refs: BlobRef[] = [];
  for (const r of runs) {
    refs.push({ sha256: r.source_sha256, ext: r.source_format === 'csv' ? 'csv' : 'las', entity: 'log_run', id: r.id, role: 'source', live: !r.deleted });
    if (r.gridded_sha256) refs.push({ sha256: r.gridded_sha256, ext: 'parquet', entity: 'log_run', id: r.id, role: 'gridded', live: !r.deleted });
  }
  for (const d of sets) refs.push({ sha256: d.native_sha256, ext: 'parquet', entity: 'dataset', id: d.id, role: 'native', live: !d.deleted });
  return refs;
}

const describe = (refs: BlobRef[]) => refs.map((r) => `${r.role} of ${r.entity === 'log_run' ? 'log run' : 'data set'} ${r.id}`).join(', ');

/** Runs `fn` with foreign keys off (tombstones may keep naming a blob whose row goes). */
function withoutForeignKeys<T>(ws: Workspace, fn: () => T): T {
  const fk = ws.db.pragma('foreign_keys', { simple: true }) as number;
  if (fk) ws.db.pragma('foreign_keys = OFF');
  try { return fn(); } finally { if (fk) ws.db.pragma('foreign_keys = ON'); }
}

function isLiveReferenced(ws: Workspace, sha: string): boolean {
  return ws.db.prepare(`SELECT 1 FROM log_runs WHERE deleted = 0 AND (source_sha256 = @sha OR gridded_sha256 = @sha)
      UNION ALL SELECT 1 FROM datasets WHERE deleted = 0 AND native_sha256 = @sha LIMIT 1`).get({ sha }) !== undefined;
}

function isKnown(ws: Workspace, sha: string, ext: string): boolean {
  return ws.db.prepare('SELECT 1 FROM blobs WHERE sha256 = @sha AND ext = @ext UNION ALL SELECT 1 FROM staged_blobs WHERE sha256 = @sha LIMIT 1').get({ sha, ext }) !== undefined;
}

/**
 * Deletes a missing or corrupt blob (its row, and its file if any) once nothing live
 * references it, e.g. an old gridded copy fsck just rebuilt. False when something still does.
 */
export function dropDeadBlob(ws: Workspace, sha: string, ext: string, reason: string): boolean {
  const path = ws.blobs.pathOf(sha, ext);
  return withoutForeignKeys(ws, () => ws.db.transaction(() => {
    if (isLiveReferenced(ws, sha)) return false;
    ws.db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha);
    ws.audit('repair', 'blob', sha, { row: true }, { row: false, reason });
    rmSync(path, { force: true });
    return true;
  }).immediate());
}

export interface BlobCheck {
  /** Blobs that are missing or corrupt: their content is not to be read. */
  bad: Set<string>;
  blobs: number;
  files: number;
}

export async function checkBlobs(ws: Workspace, repair: boolean, problems: FsckProblem[]): Promise<BlobCheck> {
  const rows = new Map((ws.db.prepare('SELECT sha256, ext, size, kind FROM blobs').all() as { sha256: string; ext: string; size: number; kind: string }[]).map((r) => [r.sha256, r]));
  const refsBySha = new Map<string, BlobRef[]>();
  for (const ref of blobRefs(ws)) {
    const list = refsBySha.get(ref.sha256) ?? [];
    list.push(ref);
    refsBySha.set(ref.sha256, list);
  }
  const bad = new Set<string>();
  // A blob only tombstones name (gc collected it) is nobody's concern.
  const shas = new Set([...rows.keys(), ...[...refsBySha].filter(([, refs]) => refs.some((r) => r.live)).map(([sha]) => sha)]);
  for (const sha of shas) {
    const row = rows.get(sha);
    const refs = refsBySha.get(sha) ?? [];
    const live = refs.filter((r) => r.live);
    const ext = row?.ext ?? refs[0].ext;
    const path = ws.blobs.pathOf(sha, ext);
    const first = live[0];
    if (!existsSync(path)) {
      bad.add(sha);
      if (live.length) {
        const onlyGridded = live.every((r) => r.role === 'gridded');
        problems.push({
          code: 'blob-missing', entity: first.entity, id: first.id, path,
          message: `the blob is missing (${describe(live)})${onlyGridded ? '' : ': it cannot be rebuilt here; restore the workspace from a backup, or remove the log run and ingest its file again'}`,
        });
      } else if (row) {
        const p: FsckProblem = { code: 'blob-file-missing', entity: 'blob', id: sha, path, message: 'the blobs table lists a blob whose file is gone (no live row needs it)' };
        if (repair && dropDeadBlob(ws, sha, ext, 'file missing')) p.repaired = 'dropped the blobs row';
        problems.push(p);
      }
      continue;
    }
    if ((await sha256File(path)) !== sha) {
      bad.add(sha);
      const p: FsckProblem = {
        code: 'blob-corrupt', entity: first?.entity ?? 'blob', id: first?.id ?? sha, path,
        message: `the blob's bytes no longer match its hash${live.length ? ` (${describe(live)})` : ' (no live row needs it)'}`,
      };
      if (repair && !live.length && dropDeadBlob(ws, sha, ext, 'corrupt and unreferenced')) {
        p.repaired = 'deleted the corrupt blob (nothing live referenced it)';
      }
      problems.push(p);
      continue;
    }
    if (!row && live.length) {
      const p: FsckProblem = { code: 'blob-row-missing', entity: first.entity, id: first.id, path, message: `the blob is not listed in the blobs table (${describe(live)})` };
      if (repair) {
        ws.db.transaction(() => {
          ws.db.prepare('INSERT OR IGNORE INTO blobs (sha256, ext, size, kind, created_at) VALUES (?, ?, ?, ?, ?)').run(sha, ext, statSync(path).size, first.role, nowIso());
          ws.audit('repair', 'blob', sha, { row: false }, { row: true });
        }).immediate();
        p.repaired = 'listed the blob again (it hashes right)';
      }
      problems.push(p);
    }
  }
  const files = checkFiles(ws, repair, problems);
  checkTemps(ws, repair, problems);
  return { bad, blobs: shas.size, files };
}

const BLOB_NAME = /^([0-9a-f]{64})\.([a-z0-9]{1,10})$/;

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/** Files under blobs/ that no blobs row (nor a writer's staged blob) names. */
function checkFiles(ws: Workspace, repair: boolean, problems: FsckProblem[]): number {
  if (!existsSync(ws.blobs.dir)) return 0;
  const files: string[] = [];
  walk(ws.blobs.dir, files);
  for (const path of files) {
    const parts = relative(ws.blobs.dir, path).split(sep);
    const m = parts.length === 3 ? BLOB_NAME.exec(parts[2]) : null;
    const wellPlaced = m !== null && parts[0] === m[1].slice(0, 2) && parts[1] === m[1].slice(2, 4);
    if (wellPlaced && isKnown(ws, m[1], m[2])) continue;
    // A live reference with no row is reported (and re-listed) by the blob check instead.
    if (wellPlaced && isLiveReferenced(ws, m[1])) continue;
    const p: FsckProblem = { code: 'orphan-file', entity: 'blob', path, message: wellPlaced ? 'a blob file that no blobs row names' : 'a file that is not a blob (wrong name or place)' };
    if (m) p.id = m[1];
    if (repair) {
      // Checked again under the write lock: a writer stages a blob before its file appears.
      const removed = ws.db.transaction(() => {
        if (wellPlaced && (isKnown(ws, m[1], m[2]) || isLiveReferenced(ws, m[1]))) return false;
        rmSync(path, { force: true });
        return true;
      }).immediate();
      if (!removed) continue;
      p.repaired = 'deleted the file';
    }
    problems.push(p);
  }
  return files.length;
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Temp files are named `<pid>-...`; one whose process is gone is left over from a kill. */
function checkTemps(ws: Workspace, repair: boolean, problems: FsckProblem[]): void {
  if (!existsSync(ws.blobs.tmpDir)) return;
  for (const name of readdirSync(ws.blobs.tmpDir)) {
    const pid = Number(name.split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || alive(pid)) continue;
    const path = join(ws.blobs.tmpDir, name);
    const p: FsckProblem = { code: 'stale-temp', path, message: `a temp file left by process ${pid}, which is gone` };
    if (repair) { rmSync(path, { force: true, recursive: true }); p.repaired = 'deleted the temp file'; }
    problems.push(p);
  }
}
