import { LasEngine, type EngineOptions } from './engine.js';
import { asLasError } from './read.js';
import type { CurveValues, LasDataSet, LasFile } from './model.js';

export interface StreamOptions extends Omit<EngineOptions, 'chunkRows'> {
  /** Rows per chunk event (default 65,536). */
  chunkRows?: number;
}

export type LasStreamEvent =
  /** A data section begins; its curves are defined (their `data` is empty). */
  | { type: 'set'; set: LasDataSet }
  /** Rows `firstRow .. firstRow+rows-1` of a set, one array per curve in curve order. */
  | { type: 'chunk'; set: LasDataSet; firstRow: number; rows: number; columns: CurveValues[] }
  /** The whole header and every problem; curves' `data` are empty, `nRows` are final. */
  | { type: 'end'; las: LasFile };

/**
 * Reads a LAS file from a stream of byte chunks in bounded memory: data arrives as
 * chunks of columns instead of being kept. Works with any async iterable of bytes,
 * e.g. Node's `fs.createReadStream(path)` or a browser `ReadableStream`.
 */
export async function* streamLas(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: StreamOptions = {},
): AsyncGenerator<LasStreamEvent> {
  const queue: LasStreamEvent[] = [];
  const engine = new LasEngine(
    { ...options, chunkRows: options.chunkRows ?? 65536 },
    {
      onDataStart: (set) => queue.push({ type: 'set', set }),
      onRows: (set, columns, firstRow, rows) => queue.push({ type: 'chunk', set, firstRow, rows, columns }),
    },
  );
  // Only the parser's own failures become LasErrors; an error from the source (a disk
  // error, a closed socket) is the caller's and passes through unchanged.
  const parse = <T>(step: () => T): T => {
    try {
      return step();
    } catch (err) {
      throw asLasError(err, options.fileName);
    }
  };
  for await (const bytes of source) {
    parse(() => engine.push(bytes));
    while (queue.length) yield queue.shift()!;
  }
  const las = parse(() => engine.end());
  while (queue.length) yield queue.shift()!;
  yield { type: 'end', las };
}
