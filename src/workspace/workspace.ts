import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import Database from 'better-sqlite3';
import { BlobStore } from './blob-store.js';
import { WorkspaceError } from './errors.js';
import { findWorkspaceRoot, layoutOf, type WorkspaceLayout } from './layout.js';
import { migrate } from './migrations.js';
import { recoverAbandonedSessions } from './sessions.js';

export interface WorkspaceSettings {
  /** Depth unit of every well's depth grid and of gridded data. */
  depthUnit: 'm' | 'ft';
  /** Grid step for new wells whose first file has no regular step. */
  defaultStep: number;
}

const DEFAULT_SETTINGS: WorkspaceSettings = { depthUnit: 'm', defaultStep: 0.1524 };

export function currentActor(): string {
  if (process.env.DATAFORGE_USER) return process.env.DATAFORGE_USER;
  try { return userInfo().username; } catch { return 'unknown'; }
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** An open workspace: the metadata database, the blob store and who is acting. */
export class Workspace {
  readonly db: Database.Database;
  readonly blobs: BlobStore;
  readonly actor: string;
  /** What opening had to repair: sessions of killed writers rolled back. */
  readonly recovered: { sessions: number; blobsRemoved: number };

  private constructor(readonly layout: WorkspaceLayout, opts: { readonly?: boolean; actor?: string }) {
    try {
      this.db = new Database(layout.db, { readonly: !!opts.readonly, fileMustExist: true });
    } catch (err) {
      throw new WorkspaceError('open-failed', `cannot open the workspace database: ${(err as Error).message}`, layout.db);
    }
    this.db.pragma('busy_timeout = 10000');
    if (!opts.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      migrate(this.db, layout.db);
      this.recovered = recoverAbandonedSessions(this.db, layout.tmp);
    } else {
      this.recovered = { sessions: 0, blobsRemoved: 0 };
    }
    this.blobs = new BlobStore(layout.blobs, layout.tmp);
    this.actor = opts.actor ?? currentActor();
  }

  /** Creates a workspace in `root` (made if missing); refuses one that exists. */
  static init(root: string, opts: { actor?: string; settings?: Partial<WorkspaceSettings> } = {}): Workspace {
    const layout = layoutOf(root);
    if (existsSync(layout.db)) throw new WorkspaceError('workspace-exists', 'a workspace already exists here', layout.root);
    try {
      for (const d of [layout.dir, layout.blobs, layout.cache, layout.tmp]) mkdirSync(d, { recursive: true });
    } catch (err) {
      throw new WorkspaceError('init-failed', `cannot create the workspace folders: ${(err as Error).message}`, layout.dir);
    }
    const db = new Database(layout.db);
    db.pragma('journal_mode = WAL');
    migrate(db, layout.db);
    const settings = { ...DEFAULT_SETTINGS, ...opts.settings };
    const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    db.transaction(() => {
      put.run('workspace_id', randomUUID());
      put.run('created_at', nowIso());
      put.run('created_by', opts.actor ?? currentActor());
      put.run('settings', JSON.stringify(settings));
    })();
    db.close();
    return new Workspace(layout, opts);
  }

  static open(root: string, opts: { readonly?: boolean; actor?: string } = {}): Workspace {
    const layout = layoutOf(root);
    if (!existsSync(layout.db)) throw new WorkspaceError('not-a-workspace', "no DataForge workspace here: run 'dataforge init' first", layout.root);
    for (const d of [layout.blobs, layout.cache, layout.tmp]) if (!opts.readonly) mkdirSync(d, { recursive: true });
    return new Workspace(layout, opts);
  }

  /** The workspace holding the current directory (or `--workspace` / DATAFORGE_WORKSPACE). */
  static find(explicit?: string, opts: { readonly?: boolean; actor?: string } = {}): Workspace {
    const root = findWorkspaceRoot(process.cwd(), explicit);
    if (!root) throw new WorkspaceError('not-a-workspace', explicit ? `no DataForge workspace at ${explicit}: run 'dataforge init ${explicit}'` : "not inside a DataForge workspace: run 'dataforge init' or pass --workspace DIR");
    return Workspace.open(root, opts);
  }

  get id(): string {
    return this.meta('workspace_id') ?? '';
  }

  get settings(): WorkspaceSettings {
    const s = this.meta('settings');
    return { ...DEFAULT_SETTINGS, ...(s ? (JSON.parse(s) as Partial<WorkspaceSettings>) : {}) };
  }

  /** Changes settings; they govern what is made from now on (existing wells keep their depth grids). */
  updateSettings(changes: Partial<WorkspaceSettings>): WorkspaceSettings {
    const before = this.settings;
    const next = { ...before, ...changes };
    this.db.transaction(() => {
      this.db.prepare("INSERT INTO meta (key, value) VALUES ('settings', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(next));
      this.audit('settings', 'workspace', this.id, before, next);
    })();
    return next;
  }

  meta(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  /** Appends to the audit log (call inside the transaction that makes the change). */
  audit(action: string, entity: string, entityId: string, before: unknown, after: unknown): void {
    this.db.prepare('INSERT INTO audit_log (at, actor, action, entity, entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(nowIso(), this.actor, action, entity, entityId, before === undefined ? null : JSON.stringify(before), after === undefined ? null : JSON.stringify(after));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
