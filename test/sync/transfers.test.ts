/**
 * The transfer queue: a push's or pull's blobs go at most N on the wire at once, in the order
 * they were queued; a transfer whose bytes are done gives its turn back while it waits for its
 * fsync or answer; after a failure nothing new starts and the caller can wait for the rest.
 */
import { describe, expect, it } from 'vitest';
import { progressTracker, TransferCancelled, TransferQueue } from '../../src/sync/transfers.js';
import type { TransferProgress } from '../../src/sync/client.js';

/** A transfer the test finishes by hand: `bytesDone` gives its turn back, `finish` ends it. */
function manual(log: string[], name: string) {
  let release!: () => void;
  let finish!: (ok: boolean) => void;
  const fn = (r: () => void) => {
    log.push(`start ${name}`);
    release = r;
    return new Promise<string>((resolve, reject) => { finish = (ok) => (ok ? resolve(name) : reject(new Error(`${name} failed`))); });
  };
  return { fn, bytesDone: () => release(), finish: (ok = true) => finish(ok) };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('TransferQueue', () => {
  it('runs at most `limit` at once, in the order queued', async () => {
    const log: string[] = [];
    const q = new TransferQueue(2);
    const t = ['a', 'b', 'c', 'd'].map((n) => manual(log, n));
    const done = t.map((x) => q.run(x.fn));
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    t[1].finish();
    await tick();
    expect(log).toEqual(['start a', 'start b', 'start c']);
    t[0].finish();
    t[2].finish();
    await tick();
    t[3].finish();
    expect(await Promise.all(done)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('starts the next transfer when one\'s bytes are done, up to `outstanding` under way', async () => {
    const log: string[] = [];
    const q = new TransferQueue(1, { outstanding: 2 });
    const t = ['a', 'b', 'c'].map((n) => manual(log, n));
    const done = t.map((x) => q.run(x.fn));
    await tick();
    expect(log).toEqual(['start a']);
    // a's bytes are sent: b may use the wire while a waits for its answer.
    t[0].bytesDone();
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    // b's bytes too, but two are under way (a and b): c waits for one of them to end.
    t[1].bytesDone();
    t[1].bytesDone(); // a second call changes nothing
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    t[0].finish();
    await tick();
    expect(log).toEqual(['start a', 'start b', 'start c']);
    t[1].finish();
    t[2].finish();
    expect(await Promise.all(done)).toEqual(['a', 'b', 'c']);
  });

  it('after cancel, transfers not started reject and new ones are refused; settled waits for those running', async () => {
    const log: string[] = [];
    const q = new TransferQueue(1);
    const t = ['a', 'b'].map((n) => manual(log, n));
    const a = q.run(t[0].fn);
    const b = q.run(t[1].fn);
    await tick();
    t[0].finish(false);
    await expect(a).rejects.toThrow('a failed');
    // b started when a ended; the caller now gives up.
    q.cancel();
    await expect(q.run(async () => 'late')).rejects.toBeInstanceOf(TransferCancelled);
    let settled = false;
    const waiting = q.settled().then(() => { settled = true; });
    await tick();
    expect(settled).toBe(false);
    t[1].finish();
    await waiting;
    expect(await b).toBe('b');
  });

  it('rejects what is still waiting when cancelled', async () => {
    const log: string[] = [];
    const q = new TransferQueue(1);
    const t = ['a', 'b'].map((n) => manual(log, n));
    const a = q.run(t[0].fn);
    const b = q.run(t[1].fn);
    q.cancel();
    await expect(b).rejects.toBeInstanceOf(TransferCancelled);
    t[0].finish();
    expect(await a).toBe('a');
    await q.settled();
    expect(log).toEqual(['start a']);
  });

  it('waits for requests alongside the transfers, takes no turn for them, and refuses new ones once cancelled', async () => {
    const log: string[] = [];
    const q = new TransferQueue(1);
    let answer!: () => void;
    const asked = q.alongside(() => new Promise<string>((r) => { answer = () => r('pages'); }));
    const t = manual(log, 'a');
    const a = q.run(t.fn);
    await tick();
    expect(log).toEqual(['start a']);
    t.finish();
    expect(await a).toBe('a');
    q.cancel();
    await expect(q.alongside(async () => 'late')).rejects.toBeInstanceOf(TransferCancelled);
    let settled = false;
    const waiting = q.settled().then(() => { settled = true; });
    await tick();
    expect(settled).toBe(false);
    answer();
    await waiting;
    expect(await asked).toBe('pages');
  });

  it('a transfer that throws at once frees its turn', async () => {
    const q = new TransferQueue(1);
    await expect(q.run(() => { throw new Error('bad'); })).rejects.toThrow('bad');
    expect(await q.run(async () => 'next')).toBe('next');
  });
});

describe('progressTracker', () => {
  it('keeps one total as blobs are added, and counts each blob\'s bytes once', () => {
    const seen: TransferProgress[] = [];
    const p = progressTracker('upload', new Map([['a', 10]]), { onProgress: (x) => seen.push(x) });
    p.add(new Map([['b', 5], ['a', 10]]));
    p.bytes('a', 4);
    p.bytes('a', 10);
    p.finished('a', 10);
    p.finished('b', 5);
    expect(seen.at(0)).toEqual({ direction: 'upload', bytesDone: 0, bytesTotal: 10, blobsDone: 0, blobsTotal: 1 });
    expect(seen.at(1)).toMatchObject({ bytesTotal: 15, blobsTotal: 2 });
    expect(seen.at(-1)).toEqual({ direction: 'upload', bytesDone: 15, bytesTotal: 15, blobsDone: 2, blobsTotal: 2 });
  });
});
