/** Workspaces with real ingested LAS files, and ways to compare two of them. */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ingestFiles } from '../../src/workspace/ingest.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { CredentialStore } from '../../src/sync/credentials.js';
import { writeGeneratedLas } from '../workspace/helpers.js';

const cleanups: (() => void)[] = [];

export function tempDir(prefix = 'df-sync-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function cleanupAll(): void {
  while (cleanups.length) cleanups.pop()!();
}

/** A credential store of its own: each test user is on "another machine". */
export function credentialStore(): CredentialStore {
  return new CredentialStore(join(tempDir('df-creds-'), 'credentials.json'));
}

export function newWorkspace(actor: string): Workspace {
  const ws = Workspace.init(tempDir('df-ws-'), { actor });
  cleanups.push(() => ws.close());
  return ws;
}

/** Ingests `count` generated LAS files (different seeds: different wells). */
export async function ingestGenerated(ws: Workspace, count: number, opts: { seed?: number; rows?: number } = {}): Promise<void> {
  const dir = tempDir('df-las-');
  const paths = Array.from({ length: count }, (_, i) => writeGeneratedLas(dir, `well-${(opts.seed ?? 1) + i}.las`, { seed: (opts.seed ?? 1) + i, rows: opts.rows ?? 300 }));
  for await (const r of ingestFiles(ws, paths)) {
    if (r.status !== 'ingested') throw new Error(`ingest of ${r.file} failed: ${r.error ?? r.status}`);
  }
}

/** Rows of a synced table without the sync bookkeeping (versions differ between clients by design). */
export function rows(ws: Workspace, table: 'wells' | 'log_runs' | 'datasets' | 'curves'): Record<string, unknown>[] {
  const all = ws.db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Record<string, unknown>[];
  return all.map(({ synced_version: _s, ...rest }) => rest);
}

/** Every blob file the live rows reference, by hash, with its bytes. */
export function blobBytes(ws: Workspace): Map<string, Buffer> {
  const refs = ws.db.prepare(`SELECT source_sha256 AS sha, CASE source_format WHEN 'csv' THEN 'csv' ELSE 'las' END AS ext FROM log_runs
    UNION SELECT gridded_sha256, 'parquet' FROM log_runs WHERE gridded_sha256 IS NOT NULL
    UNION SELECT native_sha256, 'parquet' FROM datasets`).all() as { sha: string; ext: string }[];
  return new Map(refs.map((r) => [r.sha, readFileSync(ws.blobs.pathOf(r.sha, r.ext))]));
}

export function wellId(ws: Workspace): string {
  return (ws.db.prepare('SELECT id FROM wells ORDER BY id LIMIT 1').get() as { id: string }).id;
}

export function wellRow(ws: Workspace, id: string): Record<string, unknown> {
  return ws.db.prepare('SELECT * FROM wells WHERE id = ?').get(id) as Record<string, unknown>;
}

export const SYNCED_TABLES = ['wells', 'log_runs', 'datasets', 'curves'] as const;

/** B holds what A holds: the same rows in every synced table, and byte-identical blobs under their hashes. */
export function expectSameWorkspaces(a: Workspace, b: Workspace): void {
  for (const t of SYNCED_TABLES) expect(rows(b, t), t).toEqual(rows(a, t));
  const mine = blobBytes(a);
  const theirs = blobBytes(b);
  expect([...theirs.keys()].sort()).toEqual([...mine.keys()].sort());
  for (const [sha, bytes] of theirs) {
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);
    expect(bytes.equals(mine.get(sha)!)).toBe(true);
  }
}

export interface ChildResult { code: number | null; stdout: string; stderr: string }

/** Runs a Node script (the CLI) as a child process with this environment, feeding `input` on stdin. */
export function runNode(script: string, args: string[], opts: { cwd?: string; input?: string; env: Record<string, string> }): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}
