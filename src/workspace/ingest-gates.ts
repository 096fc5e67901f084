/**
 * Small gates for running several ingests at once without letting them trip over each
 * other: a turn-taking queue (one at a time, first come first served) and per-key queues
 * (files of one well one after another, in the order they were queued).
 */

/** One holder at a time, in the order `run` was called. */
export class TurnQueue {
  private tail: Promise<void> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const before = this.tail;
    let done!: () => void;
    this.tail = new Promise<void>((resolve) => { done = resolve; });
    return before.then(fn).finally(done);
  }
}

export interface KeyTurn {
  /** Settles when every earlier holder of the key is done. */
  ready: Promise<void>;
  done(): void;
}

/** A queue per key: a holder's turn comes when the key's earlier holders are done. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  enqueue(key: string): KeyTurn {
    const ready = this.tails.get(key) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => { done = resolve; });
    this.tails.set(key, mine);
    return {
      ready,
      done: () => {
        done();
        if (this.tails.get(key) === mine) this.tails.delete(key);
      },
    };
  }
}
