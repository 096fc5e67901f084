/**
 * The sync client: push the outbox to a server workspace, pull what others pushed, report
 * where a workspace stands, clone a server workspace.
 *
 * Nothing here can lose an edit: the outbox (filled by triggers) is only emptied for changes
 * the server confirmed; a change made on an outdated version comes back as a conflict with
 * both copies kept; an unreachable server leaves the queue as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Workspace } from '../workspace/workspace.js';
import { WorkspaceApi } from './api.js';
import { blobFilesOf, localBlobPath, type BlobFile } from './blob-files.js';
import { downloadBlob, uploadBlob } from './blobs-transfer.js';
import { teamSettingsOf, workspaceSettingsFrom } from './team-settings.js';
import { progressTracker, TransferQueue } from './transfers.js';
import type { CredentialStore } from './credentials.js';
import { applying, applyRemoteEntity, entityKey, localState, localStates, markPushed, openConflicts, outboxSize, type LocalState } from './entities.js';
import { pendingChanges } from './outbox.js';
import { mustWait, park, parkedCount, unpark, waitingFor, type ParkedEntity } from './parked.js';
import { SyncError, SyncHttpError } from './errors.js';
import { HttpClient } from './http.js';
import type { Change, Entity, PullResponse, PushResponse, TeamSettings } from './protocol.js';
import { addRemote, getRemote, noteError, noteSuccess, parseRemoteUrl, setPullCursor, type Remote, type RemoteUrl, type Strategy } from './remotes.js';
import type { RetryOptions } from './retry.js';
import { handleConflict, resolveByStrategy, sameContent, type ConflictOutcome } from './strategy.js';

export interface TransferProgress {
  direction: 'upload' | 'download';
  bytesDone: number;
  bytesTotal: number;
  blobsDone: number;
  blobsTotal: number;
}

export interface SyncOptions {
  /** Token store; `null` for a server without authentication. Default: the user's. */
  credentials?: CredentialStore | null;
  retry?: Partial<RetryOptions>;
  fetch?: typeof fetch;
  /** Changes per push request (the server takes up to 1000). */
  batchSize?: number;
  /** Entities per pull page. */
  pageSize?: number;
  /** Blob transfers at once. */
  concurrency?: number;
  /** Bytes per upload request. */
  chunkBytes?: number;
  onProgress?: (p: TransferProgress) => void;
  /** A request failed and will be tried again. */
  onRetry?: (message: string, delayMs: number) => void;
}

export interface ConflictTally { recorded: number; resolvedLocal: number; resolvedRemote: number; ownChanges: number }

export interface PushReport {
  remote: string;
  /** Changes the server applied. */
  pushed: number;
  requests: number;
  conflicts: ConflictTally;
  blobsUploaded: number;
  bytesUploaded: number;
  /** Blobs the changes needed that the server had already (never sent again). */
  blobsAlreadyThere: number;
  /** Changes still queued (held back by an open conflict, or changed again meanwhile). */
  queued: number;
}

export interface PullReport {
  remote: string;
  received: number;
  applied: number;
  unchanged: number;
  conflicts: ConflictTally;
  blobsDownloaded: number;
  bytesDownloaded: number;
  cursor: number;
  /**
   * Pulled entities still waiting for a parent the server has not sent (see parked.ts); they
   * go in with the pull that brings it. 0 after a whole pull unless the server lacks a parent.
   */
  waiting: number;
}

export interface StatusReport {
  remote: string;
  url: string;
  strategy: Strategy;
  reachable: boolean;
  /** Why not, when it is not. */
  error: string | null;
  loggedInAs: string | null;
  /** Local changes waiting to be pushed. */
  ahead: number;
  /** Server changes not pulled yet; null when the server cannot be asked. */
  behind: number | null;
  head: number | null;
  cursor: number;
  conflicts: number;
  /** Pulled entities waiting for a parent not pulled yet (see PullReport.waiting). */
  waiting: number;
  lastPullAt: string | null;
  lastPushAt: string | null;
  lastError: string | null;
}

const DEFAULTS = { batchSize: 500, pageSize: 1000, concurrency: 4 };
/** Transfers under way per one on the wire (see TransferQueue): the rest wait for an fsync or an answer. */
const OUTSTANDING_PER_TRANSFER = 3;
/**
 * Entities on a pull's first page: few enough that the server answers in a few milliseconds
 * and the first blobs start while it gathers the next, full page (a first page of 1,000 took
 * ~50 ms to arrive and be checked, with the connections idle meanwhile).
 */
const FIRST_PAGE_SIZE = 200;
/** Batches read from the outbox at once: their blobs upload while the first are committed. */
const READ_AHEAD_BATCHES = 8;
/** Rounds of a push after the first: resolved conflicts and changes made meanwhile go again. */
const MAX_PUSH_ROUNDS = 20;

export function apiFor(remote: Pick<RemoteUrl, 'server' | 'workspace'>, opts: SyncOptions = {}): WorkspaceApi {
  const http = new HttpClient({
    server: remote.server, credentials: opts.credentials, retry: opts.retry, fetch: opts.fetch,
    retryHooks: { onRetry: (e, _attempt, delay) => opts.onRetry?.(e.message, delay) },
  });
  return new WorkspaceApi(http, remote.workspace);
}

const tally = (): ConflictTally => ({ recorded: 0, resolvedLocal: 0, resolvedRemote: 0, ownChanges: 0 });

function count(t: ConflictTally, o: ConflictOutcome): void {
  if (o === 'own-change') t.ownChanges++;
  else if (o === 'recorded') t.recorded++;
  else if (o === 'resolved-local') t.resolvedLocal++;
  else t.resolvedRemote++;
}

/** Runs `fn`; a failure is noted on the remote (for `status`) and passed on. */
async function noted<T>(ws: Workspace, remote: Remote, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    noteError(ws, remote.name, e instanceof Error ? e.message : String(e));
    throw e;
  }
}

// ---- blobs ----------------------------------------------------------------------------------

/**
 * The blob uploads of one push: every blob is asked about (`missing`) and queued once, batch
 * after batch, so the next batches' blobs go up while the current batch is committed. One
 * progress report covers them all.
 */
class PushUploads {
  readonly queue: TransferQueue;
  private readonly started = new Map<string, Promise<void>>();
  private readonly progress: ReturnType<typeof progressTracker>;
  /** `missing` questions go one after another, so blobs queue in the order of their batches. */
  private asked: Promise<unknown> = Promise.resolve();

  constructor(private readonly ws: Workspace, private readonly api: WorkspaceApi, private readonly report: PushReport, private readonly opts: SyncOptions) {
    this.queue = transferQueue(opts);
    this.progress = progressTracker('upload', new Map(), opts);
  }

  /** Resolves once every blob these changes name is on the server (those it lacks are uploaded). */
  forChanges(changes: Change[]): Promise<void> {
    const files = new Map<string, BlobFile>();
    for (const c of changes) for (const f of blobFilesOf(c.entity)) if (c.entity.blobs.includes(f.sha256)) files.set(f.sha256, f);
    const queued = this.asked.then(async () => {
      const fresh = [...files.keys()].filter((sha) => !this.started.has(sha));
      if (fresh.length) {
        const { missing, offsets } = await this.queue.alongside(() => this.api.missingWithOffsets(fresh));
        this.report.blobsAlreadyThere += fresh.length - missing.length;
        this.upload(missing, files, offsets);
      }
      return Promise.all([...files.keys()].map((sha) => this.started.get(sha)));
    });
    this.asked = queued.catch(() => undefined);
    return queued.then(() => undefined);
  }

  /** Uploads these blobs (again, when the server says it lost them) and resolves when all are there. */
  async again(hashes: string[], files: Map<string, BlobFile>): Promise<void> {
    for (const sha of hashes) this.started.delete(sha);
    this.upload(hashes, files);
    await Promise.all(hashes.map((sha) => this.started.get(sha)));
  }

  /** `offsets`: where the server's uploads stand, as `missing` said (then no HEAD per blob); without it each upload asks. */
  private upload(hashes: string[], files: Map<string, BlobFile>, offsets?: Map<string, number>): void {
    const paths = new Map(hashes.map((sha) => [sha, localBlobPath(this.ws, sha, files.get(sha)?.ext ?? 'las')]));
    const sizes = new Map(hashes.map((sha) => [sha, sizeOf(paths.get(sha)!)]));
    this.progress.add(sizes);
    for (const sha of hashes) {
      const done = this.queue.run(async (release) => {
        const r = await uploadBlob(this.api, sha, paths.get(sha)!, {
          chunkBytes: this.opts.chunkBytes, onProgress: (n) => this.progress.bytes(sha, n), size: sizes.get(sha) || undefined, onBytesDone: release,
          known: offsets ? { offset: offsets.get(sha) ?? 0, stored: false } : undefined,
          onRetry: (e, _a, delay) => this.opts.onRetry?.(e.message, delay),
        });
        this.progress.finished(sha, r.size);
        this.report.blobsUploaded++;
        this.report.bytesUploaded += r.sent;
      });
      // Awaited by the batch that needs it; a failure nobody awaits yet must not go unhandled.
      done.catch(() => undefined);
      this.started.set(sha, done);
    }
  }
}

function sizeOf(path: string): number {
  try { return statSync(path).size; } catch { return 0; }
}

/**
 * The blob downloads of one pull: the next page's blobs queue behind this page's while this
 * page is applied. A blob two pages need is fetched once.
 */
class PullDownloads {
  readonly queue: TransferQueue;
  private readonly started = new Map<string, Promise<number | null>>();
  private readonly progress: ReturnType<typeof progressTracker>;

  constructor(private readonly ws: Workspace, private readonly api: WorkspaceApi, private readonly report: { blobsDownloaded: number; bytesDownloaded: number }, private readonly opts: SyncOptions) {
    this.queue = transferQueue(opts);
    // Sizes are unknown until each answer comes: the bar counts blobs, bytes as they arrive.
    this.progress = progressTracker('download', new Map(), opts);
  }

  /**
   * Downloads the blobs these entities need that the workspace lacks; resolves with the sizes
   * of those fetched. A tombstone may name a blob nobody has any more (collected before it was
   * ever pushed): that one is skipped.
   */
  forEntities(entities: Entity[]): Promise<Map<string, number>> {
    const need = new Map<string, BlobFile & { optional: boolean }>();
    for (const e of entities) {
      for (const f of blobFilesOf(e)) {
        if (!this.started.has(f.sha256) && this.ws.blobs.has(f.sha256, f.ext)) continue;
        const prev = need.get(f.sha256);
        need.set(f.sha256, { ...f, optional: (prev?.optional ?? true) && e.deleted });
      }
    }
    const fresh = [...need.values()].filter((f) => !this.started.has(f.sha256));
    this.progress.add(new Map(fresh.map((f) => [f.sha256, 0])));
    for (const f of fresh) {
      const done = this.queue.run(async (release) => {
        const r = await downloadBlob(this.api, f.sha256, f.ext, this.ws.blobs, { onProgress: (n) => this.progress.bytes(f.sha256, n), onRetry: (e, _a, d) => this.opts.onRetry?.(e.message, d), onBytesDone: release });
        this.progress.finished(f.sha256, r.size);
        this.report.blobsDownloaded++;
        this.report.bytesDownloaded += r.size;
        return r.size;
      });
      done.catch(() => undefined);
      this.started.set(f.sha256, done);
    }
    return (async () => {
      const got = new Map<string, number>();
      const needed = [...need.values()];
      const results = await Promise.allSettled(needed.map((f) => this.started.get(f.sha256)!));
      let failed: unknown;
      results.forEach((r, i) => {
        const f = needed[i];
        if (r.status === 'fulfilled') { if (r.value !== null) got.set(f.sha256, r.value); return; }
        if (f.optional && r.reason instanceof SyncHttpError && r.reason.status === 404) return;
        failed ??= r.reason;
      });
      if (failed !== undefined) throw failed;
      return got;
    })();
  }
}

/**
 * `concurrency` blobs' bytes on the wire at once; a transfer whose bytes are done waits for its
 * fsync or the server's answer outside that count, up to twice as many again.
 */
function transferQueue(opts: SyncOptions): TransferQueue {
  const n = opts.concurrency ?? DEFAULTS.concurrency;
  return new TransferQueue(n, { outstanding: n * OUTSTANDING_PER_TRANSFER });
}

/**
 * Runs `fn` with its transfers; on failure nothing new is asked, what has not started is
 * dropped and what has (transfers and the requests alongside) is waited for, so no request
 * outlives the command that made it.
 */
async function withTransfers<T extends { queue: TransferQueue }, R>(transfers: T, fn: (t: T) => Promise<R>): Promise<R> {
  try {
    return await fn(transfers);
  } catch (e) {
    transfers.queue.cancel();
    await transfers.queue.settled();
    throw e;
  }
}

/** Pulled parquet blobs are registered with size 0 (the entity does not carry it): fill it in. */
function recordSizes(ws: Workspace, sizes: Map<string, number>): void {
  const put = ws.db.prepare('UPDATE blobs SET size = ? WHERE sha256 = ? AND size = 0');
  for (const [sha, size] of sizes) put.run(size, sha);
}

// ---- push -----------------------------------------------------------------------------------

/** The same batch always gets the same key: a retry, even by a later run after a crash, is a replay. */
function idempotencyKey(ws: Workspace, changes: Change[]): string {
  const h = createHash('sha256').update(ws.id).update('\n');
  for (const c of changes) h.update(JSON.stringify(c)).update('\n');
  return h.digest('hex');
}

/**
 * A tombstone keeps naming blobs that `gc` may have removed here; the server needs none of
 * them to record a deletion, so those it would wait for in vain are left out.
 */
function pushable(ws: Workspace, c: Change): Change {
  if (!c.entity.deleted || !c.entity.blobs.length) return c;
  const files = new Map(blobFilesOf(c.entity).map((f) => [f.sha256, f.ext]));
  const blobs = c.entity.blobs.filter((sha) => existsSync(localBlobPath(ws, sha, files.get(sha) ?? 'las')));
  return blobs.length === c.entity.blobs.length ? c : { ...c, entity: { ...c.entity, blobs } };
}

export async function push(ws: Workspace, remoteName?: string, opts: SyncOptions = {}): Promise<PushReport> {
  const remote = getRemote(ws, remoteName);
  const api = apiFor(remote, opts);
  const report: PushReport = { remote: remote.name, pushed: 0, requests: 0, conflicts: tally(), blobsUploaded: 0, bytesUploaded: 0, blobsAlreadyThere: 0, queued: 0 };
  const batchSize = opts.batchSize ?? DEFAULTS.batchSize;
  return noted(ws, remote, () => withTransfers(new PushUploads(ws, api, report, opts), async (uploads) => {
    let previous = '';
    for (let round = 0; round <= MAX_PUSH_ROUNDS; round++) {
      const changes = pendingChanges(ws, batchSize * READ_AHEAD_BATCHES).map((c) => pushable(ws, c));
      if (!changes.length) break;
      // The same changes twice in a row means the last round moved nothing: stop rather than spin.
      const signature = changes.map((c) => `${c.entity.type}:${c.entity.id}:${c.entity.version}:${c.baseVersion}`).join(',');
      if (signature === previous) break;
      previous = signature;
      // Every batch's blobs are queued now; each batch is committed, in order, once its own are up.
      const batches: Change[][] = [];
      for (let i = 0; i < changes.length; i += batchSize) batches.push(changes.slice(i, i + batchSize));
      const blobsUp = batches.map((b) => uploads.forChanges(b));
      for (const p of blobsUp) p.catch(() => undefined);
      for (const [i, batch] of batches.entries()) {
        try {
          await blobsUp[i];
          await pushBatch(ws, api, remote, batch, report, opts, uploads);
        } catch (e) {
          noteOutboxFailure(ws, batch, e);
          throw e;
        }
      }
    }
    report.queued = outboxSize(ws);
    noteSuccess(ws, remote.name, 'push');
    return report;
  }));
}

/** Commits one batch whose blobs are on the server, then settles what came back as conflicts. */
async function pushBatch(ws: Workspace, api: WorkspaceApi, remote: Remote, changes: Change[], report: PushReport, opts: SyncOptions, uploads: PushUploads): Promise<void> {
  // The team settings ride along: the server records them if its workspace has none yet.
  const req = { idempotencyKey: idempotencyKey(ws, changes), changes, settings: teamSettingsOf(ws, remote.strategy) };
  let res: PushResponse = await api.push(req);
  report.requests++;
  // Blobs can vanish between `missing` and the push only if the server lost them; send them and push again.
  for (let again = 0; res.missingBlobs.length && again < 3; again++) {
    const files = new Map(changes.flatMap((c) => blobFilesOf(c.entity)).map((f) => [f.sha256, f]));
    await uploads.again(res.missingBlobs, files);
    res = await api.push(req);
    report.requests++;
  }
  if (res.missingBlobs.length) {
    throw new SyncError('blobs-not-accepted', `the server still lacks ${res.missingBlobs.length} blob(s) after they were uploaded (e.g. ${res.missingBlobs[0]}): nothing was pushed`);
  }
  markPushed(ws, changes, res.applied);
  report.pushed += res.applied.length;
  // The server's copy of a conflicting entity may name blobs we lack: fetch them first, so
  // taking the remote copy (now or later) never leaves a row without its data.
  if (res.conflicts.length) {
    await withTransfers(new PullDownloads(ws, api, { blobsDownloaded: 0, bytesDownloaded: 0 }, opts), (d) => d.forEntities(res.conflicts.map((c) => c.remote)));
  }
  for (const c of res.conflicts) count(report.conflicts, handleConflict(ws, c.remote, remote.strategy));
  advanceCursorPastOwnPush(ws, remote.name, changes, res);
}

/**
 * When nobody else pushed since our last pull, the sequence numbers this push took are the
 * only news on the server: skip them on the next pull (and `status` does not say "behind").
 */
function advanceCursorPastOwnPush(ws: Workspace, remoteName: string, changes: Change[], res: PushResponse): void {
  // A change that changed nothing keeps its base version and took no sequence number.
  const base = new Map(changes.map((c) => [`${c.entity.type}:${c.entity.id}`, c.baseVersion]));
  const taken = res.applied.filter((a) => a.version !== base.get(`${a.type}:${a.id}`)).length;
  if (!taken) return;
  const now = getRemote(ws, remoteName).pullCursor;
  if (now === res.cursor - taken) setPullCursor(ws, remoteName, res.cursor);
}

function noteOutboxFailure(ws: Workspace, changes: Change[], e: unknown): void {
  const msg = e instanceof Error ? e.message : String(e);
  const put = ws.db.prepare('UPDATE sync_outbox SET attempts = attempts + 1, last_error = ? WHERE entity = ? AND entity_id = ?');
  ws.db.transaction(() => { for (const c of changes) put.run(msg, c.entity.type, c.entity.id); })();
}

// ---- pull -----------------------------------------------------------------------------------

export async function pull(ws: Workspace, remoteName?: string, opts: SyncOptions = {}): Promise<PullReport> {
  const remote = getRemote(ws, remoteName);
  const api = apiFor(remote, opts);
  const report: PullReport = { remote: remote.name, received: 0, applied: 0, unchanged: 0, conflicts: tally(), blobsDownloaded: 0, bytesDownloaded: 0, cursor: remote.pullCursor, waiting: 0 };
  const pageSize = opts.pageSize ?? DEFAULTS.pageSize;
  return noted(ws, remote, () => withTransfers(new PullDownloads(ws, api, report, opts), async (downloads) => {
    // Blobs first: an applied entity never points at bytes the workspace does not have. The
    // next page is asked for, and its blobs queued, while this page's blobs still come in.
    const fetchPage = async (cursor: number, size = pageSize) => {
      const page = await downloads.queue.alongside(() => api.pull(cursor, size));
      report.received += page.changes.length;
      const blobs = downloads.forEntities(page.changes);
      blobs.catch(() => undefined);
      return { page, blobs };
    };
    let current = await fetchPage(remote.pullCursor, Math.min(pageSize, FIRST_PAGE_SIZE));
    while (true) {
      const { page } = current;
      const next = page.more && page.changes.length ? fetchPage(page.cursor) : null;
      next?.catch(() => undefined);
      const sizes = await current.blobs;
      // One transaction per page, cursor included: a crash mid-pull resumes at this page.
      // Nothing written while applying a page is to be queued by the triggers: rows from the
      // server are not ours to push, and a conflict settled for our copy queues it itself.
      applying(ws, () => {
        applyPage(ws, remote, page.changes, report);
        recordSizes(ws, sizes);
        setPullCursor(ws, remote.name, page.cursor);
      });
      report.cursor = page.cursor;
      if (!next) break;
      current = await next;
    }
    report.waiting = parkedCount(ws);
    noteSuccess(ws, remote.name, 'pull');
    return report;
  }));
}

/**
 * Applies a page, then what waited for a parent this page brought (and what waited for
 * those). A child whose parent is not in the workspace and not in the page waits for it (see
 * parked.ts); a newer copy of a waiting entity replaces it.
 */
function applyPage(ws: Workspace, remote: Remote, changes: PullResponse['changes'], report: PullReport): void {
  const fromPage = changes.map(({ seq, ...entity }) => ({ seq, entity }));
  // Our copies read once for the page; anything else (an entity twice in one page, one that
  // waited from an earlier page) is looked up as it goes in.
  const known = localStates(ws, fromPage.map((c) => c.entity));
  let parking = parkedCount(ws) > 0;
  let batch: ParkedEntity[] = fromPage;
  while (batch.length) {
    const waiting = mustWait(ws, batch.map((c) => c.entity));
    const applied: Entity[] = [];
    for (const c of batch) {
      const key = entityKey(c.entity.type, c.entity.id);
      const parent = waiting.get(key);
      if (parent !== undefined) {
        park(ws, remote.name, c, parent);
        parking = true;
        continue;
      }
      applyPulled(ws, c.entity, remote.strategy, report, known.get(key));
      known.delete(key);
      applied.push(c.entity);
    }
    if (!parking || !applied.length) break;
    unpark(ws, applied);
    batch = waitingFor(ws, applied.map((e) => entityKey(e.type, e.id)));
  }
}

function applyPulled(ws: Workspace, entity: Entity, strategy: Strategy, report: PullReport, known?: LocalState): void {
  const state = known ?? localState(ws, entity);
  const { local, queued } = state;
  if (local && local.syncedVersion < entity.version) {
    const { syncedVersion, ...mine } = local;
    if (queued && sameContent(mine, entity)) {
      // Our own push came back to us (its answer had been lost): it is done.
      markPushed(ws, [{ baseVersion: syncedVersion, entity: mine }], [{ type: entity.type, id: entity.id, version: entity.version }]);
      report.conflicts.ownChanges++;
      return;
    }
  }
  const outcome = applyRemoteEntity(ws, entity, state);
  if (outcome === 'applied') report.applied++;
  else if (outcome === 'unchanged') report.unchanged++;
  else count(report.conflicts, resolveByStrategy(ws, entity, strategy));
}

// ---- sync, status, clone --------------------------------------------------------------------

/** Pull, then push: conflicts show up (and are settled by the strategy) before anything is sent. */
export async function sync(ws: Workspace, remoteName?: string, opts: SyncOptions = {}): Promise<{ pull: PullReport; push: PushReport }> {
  const pulled = await pull(ws, remoteName, opts);
  const pushed = await push(ws, remoteName, opts);
  return { pull: pulled, push: pushed };
}

export async function status(ws: Workspace, remoteName?: string, opts: SyncOptions = {}): Promise<StatusReport> {
  const remote = getRemote(ws, remoteName);
  const api = apiFor(remote, { ...opts, retry: { attempts: 1, ...opts.retry } });
  let head: number | null = null;
  let error: string | null = null;
  try {
    head = await api.head();
  } catch (e) {
    if (!(e instanceof SyncHttpError)) throw e;
    error = e.message;
  }
  return {
    remote: remote.name, url: remote.url, strategy: remote.strategy, reachable: head !== null, error,
    loggedInAs: api.http.loggedInAs ?? null,
    ahead: outboxSize(ws), behind: head === null ? null : Math.max(0, head - remote.pullCursor), head, cursor: remote.pullCursor,
    conflicts: openConflicts(ws).length, waiting: parkedCount(ws), lastPullAt: remote.lastPullAt, lastPushAt: remote.lastPushAt, lastError: remote.lastError,
  };
}

export interface CloneResult {
  root: string;
  remote: string;
  workspace: string;
  /** The team settings the new workspace took (null: the server has none, defaults used). */
  settings: TeamSettings | null;
  pull: PullReport;
}

/**
 * Makes a new workspace in `dir` (default: the workspace's name) with remote 'origin' and
 * pulls everything. The workspace takes the team's settings (depth grid, conflict strategy:
 * see team-settings.ts). Checks access first, so a typo or a missing login creates nothing. A
 * clone cut short keeps what it has: `dataforge pull` in it carries on.
 */
export async function clone(url: string, dir?: string, opts: SyncOptions & { actor?: string } = {}): Promise<CloneResult> {
  const parsed = parseRemoteUrl(url);
  const root = resolve(dir ?? parsed.workspace);
  if (existsSync(root) && (!statSync(root).isDirectory() || readdirSync(root).length > 0)) {
    throw new SyncError('clone-target-not-empty', `${root} exists and is not an empty folder: clone into a new folder`);
  }
  const api = apiFor(parsed, opts);
  await api.info();
  const settings = (await api.teamSettings())?.settings ?? null;
  const ws = Workspace.init(root, { actor: opts.actor, settings: settings ? workspaceSettingsFrom(settings) : undefined });
  try {
    addRemote(ws, 'origin', parsed.url, settings?.conflictStrategy);
    const report = await pull(ws, 'origin', opts);
    return { root: ws.layout.root, remote: 'origin', workspace: parsed.workspace, settings, pull: report };
  } finally {
    ws.close();
  }
}
