/**
 * Air-gapped transfer: `createBundle` writes a workspace's entities (all of them, or those
 * changed since a cursor) and the blobs they need into one file (format in
 * bundle-format.ts), optionally encrypted with a passphrase; `applyBundle` checks the whole
 * file first — every blob against its hash, the manifest, the end record, and for an
 * encrypted bundle every segment's authentication — and only then applies it to a
 * workspace, with the same conflict rules as a pull (or, with `queue`, as edits made there,
 * left for the next push).
 *
 * Entities travel as protocol Changes (base version and entity), so a bundle can also go to
 * a server through the ordinary push: bundle-server.ts.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { z } from 'zod';
import type { PreparedBlob } from '../workspace/blob-store.js';
import { nowIso, type Workspace } from '../workspace/workspace.js';
import { blobFilesOf, localBlobPath } from './blob-files.js';
import { newCryptoHeader, openKey, type KdfParams } from './bundle-crypto.js';
import { encodeHeader, PayloadReader, PayloadWriter, readHeader } from './bundle-format.js';
import type { ConflictTally } from './client.js';
import { applyRemoteEntity, ORDER, readEntity, rowToEntity, TABLE, writeQueued } from './entities.js';
import { BundleError } from './errors.js';
import { Change, ENTITY_TYPES, SHA256, type EntityType } from './protocol.js';
import type { Strategy } from './remotes.js';
import { resolveByStrategy, sameContent } from './strategy.js';

const BlobEntry = z.object({ sha256: SHA256, ext: z.string().regex(/^[a-z0-9]{1,10}$/), size: z.number().int().nonnegative() });

export const BundleManifest = z.object({
  format: z.literal('dataforge-bundle'),
  version: z.literal(1),
  createdAt: z.string(),
  createdBy: z.string(),
  /** The workspace it came from. */
  workspaceId: z.string(),
  since: z.string().nullable(),
  /** Give as `--since` to the next bundle for only what changed after this one. */
  cursor: z.string(),
  changes: z.array(Change),
  /** The blob records that follow, in this order. */
  blobs: z.array(BlobEntry),
  /** Blobs only tombstones name that are gone from the source workspace (collected). */
  absentBlobs: z.array(SHA256),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export interface CreateBundleOptions {
  /** A cursor printed by an earlier `createBundle`: only entities changed since then. */
  since?: string;
  /** Encrypts the bundle (AES-256-GCM, key by scrypt). */
  passphrase?: string;
  kdf?: KdfParams;
}

export interface CreateBundleResult {
  file: string;
  entities: number;
  blobs: number;
  blobBytes: number;
  bytes: number;
  since: string | null;
  cursor: string;
  encrypted: boolean;
}

/**
 * A writer stamps its rows a moment before it commits. A cursor is never later than this much
 * before the bundle was made, so a change stamped just before and committed just after the
 * snapshot goes in the next bundle (rows near the cursor may travel twice: harmless).
 */
const CURSOR_MARGIN_MS = 1000;

/** Entities changed after `since` (all without), parents first, read in one snapshot with writers held off. */
function collect(ws: Workspace, since: string | undefined): { changes: Change[]; cursor: string } {
  return ws.db.transaction(() => {
    const changes: Change[] = [];
    let newest = '';
    for (const type of ENTITY_TYPES) {
      const table = TABLE[type];
      const rows = (since
        ? ws.db.prepare(`SELECT * FROM ${table} WHERE updated_at > ? ORDER BY updated_at, id`).all(since)
        : ws.db.prepare(`SELECT * FROM ${table} ORDER BY updated_at, id`).all()) as Record<string, unknown>[];
      for (const row of rows) {
        changes.push({ baseVersion: Number(row.synced_version ?? 0), entity: rowToEntity(type, row) });
      }
      const max = (ws.db.prepare(`SELECT max(updated_at) AS m FROM ${table}`).get() as { m: string | null }).m;
      if (max && max > newest) newest = max;
    }
    changes.sort((a, b) => ORDER[a.entity.type] - ORDER[b.entity.type]);
    const safe = new Date(Date.now() - CURSOR_MARGIN_MS).toISOString();
    let cursor = newest && newest < safe ? newest : safe;
    if (since && since > cursor) cursor = since;
    return { changes, cursor };
  }).immediate();
}

export function createBundle(ws: Workspace, out: string, opts: CreateBundleOptions = {}): CreateBundleResult {
  if (opts.since !== undefined && !ISO.test(opts.since)) {
    throw new BundleError('bad-cursor', `'${opts.since}' is not a bundle cursor (an ISO time such as 2024-05-01T12:00:00.000Z, printed by 'bundle create')`);
  }
  if (opts.passphrase !== undefined && opts.passphrase.length === 0) throw new BundleError('empty-passphrase', 'the passphrase is empty: give one, or leave the bundle unencrypted');
  const { changes, cursor } = collect(ws, opts.since);

  const blobs: z.infer<typeof BlobEntry>[] = [];
  const absent: string[] = [];
  const seen = new Set<string>();
  for (const c of changes) {
    for (const f of blobFilesOf(c.entity)) {
      if (seen.has(f.sha256)) continue;
      seen.add(f.sha256);
      const path = localBlobPath(ws, f.sha256, f.ext);
      let size: number;
      try {
        size = statSync(path).size;
      } catch {
        if (c.entity.deleted) { absent.push(f.sha256); continue; }
        throw new BundleError('blob-missing', `blob ${f.sha256} of ${c.entity.type} ${c.entity.id} is missing from the workspace: run 'dataforge fsck'`);
      }
      blobs.push({ sha256: f.sha256, ext: path.slice(path.lastIndexOf('.') + 1), size });
    }
  }
  const manifest: BundleManifest = {
    format: 'dataforge-bundle', version: 1, createdAt: nowIso(), createdBy: ws.actor, workspaceId: ws.id,
    since: opts.since ?? null, cursor, changes, blobs, absentBlobs: absent,
  };

  const crypto = opts.passphrase !== undefined ? newCryptoHeader(opts.passphrase, opts.kdf) : undefined;
  const header = { bytes: encodeHeader(crypto?.header), crypto: crypto?.header };
  // Written beside OUT and renamed over it: never a half-written bundle under the real name.
  const tmp = `${out}.${process.pid}.partial`;
  let fd: number;
  try {
    fd = openSync(tmp, 'w', 0o600);
  } catch (e) {
    throw new BundleError('unwritable', `cannot write the bundle there: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : (e as Error).message}`, out);
  }
  try {
    const w = new PayloadWriter(fd, header, crypto?.key);
    w.manifest(JSON.stringify(manifest));
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (const b of blobs) {
      const path = ws.blobs.pathOf(b.sha256, b.ext);
      const src = openSync(path, 'r');
      try {
        w.blobStart(b.sha256, b.size);
        const hash = createHash('sha256');
        let left = b.size;
        let pos = 0;
        while (left > 0) {
          const n = readSync(src, chunk, 0, Math.min(chunk.length, left), pos);
          if (n === 0) throw new BundleError('blob-changed', `blob ${b.sha256} shrank while being bundled: run 'dataforge fsck'`);
          const piece = Buffer.from(chunk.subarray(0, n));
          hash.update(piece);
          w.blobBytes(piece);
          left -= n;
          pos += n;
        }
        if (hash.digest('hex') !== b.sha256) throw new BundleError('blob-corrupt', `blob ${b.sha256} in the workspace does not match its hash: run 'dataforge fsck' (no bundle written)`);
      } finally {
        closeSync(src);
      }
    }
    w.end();
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, out);
  } catch (e) {
    try { closeSync(fd); } catch { /* closed already */ }
    rmSync(tmp, { force: true });
    if (e instanceof BundleError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new BundleError('write-failed', `could not write the bundle (${code === 'ENOSPC' ? 'the disk is full' : (e as Error).message}); nothing was left behind`, out);
  }
  return {
    file: out, entities: changes.length, blobs: blobs.length, blobBytes: blobs.reduce((s, b) => s + b.size, 0), bytes: statSync(out).size,
    since: manifest.since, cursor, encrypted: !!crypto,
  };
}

// ---- apply ----------------------------------------------------------------------------------

export interface ApplyBundleOptions {
  passphrase?: string;
  /** How conflicts are settled (default manual: recorded for `dataforge conflicts`). */
  strategy?: Strategy;
  /**
   * Take the bundle's changes as edits made here on their own base versions: queued for the
   * next push, where the server judges them like any push (a stale base is a conflict). For
   * a workspace that syncs with the server the bundle's maker syncs with (see README).
   */
  queue?: boolean;
}

export interface ApplyBundleResult {
  file: string;
  encrypted: boolean;
  createdAt: string;
  createdBy: string;
  cursor: string;
  entities: number;
  applied: number;
  unchanged: number;
  /** With `queue`: changes now waiting for `dataforge push`. */
  queued: number;
  conflicts: ConflictTally;
  blobsAdded: number;
}

/** A blob of a checked bundle: its verified bytes in a temp file, or (plain bundles) at `offset` in the bundle itself. */
export interface BundleBlob { sha256: string; ext: string; size: number; tmp?: string; offset?: number }

export interface CheckedBundle {
  manifest: BundleManifest;
  /** sha256 of the manifest: names this bundle (idempotency keys of a push derive from it). */
  digest: string;
  encrypted: boolean;
  blobs: BundleBlob[];
}

/**
 * Reads and checks the whole bundle: every blob against its hash, the manifest, the end
 * record, and for an encrypted one every segment's authentication. `stageTo` names a temp
 * file to copy a blob's checked bytes into (undefined: check only; a plain bundle's blob can
 * be read at its `offset` later); on any failure the temp files are removed, so a refused
 * bundle leaves nothing behind.
 */
export function checkBundle(file: string, passphrase: string | undefined, stageTo: (blob: { sha256: string; ext: string; size: number }, encrypted: boolean) => string | undefined): CheckedBundle {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new BundleError('unreadable', `cannot read the bundle: ${(e as Error).message}`, file);
  }
  const blobs: BundleBlob[] = [];
  try {
    const header = readHeader(fd, file);
    if (header.crypto && passphrase === undefined) {
      throw new BundleError('passphrase-needed', 'this bundle is encrypted: give its passphrase (--passphrase-stdin or DATAFORGE_BUNDLE_PASSPHRASE)', file);
    }
    const key = header.crypto ? openKey(passphrase!, header.crypto, file) : undefined;
    const reader = new PayloadReader(fd, header, key, file);
    const first = reader.next();
    if (first.type !== 'manifest') throw new BundleError('bundle-damaged', 'the bundle does not start with its manifest', file);
    let manifest: BundleManifest;
    try {
      manifest = BundleManifest.parse(JSON.parse(first.json));
    } catch (e) {
      throw new BundleError('bundle-damaged', `the bundle's manifest is not one DataForge understands (${e instanceof z.ZodError ? e.issues[0]?.message : (e as Error).message})`, file);
    }
    const digest = createHash('sha256').update(first.json, 'utf8').digest('hex');
    const pending = new Map(manifest.blobs.map((b) => [b.sha256, b]));
    while (true) {
      const rec = reader.next();
      if (rec.type === 'end') break;
      if (rec.type !== 'blob') throw new BundleError('bundle-damaged', 'a second manifest in the bundle', file);
      const entry = pending.get(rec.sha256);
      if (!entry || entry.size !== rec.size) throw new BundleError('bundle-damaged', `blob ${rec.sha256} is not the one the manifest lists there`, file);
      pending.delete(rec.sha256);
      const tmp = stageTo(entry, !!header.crypto);
      const out = tmp !== undefined ? openSync(tmp, 'w', 0o600) : undefined;
      blobs.push({ ...entry, tmp, offset: reader.blobFileOffset() });
      try {
        const hash = createHash('sha256');
        for (let piece = reader.blobChunk(); piece.length; piece = reader.blobChunk()) {
          hash.update(piece);
          if (out !== undefined) {
            let off = 0;
            while (off < piece.length) off += writeSync(out, piece, off, piece.length - off);
          }
        }
        if (hash.digest('hex') !== entry.sha256) throw new BundleError('bundle-damaged', `blob ${entry.sha256} in the bundle does not match its hash: nothing was applied`, file);
        if (out !== undefined) fsyncSync(out);
      } finally {
        if (out !== undefined) closeSync(out);
      }
    }
    if (pending.size) throw new BundleError('bundle-damaged', `${pending.size} blob(s) the manifest lists are not in the bundle`, file);
    return { manifest, digest, encrypted: !!header.crypto, blobs };
  } catch (e) {
    for (const b of blobs) if (b.tmp) rmSync(b.tmp, { force: true });
    throw e;
  } finally {
    closeSync(fd);
  }
}

export function applyBundle(ws: Workspace, file: string, opts: ApplyBundleOptions = {}): ApplyBundleResult {
  // Blobs the workspace lacks are staged in its temp folder.
  const { manifest, blobs, encrypted } = checkBundle(file, opts.passphrase, (b) => (ws.blobs.has(b.sha256, b.ext) ? undefined : ws.blobs.tempPath('bundle')));
  const staged: PreparedBlob[] = blobs.filter((b) => b.tmp).map((b) => ({ tmp: b.tmp!, ext: b.ext, sha256: b.sha256, path: ws.blobs.pathOf(b.sha256, b.ext), size: b.size }));
  const strategy = opts.strategy ?? 'manual';
  const result: ApplyBundleResult = {
    file, encrypted, createdAt: manifest.createdAt, createdBy: manifest.createdBy, cursor: manifest.cursor,
    entities: manifest.changes.length, applied: 0, unchanged: 0, queued: 0, conflicts: { recorded: 0, resolvedLocal: 0, resolvedRemote: 0, ownChanges: 0 }, blobsAdded: 0,
  };
  // Bytes first (content-addressed: harmless if what follows fails), then rows in one transaction.
  for (const b of staged) if (!ws.blobs.moveInPrepared(b).existed) result.blobsAdded++;
  const changes = [...manifest.changes].sort((a, b) => ORDER[a.entity.type] - ORDER[b.entity.type]);
  const sizes = new Map(manifest.blobs.map((b) => [b.sha256, b.size]));
  const ownPast = manifest.workspaceId === ws.id;
  try {
    ws.db.transaction(() => {
      for (const change of changes) {
        const { entity } = change;
        const local = readEntity(ws.db, entity.type, entity.id);
        // A bundle applied where it was made brings back our own past: never a conflict with ourselves.
        if (local && ownPast && entity.version <= local.version) { result.unchanged++; continue; }
        if (opts.queue) {
          if (queueAsLocal(ws, change, file) === 'queued') result.queued++;
          else result.unchanged++;
          continue;
        }
        if (local && isQueued(ws, entity.type, entity.id)) {
          const { syncedVersion: _s, ...mine } = local;
          if (sameContent(mine, entity)) { result.unchanged++; continue; }
        }
        const outcome = applyRemoteEntity(ws, entity);
        if (outcome === 'applied') result.applied++;
        else if (outcome === 'unchanged') result.unchanged++;
        else {
          const o = resolveByStrategy(ws, entity, strategy);
          if (o === 'recorded') result.conflicts.recorded++;
          else if (o === 'resolved-local') result.conflicts.resolvedLocal++;
          else if (o === 'resolved-remote') result.conflicts.resolvedRemote++;
        }
      }
      const put = ws.db.prepare('UPDATE blobs SET size = ? WHERE sha256 = ? AND size = 0');
      for (const [sha, size] of sizes) put.run(size, sha);
    })();
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw new BundleError('missing-parents', 'the bundle holds changes to wells or log runs this workspace does not have: apply the earlier bundles first (or a full bundle, made without --since); nothing was applied', file);
    }
    throw e;
  }
  return result;
}

/**
 * One bundle change taken as a local edit made on its base version (`queue` mode). An entity
 * with an unpushed change of this workspace's own is refused (it would be overwritten): the
 * whole apply stops, nothing written.
 */
function queueAsLocal(ws: Workspace, change: Change, file: string): 'queued' | 'unchanged' {
  const { entity } = change;
  const local = readEntity(ws.db, entity.type, entity.id);
  if (local) {
    const { syncedVersion: _s, ...mine } = local;
    if (sameContent(mine, entity)) return 'unchanged';
    if (isQueued(ws, entity.type, entity.id)) {
      throw new BundleError('unpushed-here', `${entity.type.replace('_', ' ')} ${entity.id} has an unpushed change in this workspace that the bundle would overwrite: push it first (or use a fresh clone); nothing was applied`, file);
    }
  }
  writeQueued(ws, change);
  return 'queued';
}

function isQueued(ws: Workspace, type: EntityType, id: string): boolean {
  return ws.db.prepare('SELECT 1 FROM sync_outbox WHERE entity = ? AND entity_id = ?').get(type, id) !== undefined;
}
