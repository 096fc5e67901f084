import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM'; }
}

/**
 * A write that commits or is abandoned, after OSDU's sessions: blobs are staged (recorded
 * before they are written), and the metadata transaction that references them also ends
 * the session. A process killed in between leaves a session that the next open rolls back.
 */
export class WriteSession {
  readonly id = randomUUID();
  private readonly stageStmt: Database.Statement;

  /** Opens the session and stages `blobs` in the same transaction (one disk sync, not one per blob). */
  constructor(private readonly db: Database.Database, purpose: string, blobs: { sha256: string; path: string }[] = []) {
    this.stageStmt = db.prepare('INSERT OR IGNORE INTO staged_blobs (session_id, sha256, path) VALUES (?, ?, ?)');
    db.transaction(() => {
      db.prepare('INSERT INTO write_sessions (id, pid, host, started_at, purpose) VALUES (?, ?, ?, ?, ?)').run(this.id, process.pid, hostname(), new Date().toISOString(), purpose);
      for (const b of blobs) this.stageStmt.run(this.id, b.sha256, b.path);
    })();
  }

  /** Records a blob before it is moved into the store (a committed row, so a kill cannot lose it). */
  stage(sha256: string, path: string): void {
    this.stageStmt.run(this.id, sha256, path);
  }

  /** Runs the metadata writes and ends the session in one transaction. */
  commit<T>(write: () => T): T {
    return this.db.transaction(() => {
      const out = write();
      this.db.prepare('DELETE FROM write_sessions WHERE id = ?').run(this.id);
      return out;
    })();
  }

  /** Gives up: deletes staged blobs nothing references, and the session. */
  abandon(): void {
    rollBackSession(this.db, this.id);
  }
}

function rollBackSession(db: Database.Database, id: string): number {
  const staged = db.prepare('SELECT sha256, path FROM staged_blobs WHERE session_id = ?').all(id) as { sha256: string; path: string }[];
  const referenced = db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?');
  let removed = 0;
  for (const s of staged) {
    if (referenced.get(s.sha256)) continue;
    const otherSession = db.prepare('SELECT 1 FROM staged_blobs WHERE sha256 = ? AND session_id <> ?').get(s.sha256, id);
    if (otherSession) continue;
    if (existsSync(s.path)) { rmSync(s.path, { force: true }); removed++; }
  }
  db.prepare('DELETE FROM write_sessions WHERE id = ?').run(id);
  return removed;
}

/** Rolls back sessions whose process on this host is gone, and removes their temp files. */
export function recoverAbandonedSessions(db: Database.Database, tmpDir: string): { sessions: number; blobsRemoved: number } {
  const host = hostname();
  const sessions = db.prepare('SELECT id, pid, host FROM write_sessions').all() as { id: string; pid: number; host: string }[];
  let n = 0;
  let blobsRemoved = 0;
  for (const s of sessions) {
    if (s.host === host && !alive(s.pid)) { blobsRemoved += rollBackSession(db, s.id); n++; }
  }
  if (existsSync(tmpDir)) {
    for (const name of readdirSync(tmpDir)) {
      const pid = Number(name.split('-')[0]);
      if (Number.isInteger(pid) && pid > 0 && !alive(pid)) rmSync(join(tmpDir, name), { force: true, recursive: true });
    }
  }
  return { sessions: n, blobsRemoved };
}
