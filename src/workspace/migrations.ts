import type Database from 'better-sqlite3';
import { WorkspaceError } from './errors.js';

/**
 * Numbered, forward-only schema migrations. The database's `user_version` is the number
 * of the last one applied. Never edit a released migration: add the next one.
 *
 * Every synced entity (wells, log runs, data sets, curves) carries `version`, `updated_at`,
 * `updated_by` and a tombstone (`deleted`), bumped in the same transaction as the change.
 */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

      CREATE TABLE wells (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        uwi TEXT, api TEXT, field TEXT, operator TEXT, country TEXT, state TEXT, county TEXT,
        location TEXT, crs TEXT, x REAL, y REAL, latitude REAL, longitude REAL,
        kb REAL, gl REAL, df REAL, elevation_unit TEXT,
        grid_unit TEXT NOT NULL, grid_step REAL NOT NULL, grid_origin REAL NOT NULL,
        created_at TEXT NOT NULL, created_by TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX wells_uwi ON wells(uwi);
      CREATE INDEX wells_name ON wells(name COLLATE NOCASE);

      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        ext TEXT NOT NULL,
        size INTEGER NOT NULL,
        kind TEXT NOT NULL,           -- source | native | gridded | export
        created_at TEXT NOT NULL
      );

      CREATE TABLE log_runs (
        id TEXT PRIMARY KEY,
        well_id TEXT NOT NULL REFERENCES wells(id),
        source_name TEXT NOT NULL,
        source_sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        source_size INTEGER NOT NULL,
        source_format TEXT NOT NULL,  -- las | csv
        las_version TEXT, encoding TEXT,
        depth_mnemonic TEXT, depth_unit TEXT, start_depth REAL, stop_depth REAL, step REAL, row_count INTEGER NOT NULL,
        service_company TEXT, acquired_at TEXT,
        imported_by TEXT NOT NULL, imported_at TEXT NOT NULL,
        gridded_sha256 TEXT REFERENCES blobs(sha256),
        resample_method TEXT,            -- linear | nearest | step, how the gridded copy was made
        problems_json TEXT NOT NULL DEFAULT '[]',
        version INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX log_runs_well ON log_runs(well_id);
      CREATE INDEX log_runs_source ON log_runs(source_sha256);

      -- A LAS 3.0 file can hold several data sets (Log, Core, Tops...); LAS 2 has one, "Log".
      CREATE TABLE datasets (
        id TEXT PRIMARY KEY,
        log_run_id TEXT NOT NULL REFERENCES log_runs(id),
        name TEXT NOT NULL,
        native_sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        row_count INTEGER NOT NULL,
        is_depth_indexed INTEGER NOT NULL,
        version INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX datasets_run ON datasets(log_run_id);

      CREATE TABLE curves (
        id TEXT PRIMARY KEY,
        dataset_id TEXT NOT NULL REFERENCES datasets(id),
        log_run_id TEXT NOT NULL REFERENCES log_runs(id),
        well_id TEXT NOT NULL REFERENCES wells(id),
        position INTEGER NOT NULL,
        mnemonic TEXT NOT NULL,          -- unique key in its set, e.g. GR:2
        original_mnemonic TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        column_name TEXT NOT NULL,       -- column in the Parquet blobs
        kind TEXT NOT NULL,              -- number | string | datetime
        is_index INTEGER NOT NULL DEFAULT 0,
        property TEXT, property_confidence REAL, property_source TEXT,
        original_unit TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',   -- the workspace's standard unit for the property (gridded data)
        min REAL, max REAL, mean REAL, null_count INTEGER, sample_count INTEGER,
        coverage_json TEXT,
        quality TEXT NOT NULL DEFAULT 'unreviewed',
        version INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX curves_run ON curves(log_run_id);
      CREATE INDEX curves_well ON curves(well_id);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
        entity TEXT NOT NULL, entity_id TEXT NOT NULL,
        before_json TEXT, after_json TEXT
      );

      -- Blobs written by an ingest that has not committed yet. An ingest killed mid-way
      -- leaves its rows here; the next open rolls it back (deletes its unreferenced blobs).
      CREATE TABLE write_sessions (
        id TEXT PRIMARY KEY, pid INTEGER NOT NULL, host TEXT NOT NULL, started_at TEXT NOT NULL, purpose TEXT NOT NULL
      );
      CREATE TABLE staged_blobs (
        session_id TEXT NOT NULL REFERENCES write_sessions(id) ON DELETE CASCADE,
        sha256 TEXT NOT NULL, path TEXT NOT NULL,
        PRIMARY KEY (session_id, sha256)
      );

      -- Reference files a user imported (a full Energistics unit dictionary, a PWLS curves
      -- sheet), kept whole and used on top of the built-in tables.
      CREATE TABLE reference_data (
        kind TEXT PRIMARY KEY,           -- units | pwls-curves
        source_name TEXT NOT NULL, text TEXT NOT NULL, entries INTEGER NOT NULL,
        imported_at TEXT NOT NULL, imported_by TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'sync: outbox, conflicts, remotes',
    // Every local change to a synced entity queues it in the outbox, by trigger, in the same
    // transaction as the change, so no code path can forget to. Changes applied from a remote
    // run with sync_flags.applying = 1 and queue nothing.
    sql: `
      CREATE TABLE sync_flags (applying INTEGER NOT NULL);
      INSERT INTO sync_flags (applying) VALUES (0);
      CREATE TABLE sync_outbox (
        entity TEXT NOT NULL, entity_id TEXT NOT NULL, queued_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
        PRIMARY KEY (entity, entity_id)
      );
      CREATE TABLE sync_conflicts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        entity TEXT NOT NULL, entity_id TEXT NOT NULL,
        base_version INTEGER NOT NULL, remote_version INTEGER NOT NULL,
        local_json TEXT NOT NULL, remote_json TEXT NOT NULL,
        detected_at TEXT NOT NULL, resolved_at TEXT, resolution TEXT
      );
      CREATE UNIQUE INDEX sync_conflicts_open ON sync_conflicts(entity, entity_id) WHERE resolved_at IS NULL;
      CREATE TABLE remotes (
        name TEXT PRIMARY KEY, url TEXT NOT NULL, workspace TEXT NOT NULL,
        pull_cursor INTEGER NOT NULL DEFAULT 0, last_pull_at TEXT, last_push_at TEXT, last_error TEXT,
        strategy TEXT NOT NULL DEFAULT 'manual'
      );
      ALTER TABLE wells ADD COLUMN synced_version INTEGER NOT NULL DEFAULT 0;
      CREATE TRIGGER wells_outbox_insert AFTER INSERT ON wells WHEN (SELECT applying FROM sync_flags) = 0
      BEGIN INSERT OR IGNORE INTO sync_outbox (entity, entity_id, queued_at) VALUES ('well', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END;
      CREATE TRIGGER wells_outbox_update AFTER UPDATE OF version, deleted ON wells WHEN (SELECT applying FROM sync_flags) = 0
      BEGIN INSERT OR IGNORE INTO sync_outbox (entity, entity_id, queued_at) VALUES ('well', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END;
      ALTER TABLE log_runs ADD COLUMN synced_version INTEGER NOT NULL DEFAULT 0;
      CREATE TRIGGER log_runs_outbox_insert AFTER INSERT ON log_runs WHEN (SELECT applying FROM sync_flags) = 0
      BEGIN INSERT OR IGNORE INTO sync_outbox (entity, entity_id, queued_at) VALUES ('log_run', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END;
      CREATE TRIGGER log_runs_outbox_update AFTER UPDATE OF version, deleted ON log_runs WHEN (SELECT applying FROM sync_flags) = 0
      BEGIN INSERT OR IGNORE INTO sync_outbox (entity, entity_id, queued_at) VALUES ('log_run', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END;
      ALTER TABLE datasets ADD COLUMN synced_version INTEGER NOT NULL DEFAULT 0;
      CREATE TRIGGER datasets_outbox_insert AFTER INSERT ON datasets WHEN (SELECT applying FROM sync_flags) = 0
      BEGIN INSERT OR IGNORE INTO sync_outbox (entity, entity_id, queued_at) VALUES ('dataset', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END;
      CREATE TRIGGER datasets_outbox_update AFTER UPDATE OF version, deleted ON datasets WHEN (SELECT applying FROM sync_flags) = 0
      BEGIN INSERT OR IGNORE INTO sync_outbox (entity, entity_id, queued_at) VALUES ('dataset', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END;
      ALTER TABLE curves ADD COLUMN synced_version INTEGER NOT NULL DEFAULT 0;
      CREATE TRIGGER curves_outbox_insert AFTER INSERT ON curves WHEN (SELECT applying FROM sync_flags) = 0
      BEGIN INSERT OR IGNORE INTO sync_outbox (entity, entity_id, queued_at) VALUES ('curve', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END;
      CREATE TRIGGER curves_outbox_update AFTER UPDATE OF version, deleted ON curves WHEN (SELECT applying FROM sync_flags) = 0
      BEGIN INSERT OR IGNORE INTO sync_outbox (entity, entity_id, queued_at) VALUES ('curve', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END;
    `,
  },
  {
    version: 3,
    name: 'sync: pulled entities waiting for their parents',
    // A server hands out each entity at its latest change, so a well edited after its import
    // comes after its own log runs and curves. A pulled child whose parent has not come yet
    // waits here (in the same transaction as the pull's cursor), under the parent it waits
    // for, and enters its table when that parent does. Its blobs are registered meanwhile and
    // kept by gc (see LIVE_REFERENCES).
    sql: `
      CREATE TABLE sync_parked (
        entity TEXT NOT NULL, entity_id TEXT NOT NULL, remote TEXT NOT NULL, seq INTEGER NOT NULL,
        entity_json TEXT NOT NULL, waits_for TEXT NOT NULL, parked_at TEXT NOT NULL,
        PRIMARY KEY (entity, entity_id)
      );
      CREATE INDEX sync_parked_waits ON sync_parked(waits_for);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Brings an older workspace up to date; refuses one written by a newer DataForge. */
export function migrate(db: Database.Database, path: string): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > SCHEMA_VERSION) {
    throw new WorkspaceError('workspace-too-new', `this workspace has schema version ${from}, but this DataForge understands up to ${SCHEMA_VERSION}: upgrade DataForge to open it`, path);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= from) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: SCHEMA_VERSION };
}
