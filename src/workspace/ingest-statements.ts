/**
 * The SQL ingest runs for every file, prepared once per database connection: a batch of a
 * hundred files would otherwise compile the same statements hundreds of times.
 */
import type Database from 'better-sqlite3';

export interface IngestStatements {
  presentRun: Database.Statement;
  wellGrid: Database.Statement;
  putBlob: Database.Statement;
  putWell: Database.Statement;
  putRun: Database.Statement;
  putSet: Database.Statement;
  putCurve: Database.Statement;
}

const cache = new WeakMap<Database.Database, IngestStatements>();

export function ingestStatements(db: Database.Database): IngestStatements {
  let s = cache.get(db);
  if (!s) {
    s = {
      presentRun: db.prepare(`SELECT r.id, w.id AS well_id, w.name FROM log_runs r JOIN wells w ON w.id = r.well_id WHERE r.source_sha256 = ? AND r.deleted = 0 AND w.deleted = 0`),
      wellGrid: db.prepare('SELECT grid_unit AS unit, grid_step AS step, grid_origin AS origin, deleted FROM wells WHERE id = ?'),
      putBlob: db.prepare('INSERT OR IGNORE INTO blobs (sha256, ext, size, kind, created_at) VALUES (?, ?, ?, ?, ?)'),
      putWell: db.prepare(`INSERT INTO wells (id, name, uwi, api, field, operator, country, state, county, location, grid_unit, grid_step, grid_origin, created_at, created_by, updated_at, updated_by)
        VALUES (@id, @name, @uwi, @api, @field, @operator, @country, @state, @county, @location, @grid_unit, @grid_step, @grid_origin, @at, @by, @at, @by)`),
      putRun: db.prepare(`INSERT INTO log_runs (id, well_id, source_name, source_sha256, source_size, source_format, las_version, encoding, depth_mnemonic, depth_unit,
          start_depth, stop_depth, step, row_count, service_company, acquired_at, imported_by, imported_at, gridded_sha256, resample_method, problems_json, updated_at, updated_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      putSet: db.prepare('INSERT INTO datasets (id, log_run_id, name, native_sha256, row_count, is_depth_indexed, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      putCurve: db.prepare(`INSERT INTO curves (id, dataset_id, log_run_id, well_id, position, mnemonic, original_mnemonic, description, column_name, kind, is_index,
          property, property_confidence, property_source, original_unit, unit, min, max, mean, null_count, sample_count, coverage_json, updated_at, updated_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    };
    cache.set(db, s);
  }
  return s;
}
