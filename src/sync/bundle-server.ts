/**
 * A bundle applied to a server workspace: `dataforge bundle apply FILE --remote URL`.
 *
 * Done by the client, through the API every push uses, not by a server endpoint that takes
 * the whole bundle. For an air-gapped data centre the bundle arrives on some machine inside
 * (or on the server itself, over loopback), and:
 * - the bundle is checked and decrypted where it is: the passphrase never crosses the
 *   network and the server never parses a second, bundle-shaped input;
 * - the blobs go up through the resumable, re-hashing blob upload: a cut at any byte resumes
 *   where it stopped, blobs the server holds are not sent, each request stays under the
 *   server's limits — a POST of a many-gigabyte bundle would be one request, restarted whole;
 * - the entity changes go through the ordinary push, with their base versions: one set of
 *   roles (member), one conflict rule (a stale base is a conflict, never an overwrite), one
 *   idempotency mechanism (keys derived from the bundle, so applying it again changes nothing).
 *
 * Conflicts cannot be settled here (there is no local copy to keep): they are reported, each
 * with the fields that differ; `bundle apply --queue` in a workspace of the server turns them
 * into ordinary conflicts there.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkspaceApi } from './api.js';
import { uploadBlob } from './blobs-transfer.js';
import { checkBundle, type BundleBlob } from './bundle.js';
import { apiFor, type SyncOptions } from './client.js';
import { ORDER } from './entities.js';
import { SyncError } from './errors.js';
import { sameContent, type Change, type EntityType, type PushResponse } from './protocol.js';
import type { RemoteUrl } from './remotes.js';
import { eachLimit, progressTracker } from './transfers.js';

/** Roles that may push (the server checks too; asking first means a viewer is told before a long check of the file). */
const PUSHING_ROLES = new Set(['member', 'admin', 'owner']);
const DEFAULT_BATCH = 500;

export interface ServerApplyOptions extends SyncOptions {
  passphrase?: string;
}

export interface FieldDifference { field: string; bundle: unknown; server: unknown }

/** A change of the bundle the server refused because its copy moved on since the change's base version. */
export interface BundleConflict {
  type: EntityType;
  id: string;
  /** The well's or curve's name, when it has one. */
  name: string | null;
  baseVersion: number;
  serverVersion: number;
  serverUpdatedBy: string;
  serverUpdatedAt: string;
  deleted: { bundle: boolean; server: boolean };
  fields: FieldDifference[];
}

export interface ServerApplyResult {
  file: string;
  url: string;
  encrypted: boolean;
  createdAt: string;
  createdBy: string;
  entities: number;
  /** Changes the server applied now. */
  applied: number;
  /** Changes the server held already (this bundle applied before, or its maker pushed them). */
  alreadyApplied: number;
  conflicts: BundleConflict[];
  blobsUploaded: number;
  bytesUploaded: number;
  blobsAlreadyThere: number;
  requests: number;
}

export async function applyBundleToServer(file: string, target: Pick<RemoteUrl, 'server' | 'workspace' | 'url'>, opts: ServerApplyOptions = {}): Promise<ServerApplyResult> {
  const api = apiFor(target, opts);
  const { role } = await api.info();
  if (!PUSHING_ROLES.has(role)) {
    throw new SyncError('insufficient-role', `you are a ${role} of ${target.url}: applying a bundle pushes changes, which needs the member role (ask an admin of the workspace); nothing was sent`);
  }
  let stage: string | undefined;
  // A plain bundle's blobs are sent from the file itself; an encrypted one's are decrypted into a private temp folder first.
  const stageTo = (b: { sha256: string }, encrypted: boolean) => {
    if (!encrypted) return undefined;
    stage ??= mkdtempSync(join(tmpdir(), 'dataforge-bundle-'));
    return join(stage, b.sha256);
  };
  try {
    const checked = checkBundle(file, opts.passphrase, stageTo);
    const { manifest } = checked;
    const result: ServerApplyResult = {
      file, url: target.url, encrypted: checked.encrypted, createdAt: manifest.createdAt, createdBy: manifest.createdBy,
      entities: manifest.changes.length, applied: 0, alreadyApplied: 0, conflicts: [], blobsUploaded: 0, bytesUploaded: 0, blobsAlreadyThere: 0, requests: 0,
    };
    const blobs = new Map(checked.blobs.map((b) => [b.sha256, b]));
    const { missing, offsets } = blobs.size ? await api.missingWithOffsets([...blobs.keys()]) : { missing: [], offsets: new Map<string, number>() };
    result.blobsAlreadyThere = blobs.size - missing.length;
    await uploadFromBundle(api, file, missing.map((sha) => blobs.get(sha)!), result, opts, offsets);

    // Sequence numbers only grow: an answer whose cursor is not past this is a replay of an earlier application.
    const headBefore = await api.head();
    const changes = [...manifest.changes].sort((a, b) => ORDER[a.entity.type] - ORDER[b.entity.type]);
    const size = opts.batchSize ?? DEFAULT_BATCH;
    for (let i = 0; i < changes.length; i += size) {
      const batch = changes.slice(i, i + size);
      const res = await pushBatch(api, file, blobs, { idempotencyKey: batchKey(checked.digest, i, batch), changes: batch }, result, opts);
      const base = new Map(batch.map((c) => [`${c.entity.type}:${c.entity.id}`, c.baseVersion]));
      for (const a of res.applied) {
        // Not new: a replay of an earlier application, or a change the server held already (it keeps its base version).
        if (res.cursor > headBefore && a.version !== base.get(`${a.type}:${a.id}`)) result.applied++;
        else result.alreadyApplied++;
      }
      for (const c of res.conflicts) {
        const mine = batch.find((x) => x.entity.type === c.type && x.entity.id === c.id)!;
        if (sameContent(mine.entity, c.remote)) result.alreadyApplied++;
        else result.conflicts.push(describeConflict(mine, c.remote));
      }
    }
    return result;
  } finally {
    if (stage) rmSync(stage, { recursive: true, force: true });
  }
}

/** The same bundle, split the same way, gives the same keys: applying it again is a replay the server answers from its record. */
function batchKey(bundleDigest: string, start: number, batch: Change[]): string {
  const h = createHash('sha256').update(`dataforge-bundle\n${bundleDigest}\n${start}\n`);
  for (const c of batch) h.update(`${c.entity.type}:${c.entity.id}:${c.baseVersion}\n`);
  return h.digest('hex');
}

async function pushBatch(api: WorkspaceApi, file: string, blobs: Map<string, BundleBlob>, req: { idempotencyKey: string; changes: Change[] }, result: ServerApplyResult, opts: ServerApplyOptions): Promise<PushResponse> {
  let res = await api.push(req);
  result.requests++;
  // Blobs vanish between `missing` and the push only if the server lost them: send them again.
  for (let again = 0; res.missingBlobs.length && again < 3; again++) {
    const lacking = res.missingBlobs.filter((sha) => !blobs.has(sha));
    if (lacking.length) throw new SyncError('bundle-lacks-blobs', `${file}: the server lacks blob ${lacking[0]} and the bundle does not carry it: nothing was applied from this batch`);
    await uploadFromBundle(api, file, res.missingBlobs.map((sha) => blobs.get(sha)!), result, opts);
    res = await api.push(req);
    result.requests++;
  }
  if (res.missingBlobs.length) throw new SyncError('blobs-not-accepted', `the server still lacks ${res.missingBlobs.length} blob(s) after they were uploaded (e.g. ${res.missingBlobs[0]}): nothing was applied from this batch`);
  return res;
}

/** `offsets`: where the server's uploads stand, from `missing` (spares a HEAD per blob); without it each upload asks. */
async function uploadFromBundle(api: WorkspaceApi, file: string, list: BundleBlob[], result: ServerApplyResult, opts: ServerApplyOptions, offsets?: Map<string, number>): Promise<void> {
  const progress = progressTracker('upload', new Map(list.map((b) => [b.sha256, b.size])), opts);
  await eachLimit(list, opts.concurrency ?? 4, async (b) => {
    const path = b.tmp ?? file;
    const range = b.tmp ? undefined : { start: b.offset!, size: b.size };
    const r = await uploadBlob(api, b.sha256, path, {
      range, chunkBytes: opts.chunkBytes, onProgress: (n) => progress.bytes(b.sha256, n), onRetry: (e, _a, delay) => opts.onRetry?.(e.message, delay),
      known: offsets ? { offset: offsets.get(b.sha256) ?? 0, stored: false } : undefined,
    });
    progress.finished(b.sha256, r.size);
    result.blobsUploaded++;
    result.bytesUploaded += r.sent;
  });
}

function describeConflict(mine: Change, server: Change['entity']): BundleConflict {
  const keys = [...new Set([...Object.keys(mine.entity.data), ...Object.keys(server.data)])].sort();
  const fields = keys
    .filter((k) => JSON.stringify(mine.entity.data[k] ?? null) !== JSON.stringify(server.data[k] ?? null))
    .map((k) => ({ field: k, bundle: mine.entity.data[k] ?? null, server: server.data[k] ?? null }));
  const name = mine.entity.data.name ?? mine.entity.data.mnemonic ?? mine.entity.data.source_name;
  return {
    type: mine.entity.type, id: mine.entity.id, name: typeof name === 'string' ? name : null,
    baseVersion: mine.baseVersion, serverVersion: server.version, serverUpdatedBy: server.updatedBy, serverUpdatedAt: server.updatedAt,
    deleted: { bundle: mine.entity.deleted, server: server.deleted }, fields,
  };
}
