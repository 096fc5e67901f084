/**
 * An ingest killed (SIGKILL) at random instants, 50+ times: every time the workspace is
 * either as before or fully ingested, fsck finds nothing wrong, and a retry completes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLas } from '../../src/las/generate.js';
import { writeLas } from '../../src/las/write.js';
import { fsck } from '../../src/workspace/fsck.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { BIN } from '../cli/run-cli.js';

const KILLS = 50;

let root: string;
let files: string[];

/** A seeded PRNG so a failing run can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One `dataforge ingest`; its output comes back too, so a failed run says why. */
function ingest(file: string | string[], killAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'ingest', ...[file].flat(), '--workspace', root, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d; });
    child.stderr.on('data', (d: Buffer) => { output += d; });
    let timer: NodeJS.Timeout | undefined;
    if (killAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => { if (timer) clearTimeout(timer); resolve({ code, signal, output: output.slice(-4000) }); });
  });
}

function runCount(): number {
  const ws = Workspace.open(root, { readonly: true });
  try {
    return (ws.db.prepare('SELECT count(*) n FROM log_runs WHERE deleted = 0').get() as { n: number }).n;
  } finally { ws.close(); }
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'df-kill-'));
  Workspace.init(root, { actor: 'tester' }).close();
  // A distinct file per attempt: a file that got in is a no-op next time, with nothing left to kill.
  files = Array.from({ length: KILLS + 1 }, (_, seed) => {
    const path = join(root, `w${seed}.las`);
    writeFileSync(path, writeLas(generateLas({ rows: 3000, curves: 12, seed, wellName: `KILL ${seed % 7}` })));
    return path;
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('ingest killed at random points', () => {
  it(`stays consistent through ${KILLS} SIGKILLs and completes on retry`, async () => {
    // How long a whole ingest takes here, so kills land across all of it.
    const t0 = performance.now();
    const first = await ingest(files[0]);
    expect(first.code, first.output).toBe(0);
    const full = performance.now() - t0;
    const rand = prng(20261122);
    const outcomes = { killed: 0, finished: 0 };
    for (let i = 0; i < KILLS; i++) {
      const file = files[1 + i];
      const before = runCount();
      const r = await ingest(file, rand() * full * 1.1);
      if (r.signal === 'SIGKILL') outcomes.killed++; else outcomes.finished++;
      // Opening the workspace rolls back what the killed process left half-done.
      const ws = Workspace.open(root);
      try {
        const report = await fsck(ws);
        expect(report.problems, `after kill ${i} (${r.signal ?? r.code})`).toEqual([]);
      } finally { ws.close(); }
      const after = runCount();
      // All or nothing: the file is either not in, or in exactly once.
      expect(after - before).toBeGreaterThanOrEqual(0);
      expect(after - before).toBeLessThanOrEqual(1);
    }
    console.log(`kill test: ${outcomes.killed} killed mid-ingest, ${outcomes.finished} finished first (one ingest takes ${full.toFixed(0)} ms)`);
    expect(outcomes.killed).toBeGreaterThan(KILLS / 2);
    // Every retry completes, and nothing is doubled.
    const retry = await ingest(files);
    expect(retry.code, retry.output).toBe(0);
    expect(runCount()).toBe(files.length);
    const ws = Workspace.open(root);
    try {
      const report = await fsck(ws);
      expect(report.problems).toEqual([]);
      expect(report.checked.runs).toBe(files.length);
    } finally { ws.close(); }
  }, 240_000);
});
