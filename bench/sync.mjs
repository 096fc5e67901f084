/**
 * Team-sync figures for `npm run bench` (issue 4, "Speed"), all on 127.0.0.1:
 *  1. push of the 100 bench wells (bench/workspace.mjs's files) from a fresh workspace to a
 *     fresh server, and a clone of them into a second fresh workspace, as MB/s of blob bytes;
 *  2. a raw loopback copy of the same blob files to compare with: node:http PUTs whose bodies
 *     the receiving end writes to files (no fsync), made before the push, between push and
 *     clone, and after the clone (each transfer is set against the two either side of it),
 *     and, for reference, the network alone (PUTs into a sink); 1 and 2 run
 *     THROUGHPUT_ROUNDS times, figures are medians;
 *  3. a no-op sync (nothing to push or pull): median of 20;
 *  4. 10 then 50 concurrent clients, each syncing edits of its own well: p50/p99 latency and
 *     lost changes (an edit whose final value the server does not have; must be 0).
 * The server runs as deployed, `dataforge serve` in a process of its own, and the raw copy's
 * receiving end likewise (bench/raw-peer.mjs); clients run in this process. Both receivers
 * are warmed before the timed transfers (a long-running server is warm): the server with a
 * push and a clone of a few small wells, the raw peer with a copy of the same files.
 * Runs alone too: `node bench/sync.mjs` (after `npm run build`).
 */
import { cpSync, createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { request, Agent } from 'node:http';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { generateLasChunks } from '../dist/las/generate.js';
import { clone, push, sync } from '../dist/sync/client.js';
import { CredentialStore } from '../dist/sync/credentials.js';
import { HttpClient } from '../dist/sync/http.js';
import { addRemote } from '../dist/sync/remotes.js';
import { setWell } from '../dist/workspace/edit.js';
import { ingestFiles } from '../dist/workspace/ingest.js';
import { Workspace } from '../dist/workspace/workspace.js';

const MB = 1e6;
const ROUNDS = 5;
/** Push + clone + raw copy rounds; the figures are their medians (the machine may be busy). */
const THROUGHPUT_ROUNDS = Number(process.env.DATAFORGE_BENCH_SYNC_ROUNDS ?? 3);
const CLIENT_COUNTS = [10, 50];
const NOOP_RUNS = 20;
/** Wells pushed and cloned (and their blobs raw-copied) before the timed transfers, to warm the receiving process. */
const WARMUP_WELLS = 12;
const DATAFORGE_BIN = fileURLToPath(new URL('../bin/dataforge.js', import.meta.url));
const RAW_PEER = fileURLToPath(new URL('./raw-peer.mjs', import.meta.url));
export const SYNC_TARGETS = { rawRatio: 0.5, noopSyncMs: 100, lost: 0 };

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

function filesUnder(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) filesUnder(p, out);
    else if (!name.endsWith('.tmp') && !name.startsWith('.')) out.push({ path: p, size: st.size });
  }
  return out;
}

/** Starts `node SCRIPT ...args` and resolves with what `ready` finds in its output (stdout or stderr); stops it on failure. */
async function startProcess(args, env, ready) {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  const found = await new Promise((resolve, reject) => {
    const look = (d) => {
      seen += d;
      const v = ready(seen);
      if (v !== undefined) resolve(v);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before it was ready:\n${seen.slice(-2000)}`)));
  });
  // Output after start-up (request logs) is read and dropped, as a log collector would take it.
  child.stdout.removeAllListeners('data');
  child.stderr.removeAllListeners('data');
  child.stdout.resume();
  child.stderr.resume();
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  return { found, close };
}

/** A fresh `dataforge serve` (its own process, data in `root`/server) with one registered user, whose tokens go in `creds`. */
async function freshServer(root, creds) {
  const dataDir = join(root, 'server');
  // The concurrent-client rounds register 60 accounts from 127.0.0.1.
  const env = { ...process.env, DATAFORGE_REGISTRATION: 'open', DATAFORGE_REGISTRATION_LIMIT: '10000', DATAFORGE_LOG_LEVEL: 'info' };
  // SQLite and blobs on disk, the defaults: whatever the shell has set for PostgreSQL or S3 is not used.
  for (const k of Object.keys(env)) if (k === 'DATABASE_URL' || k.startsWith('DATAFORGE_S3_')) delete env[k];
  const { found: url, close } = await startProcess([DATAFORGE_BIN, 'serve', '--host', '127.0.0.1', '--port', '0', '--data', dataDir], env, (out) => /DataForge server on (\S+) /.exec(out)?.[1]);
  const http = new HttpClient({ server: url, credentials: creds, retry: { attempts: 1 } });
  await http.register('bench@example.com', 'a-long-enough-bench-password');
  const createWorkspace = (name) => http.json('POST', '/workspaces', z.unknown(), { json: { name } });
  return { server: { url, close }, dataDir, createWorkspace };
}

// ---- 1 + 2: throughput ------------------------------------------------------------------------

/**
 * PUTs files (4 at a time, like the sync client's default) to the raw peer on `port`: into
 * files (`sink` 'blob': the honest baseline, since a push or pull must also write the bytes
 * somewhere) or thrown away ('discard': the network alone, printed beside it for reference).
 */
async function rawPuts(port, files, sink) {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const put = async (f, i) => {
    const req = request({ host: '127.0.0.1', port, method: 'PUT', path: `/${sink}/${i}`, agent, headers: { 'content-length': f.size, 'content-type': 'application/octet-stream' } });
    const answered = once(req, 'response');
    await pipeline(createReadStream(f.path), req);
    const [res] = await answered;
    if (res.statusCode !== 204) throw new Error(`raw copy of ${f.path}: ${res.statusCode}`);
    res.resume();
    await once(res, 'end');
  };
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < files.length) { const i = next++; await put(files[i], i); }
  }));
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  const bytes = files.reduce((a, f) => a + f.size, 0);
  return { files: files.length, bytes, secs, mbPerSec: bytes / MB / secs, concurrency: 4, writesFiles: sink === 'blob' };
}

/**
 * The raw copy's receiving end, in its own process, warmed with an untimed copy of `warmup`
 * (both ways). Each `copy` goes to a folder of its own, all removed at `close`.
 */
async function rawPeer(toDir, warmup) {
  const peer = await startProcess([RAW_PEER, toDir], process.env, (out) => /"port":(\d+)/.exec(out)?.[1]);
  const port = Number(peer.found);
  let copies = 0;
  try {
    await rawPuts(port, warmup, 'warm');
    await rawPuts(port, warmup, 'discard');
  } catch (e) {
    await peer.close();
    throw e;
  }
  return {
    copy: (files) => rawPuts(port, files, `blob${++copies}`),
    network: (files) => rawPuts(port, files, 'discard'),
    close: async () => {
      await peer.close();
      rmSync(toDir, { recursive: true, force: true });
    },
  };
}

/** A speed from the mean time of two copies of the same bytes (the raw copies either side of a push or pull). */
function meanOf(x, y) {
  const secs = (x.secs + y.secs) / 2;
  return { ...x, secs, mbPerSec: x.bytes / MB / secs };
}

/**
 * One round: a fresh server (its own process) is warmed with a push and a clone of the small
 * warm-up wells, then the ingested workspace (a copy of `pristine`, so every round pushes the
 * same queue) pushes to it and a second workspace clones it. A raw copy of the same blob files
 * is made before the push, between push and clone, and after the clone: each transfer is set
 * against the mean of the two copies either side of it, so the machine's drift (its speed
 * wanders by a third within minutes) weighs on both alike. A fresh server per round: a server
 * that holds a blob never takes it again, so a second round into the same one would move nothing.
 */
async function throughputRound(root, r, pristine, warm, ingested, creds, log) {
  const roundDir = join(root, `round-${r}`);
  const server = await freshServer(roundDir, creds);
  const opts = { credentials: creds };
  await server.createWorkspace('warmup');
  const warmDir = join(roundDir, 'warmup');
  cpSync(warm.pristine, warmDir, { recursive: true });
  const w = Workspace.open(warmDir);
  addRemote(w, 'origin', `${server.server.url}/warmup`);
  await push(w, undefined, opts);
  w.close();
  await clone(`${server.server.url}/warmup`, join(roundDir, 'warmup-clone'), { ...opts, actor: 'bench-warmup' });
  rmSync(join(roundDir, 'warmup-clone'), { recursive: true, force: true });

  await server.createWorkspace('wells100');
  const url = `${server.server.url}/wells100`;
  const dir = join(roundDir, 'pusher');
  cpSync(pristine, dir, { recursive: true });
  const a = Workspace.open(dir);
  addRemote(a, 'origin', url);
  // The raw copies send the workspace's own blob files: the bytes the push sends.
  const blobFiles = filesUnder(join(pristine, '.dataforge', 'blobs'));
  const peer = await rawPeer(join(roundDir, 'raw-copy'), warm.files);
  try {
    const rawBefore = await peer.copy(blobFiles);

    let t0 = performance.now();
    const pushed = await push(a, undefined, opts);
    const pushSecs = (performance.now() - t0) / 1000;
    const warmBlobs = new Set(warm.files.map((f) => f.path.split(/[\\/]/).pop().split('.')[0]));
    const received = filesUnder(join(server.dataDir, 'blobs')).filter((f) => !f.path.includes(`${join('blobs', 'uploads')}`) && !warmBlobs.has(f.path.split(/[\\/]/).pop()));
    const receivedBytes = received.reduce((s, f) => s + f.size, 0);
    if (receivedBytes !== rawBefore.bytes) throw new Error(`the server received ${receivedBytes} bytes of blobs, the raw copy sends ${rawBefore.bytes}: they must be the same bytes`);
    const pushFig = { wells: ingested, changes: pushed.pushed, blobs: pushed.blobsUploaded, bytes: receivedBytes, clientBytesUploaded: pushed.bytesUploaded, secs: pushSecs, mbPerSec: receivedBytes / MB / pushSecs };

    const rawBetween = await peer.copy(blobFiles);

    t0 = performance.now();
    const cloned = await clone(url, join(roundDir, 'puller'), { ...opts, actor: 'bench-puller' });
    const pullSecs = (performance.now() - t0) / 1000;
    const pullBytes = cloned.pull.bytesDownloaded;
    const pullFig = { changes: cloned.pull.applied, blobs: cloned.pull.blobsDownloaded, bytes: pullBytes, secs: pullSecs, mbPerSec: pullBytes / MB / pullSecs };
    rmSync(join(roundDir, 'puller'), { recursive: true, force: true });

    const rawAfter = await peer.copy(blobFiles);
    const network = await peer.network(blobFiles);
    const rawForPush = meanOf(rawBefore, rawBetween);
    const rawForPull = meanOf(rawBetween, rawAfter);
    const raw = { ...rawBetween, copies: [rawBefore, rawBetween, rawAfter].map((x) => x.mbPerSec) };
    const ratios = { pushPerRaw: pushFig.mbPerSec / rawForPush.mbPerSec, pullPerRaw: pullFig.mbPerSec / rawForPull.mbPerSec };
    log(`  round ${r + 1}: raw ${rawBefore.mbPerSec.toFixed(0)}, push ${pushFig.mbPerSec.toFixed(0)} (${pushSecs.toFixed(2)} s), raw ${rawBetween.mbPerSec.toFixed(0)}, pull ${pullFig.mbPerSec.toFixed(0)} (${pullSecs.toFixed(2)} s), raw ${rawAfter.mbPerSec.toFixed(0)} MB/s; network only ${network.mbPerSec.toFixed(0)} MB/s: push/raw ${(ratios.pushPerRaw * 100).toFixed(0)}%, pull/raw ${(ratios.pullPerRaw * 100).toFixed(0)}% (each against the raw copies either side)`);
    return { server, ws: a, push: pushFig, pull: pullFig, raw, network, ratios };
  } finally {
    await peer.close();
  }
}

/** A workspace with WARMUP_WELLS small wells, to warm each round's server, and its blob files (to warm the raw peer). */
async function warmupWorkspace(root) {
  const dir = join(root, 'warmup-wells');
  mkdirSync(dir, { recursive: true });
  const pristine = join(root, 'pristine-warmup');
  const ws = Workspace.init(pristine, { actor: 'bench-warmup' });
  for (let i = 0; i < WARMUP_WELLS; i++) {
    const file = join(dir, `warm-${i}.las`);
    await smallLas(file, 7000 + i, `WARMUP ${i}`, 4000);
    await ingestOne(ws, file);
  }
  ws.close();
  const files = filesUnder(join(pristine, '.dataforge', 'blobs'));
  if (files.length < WARMUP_WELLS) throw new Error(`the warm-up workspace has ${files.length} blob files, expected at least ${WARMUP_WELLS}`);
  return { pristine, files };
}

async function throughput(root, wellFiles, creds, log) {
  const pristine = join(root, 'pristine');
  const p = Workspace.init(pristine, { actor: 'bench-pusher' });
  let ingested = 0;
  for await (const r of ingestFiles(p, wellFiles)) if (r.status === 'ingested') ingested++;
  p.close();
  const warm = await warmupWorkspace(root);
  const rounds = [];
  for (let r = 0; r < THROUGHPUT_ROUNDS; r++) {
    const round = await throughputRound(root, r, pristine, warm, ingested, creds, log);
    rounds.push(round);
    if (r < THROUGHPUT_ROUNDS - 1) {
      round.ws.close();
      await round.server.server.close();
    }
  }
  const last = rounds[rounds.length - 1];
  // Medians of each figure over the rounds (the ratios are medians of the per-round ratios:
  // raw and sync runs of one round share whatever else the machine was doing then).
  const med = (f) => median(rounds.map(f));
  const pushFig = { ...last.push, secs: med((x) => x.push.secs), mbPerSec: med((x) => x.push.mbPerSec), rounds: rounds.map((x) => x.push.mbPerSec) };
  const pullFig = { ...last.pull, secs: med((x) => x.pull.secs), mbPerSec: med((x) => x.pull.mbPerSec), rounds: rounds.map((x) => x.pull.mbPerSec) };
  // Every raw copy of every round (three a round).
  const copies = rounds.flatMap((x) => x.raw.copies);
  const raw = { ...last.raw, secs: last.raw.bytes / MB / median(copies), mbPerSec: median(copies), copies };
  const network = { ...last.network, secs: med((x) => x.network.secs), mbPerSec: med((x) => x.network.mbPerSec), rounds: rounds.map((x) => x.network.mbPerSec) };
  const ratios = { pushPerRaw: med((x) => x.ratios.pushPerRaw), pullPerRaw: med((x) => x.ratios.pullPerRaw), rounds: rounds.map((x) => x.ratios) };
  log(`  push: ${pushFig.wells} wells, ${pushFig.blobs} blobs, ${(pushFig.bytes / MB).toFixed(1)} MB: median ${pushFig.mbPerSec.toFixed(1)} MB/s over ${rounds.length} rounds`);
  log(`  pull (clone): ${pullFig.changes} changes, ${pullFig.blobs} blobs, ${(pullFig.bytes / MB).toFixed(1)} MB: median ${pullFig.mbPerSec.toFixed(1)} MB/s`);
  log(`  raw loopback copy (node:http PUT of the same ${raw.files} blob files, 4 at a time, to a node:http peer in its own process writing the bodies to files, no fsync): median ${raw.mbPerSec.toFixed(1)} MB/s; network only (bodies discarded): ${network.mbPerSec.toFixed(1)} MB/s`);
  log(`  push/raw ${(ratios.pushPerRaw * 100).toFixed(0)}%, pull/raw ${(ratios.pullPerRaw * 100).toFixed(0)}% (medians over the rounds of each transfer against the raw copies either side of it; target >= ${SYNC_TARGETS.rawRatio * 100}%)`);
  return { server: last.server, ws: last.ws, push: pushFig, pull: pullFig, raw, network, ratios };
}

// ---- 3: no-op sync --------------------------------------------------------------------------

async function noopSync(ws, creds, log) {
  const opts = { credentials: creds };
  await sync(ws, undefined, opts); // settles anything left and warms the connection path
  const ms = [];
  let moved = 0;
  for (let i = 0; i < NOOP_RUNS; i++) {
    const t0 = performance.now();
    const r = await sync(ws, undefined, opts);
    ms.push(performance.now() - t0);
    moved += r.pull.received + r.push.pushed;
  }
  const fig = { runs: NOOP_RUNS, medianMs: median(ms), p90Ms: quantile(ms, 0.9), changesMoved: moved };
  log(`  no-op sync (100-well workspace, nothing to move): median ${fig.medianMs.toFixed(1)} ms, p90 ${fig.p90Ms.toFixed(1)} ms over ${NOOP_RUNS} runs${moved ? ` (! ${moved} changes moved)` : ''}`);
  return fig;
}

// ---- 4: concurrent clients ------------------------------------------------------------------

async function smallLas(file, seed, wellName, rows = 200) {
  const out = createWriteStream(file);
  for (const chunk of generateLasChunks({ rows, curves: 4, version: '2.0', seed, wellName })) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function ingestOne(ws, file) {
  for await (const r of ingestFiles(ws, [file])) if (r.status !== 'ingested') throw new Error(`ingest of ${file}: ${r.error ?? r.status}`);
}

const wellIdByName = (ws, name) => ws.db.prepare('SELECT id FROM wells WHERE name = ?').get(name)?.id;

async function concurrentClients(root, n, creds, server, log) {
  const name = `team${n}`;
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  await server.createWorkspace(name);
  const url = `${server.server.url}/${name}`;
  const opts = { credentials: creds };
  // The shared workspace starts with one small well, which every client clones.
  const seed = Workspace.init(join(dir, 'seed'), { actor: 'seed' });
  await smallLas(join(dir, 'seed.las'), 9000 + n, `SEED ${n}`);
  await ingestOne(seed, join(dir, 'seed.las'));
  addRemote(seed, 'origin', url);
  await push(seed, undefined, opts);
  seed.close();

  // Untimed setup: every client clones, then adds a private well of its own and syncs it.
  const clients = [];
  for (let i = 0; i < n; i++) {
    const wsDir = join(dir, `client-${i}`);
    await clone(url, wsDir, { ...opts, actor: `client-${i}` });
    const ws = Workspace.open(wsDir);
    const wellName = `CLIENT ${n}-${i}`;
    const las = join(dir, `client-${i}.las`);
    await smallLas(las, 10_000 + n * 100 + i, wellName);
    await ingestOne(ws, las);
    const wellId = wellIdByName(ws, wellName);
    if (!wellId) throw new Error(`client ${i}: no well named ${wellName} after ingest`);
    clients.push({ i, ws, wellId, last: null });
  }
  // Two passes one client at a time: afterwards every client has every private well, so the
  // timed rounds move edits only, not the others' first blobs.
  for (let pass = 0; pass < 2; pass++) for (const c of clients) await sync(c.ws, undefined, opts);

  // Timed: every client at once, K rounds of "edit my well's field, sync".
  const latencies = [];
  let conflicts = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(clients.map(async (c) => {
    for (let k = 0; k < ROUNDS; k++) {
      const value = `edit ${c.i}.${k}`;
      await setWell(c.ws, c.wellId, { field: value });
      const s0 = performance.now();
      try {
        const r = await sync(c.ws, undefined, opts);
        conflicts += r.pull.conflicts.recorded + r.push.conflicts.recorded;
        c.last = value;
      } catch (e) {
        errors++;
        log(`  ! client ${c.i} round ${k}: ${e.message}`);
      }
      latencies.push(performance.now() - s0);
    }
  }));
  const wallSecs = (performance.now() - t0) / 1000;
  // A client whose last sync failed retries once more, as a user would: then count what is lost.
  for (const c of clients) {
    if (c.last !== `edit ${c.i}.${ROUNDS - 1}`) { try { await sync(c.ws, undefined, opts); c.last = `edit ${c.i}.${ROUNDS - 1}`; } catch { /* counted below */ } }
    c.ws.close();
  }

  const observerDir = join(dir, 'observer');
  await clone(url, observerDir, { ...opts, actor: 'observer' });
  const observer = Workspace.open(observerDir);
  let lost = 0;
  for (const c of clients) {
    const row = observer.db.prepare('SELECT field FROM wells WHERE id = ?').get(c.wellId);
    if (row?.field !== `edit ${c.i}.${ROUNDS - 1}`) lost++;
  }
  observer.close();
  rmSync(dir, { recursive: true, force: true });

  const fig = { clients: n, rounds: ROUNDS, syncs: latencies.length, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99), maxMs: Math.max(...latencies), wallSecs, lost, conflicts, errors };
  log(`  ${String(n).padStart(2)} clients x ${ROUNDS} rounds: sync p50 ${fig.p50Ms.toFixed(0)} ms, p99 ${fig.p99Ms.toFixed(0)} ms (max ${fig.maxMs.toFixed(0)}), ${fig.syncs} syncs in ${wallSecs.toFixed(1)} s; lost changes ${lost}${conflicts ? `, ${conflicts} conflicts` : ''}${errors ? `, ${errors} failed syncs` : ''}`);
  return fig;
}

// ---- all --------------------------------------------------------------------------------

export async function syncBench(outDir, log) {
  const wellFiles = filesUnder(join(outDir, 'wells')).filter((f) => f.path.endsWith('.las')).map((f) => f.path);
  if (wellFiles.length === 0) throw new Error(`no wells in ${join(outDir, 'wells')}: run bench/workspace.mjs first`);
  const root = mkdtempSync(join(tmpdir(), 'df-sync-bench-'));
  // Tokens in a config dir of the bench's own, never the user's.
  const savedConfigDir = process.env.DATAFORGE_CONFIG_DIR;
  process.env.DATAFORGE_CONFIG_DIR = join(root, 'config');
  const creds = new CredentialStore(join(root, 'config', 'credentials.json'));
  let server;
  try {
    const t = await throughput(root, wellFiles, creds, log);
    server = t.server;
    const noop = await noopSync(t.ws, creds, log);
    t.ws.close();
    const concurrent = [];
    for (const n of CLIENT_COUNTS) concurrent.push(await concurrentClients(root, n, creds, server, log));
    return { push: t.push, pull: t.pull, raw: t.raw, network: t.network, ratios: t.ratios, noopSync: noop, concurrent };
  } finally {
    await server?.server.close();
    if (savedConfigDir === undefined) delete process.env.DATAFORGE_CONFIG_DIR;
    else process.env.DATAFORGE_CONFIG_DIR = savedConfigDir;
    rmSync(root, { recursive: true, force: true });
  }
}

/** PASS/FAIL lines in run.mjs's shape. */
export function syncTargets(s) {
  const pct = (x) => `${(x * 100).toFixed(0)}%`;
  return [
    { target: `push >= ${pct(SYNC_TARGETS.rawRatio)} of raw loopback throughput`, value: `${s.push.mbPerSec.toFixed(1)} MB/s = ${pct(s.ratios.pushPerRaw)} of the raw copies either side (raw median ${s.raw.mbPerSec.toFixed(1)} MB/s)`, pass: s.ratios.pushPerRaw >= SYNC_TARGETS.rawRatio },
    { target: `pull >= ${pct(SYNC_TARGETS.rawRatio)} of raw loopback throughput`, value: `${s.pull.mbPerSec.toFixed(1)} MB/s = ${pct(s.ratios.pullPerRaw)} of the raw copies either side (raw median ${s.raw.mbPerSec.toFixed(1)} MB/s)`, pass: s.ratios.pullPerRaw >= SYNC_TARGETS.rawRatio },
    { target: `no-op sync < ${SYNC_TARGETS.noopSyncMs} ms`, value: `${s.noopSync.medianMs.toFixed(1)} ms median`, pass: s.noopSync.medianMs < SYNC_TARGETS.noopSyncMs },
    ...s.concurrent.map((c) => ({ target: `${c.clients} concurrent clients lose no change`, value: `${c.lost} lost, p50 ${c.p50Ms.toFixed(0)} ms, p99 ${c.p99Ms.toFixed(0)} ms`, pass: c.lost === 0 && c.errors === 0 })),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  (await import('./thread-pool.mjs')).runWithCliThreadPool();
  const out = fileURLToPath(new URL('./out', import.meta.url));
  const log = (s = '') => process.stdout.write(`${s}\n`);
  if (filesUnder(join(out, 'wells')).filter((f) => f.path.endsWith('.las')).length < 100) {
    const { workspaceBench } = await import('./workspace.mjs');
    await workspaceBench(out, log); // generates the 100 wells
  }
  log('Team sync (issue 4): 100 generated wells, loopback only');
  const figures = await syncBench(out, log);
  log('\nTargets (issue 4):');
  for (const t of syncTargets(figures)) log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.target}: ${t.value}`);
  log(`\n${JSON.stringify(figures, null, 2)}`);
}
