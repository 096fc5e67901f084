import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query, QueryError } from '../../src/query/api.js';
import { closeQuerySession } from '../../src/query/session.js';
import { buildFixture, type QueryFixture } from './fixtures.js';

let fx: QueryFixture;
let outside: string;
let otherParquet: string;
beforeAll(async () => {
  fx = await buildFixture();
  outside = mkdtempSync(join(tmpdir(), 'df-outside-'));
  // A real Parquet file outside the workspace: refusing it must be the confinement, not a bad file.
  const sha = (fx.ws.db.prepare('SELECT gridded_sha256 FROM log_runs LIMIT 1').get() as { gridded_sha256: string }).gridded_sha256;
  otherParquet = join(outside, 'other.parquet');
  copyFileSync(fx.ws.blobs.pathOf(sha, 'parquet'), otherParquet);
}, 60_000);
afterAll(() => { closeQuerySession(fx.ws); fx.cleanup(); rmSync(outside, { recursive: true, force: true }); });

/** Every file under a folder with its size and modification time. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else { const s = statSync(p); out.push(`${p} ${s.size} ${s.mtimeMs}`); }
    }
  };
  walk(dir);
  return out.sort();
}

async function refusal(sql: string): Promise<QueryError> {
  try {
    await query(fx.ws, sql);
  } catch (e) {
    expect(e).toBeInstanceOf(QueryError);
    return e as QueryError;
  }
  throw new Error(`expected the query to be refused: ${sql}`);
}

describe('queries are read-only and confined to the workspace', () => {
  const blobs = () => fx.ws.layout.blobs;
  const cases: [string, () => string, RegExp][] = [
    ['COPY ... TO a file', () => `COPY (SELECT * FROM wells) TO '${join(fx.root, 'out.csv')}'`, /read-only: COPY is not allowed/],
    ['COPY ... TO inside the blobs folder', () => `COPY wells TO '${join(blobs(), 'x.csv')}'`, /read-only: COPY is not allowed/],
    ['CREATE TABLE', () => 'CREATE TABLE t AS SELECT 1 AS x', /read-only: CREATE is not allowed/],
    ['CREATE VIEW', () => 'CREATE OR REPLACE VIEW samples AS SELECT 1 AS x', /read-only: CREATE is not allowed/],
    ['INSERT', () => "INSERT INTO wells (well) VALUES ('intruder')", /read-only: INSERT is not allowed/],
    ['INSERT behind a WITH', () => "WITH x AS (SELECT 'intruder' AS w) INSERT INTO wells (well) SELECT w FROM x", /read-only: INSERT is not allowed/],
    ['UPDATE', () => "UPDATE wells SET well = 'x'", /read-only: UPDATE is not allowed/],
    ['DELETE', () => 'DELETE FROM wells', /read-only: DELETE is not allowed/],
    ['DROP', () => 'DROP VIEW samples', /read-only: DROP is not allowed/],
    ['ATTACH the metadata database', () => `ATTACH '${fx.ws.layout.db}' AS meta`, /read-only: ATTACH is not allowed/],
    ['SET enable_external_access', () => 'SET enable_external_access = true', /read-only: SET is not allowed/],
    ['RESET', () => 'RESET allowed_directories', /read-only: RESET is not allowed/],
    ['INSTALL', () => 'INSTALL httpfs', /read-only: INSTALL is not allowed/],
    ['LOAD', () => 'LOAD sqlite', /read-only: LOAD is not allowed/],
    ['a PRAGMA that is not a read', () => 'PRAGMA enable_profiling', /read-only: PRAGMA is not allowed/],
    ['EXPLAIN ANALYZE of a COPY', () => `EXPLAIN ANALYZE COPY (SELECT 1) TO '${join(fx.root, 'x.csv')}'`, /read-only: COPY is not allowed/],
    ['a second statement', () => 'SELECT 1; DROP TABLE wells', /one statement at a time/],
    ['a PIVOT that needs a helper type', () => 'PIVOT wells ON field USING count(*)', /PIVOT needs its values listed/],
    ['read_csv of /etc/passwd', () => "SELECT * FROM read_csv('/etc/passwd')", /only read the workspace's own data: "\/etc\/passwd" is outside it/],
    ['read_parquet of a file elsewhere', () => `SELECT * FROM read_parquet('${otherParquet}')`, /is outside it/],
    ['read_text of the metadata database', () => `SELECT * FROM read_text('${fx.ws.layout.db}')`, /is outside it/],
    ['a path that climbs out of the blobs', () => `SELECT * FROM read_blob('${join(blobs(), '..', 'workspace.db')}')`, /is outside it/],
    ['glob over another folder', () => "SELECT * FROM glob('/etc/*')", /is outside it/],
  ];

  it.each(cases)('refuses %s with a clear message and changes nothing', async (_what, sql, message) => {
    const before = snapshot(fx.root);
    const wellsBefore = (await query(fx.ws, 'SELECT count(*) FROM wells')).rows[0][0];
    const e = await refusal(sql());
    expect(e.message).toMatch(message);
    expect(snapshot(fx.root)).toEqual(before);
    expect((await query(fx.ws, 'SELECT count(*) FROM wells')).rows[0][0]).toBe(wellsBefore);
    expect(existsSync(join(fx.root, 'out.csv'))).toBe(false);
  });

  it('stays confined after every refusal', async () => {
    const r = await query(fx.ws, "SELECT current_setting('enable_external_access') AS ext, current_setting('lock_configuration') AS locked");
    expect(r.rows[0]).toEqual([false, true]);
    const views = await query(fx.ws, "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name");
    expect(views.rows.map((v) => v[0])).toEqual(['native_samples', 'samples']);
  });

  it.each([
    ['DESCRIBE', 'DESCRIBE samples'],
    ['SHOW TABLES', 'SHOW TABLES'],
    ['SUMMARIZE', 'SUMMARIZE wells'],
    ['EXPLAIN', "EXPLAIN SELECT * FROM samples WHERE well = 'ALPHA 1'"],
    ['EXPLAIN ANALYZE of a SELECT', 'EXPLAIN ANALYZE SELECT count(*) FROM curves'],
    ['PRAGMA table_info', "PRAGMA table_info('wells')"],
    ['FROM-first', 'FROM wells LIMIT 1'],
    ['VALUES', 'VALUES (1, 2)'],
    ['PIVOT with its values listed', "PIVOT wells ON grid_unit IN ('m') USING count(*)"],
    ['a leading comment', '-- the wells\nSELECT well FROM wells'],
  ])('allows a read: %s', async (_what, sql) => {
    const r = await query(fx.ws, sql);
    expect(r.rows.length).toBeGreaterThan(0);
  });

  it('names the problem in a query DuckDB cannot run', async () => {
    const e = await refusal('SELECT no_such_column FROM wells');
    expect(e.code).toBe('bad-sql');
    expect(e.message).toMatch(/no_such_column/);
  });
});
