import { LasEngine, type EngineOptions } from './engine.js';
import { LasError } from './errors.js';
import type { LasFile } from './model.js';

export type ReadOptions = Omit<EngineOptions, 'chunkRows' | 'sizeHint'>;

/**
 * Reads a whole LAS file (bytes, or text already decoded) into a model.
 * Lenient by default: recoveries are reported in `problems`; `strict` refuses them.
 * Throws only {@link LasError}, always with a location.
 */
export function readLas(input: Uint8Array | string, options: ReadOptions = {}): LasFile {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const opts = typeof input === 'string' ? { ...options, encoding: 'utf-8' } : options;
  try {
    const engine = new LasEngine({ ...opts, sizeHint: bytes.length });
    engine.push(bytes);
    return engine.end();
  } catch (err) {
    throw asLasError(err, options.fileName);
  }
}

/** Bytes parsed between pauses in {@link readLasInSlices}: a few milliseconds of work. */
const SLICE_BYTES = 256 * 1024;

/**
 * {@link readLas} in slices, awaiting `pause()` between them so a caller's event loop keeps
 * turning while a large file parses (the engine stays pure: the caller says how to pause,
 * e.g. with setImmediate). Same model as readLas for the same bytes. Slices end at a line
 * feed where there is one, so the engine rarely carries a partial line over.
 */
export async function readLasInSlices(bytes: Uint8Array, options: ReadOptions, pause: () => Promise<void>): Promise<LasFile> {
  let engine: LasEngine;
  try {
    engine = new LasEngine({ ...options, sizeHint: bytes.length });
  } catch (err) {
    throw asLasError(err, options.fileName);
  }
  let at = 0;
  while (at < bytes.length) {
    let end = Math.min(bytes.length, at + SLICE_BYTES);
    if (end < bytes.length) {
      const lf = bytes.lastIndexOf(10, end - 1);
      if (lf >= at) end = lf + 1;
    }
    try {
      engine.push(bytes.subarray(at, end));
    } catch (err) {
      throw asLasError(err, options.fileName);
    }
    at = end;
    if (at < bytes.length) await pause();
  }
  try {
    return engine.end();
  } catch (err) {
    throw asLasError(err, options.fileName);
  }
}

/** Anything unexpected becomes a LasError that still names the file, so callers handle one type. */
export function asLasError(err: unknown, fileName?: string): LasError {
  if (err instanceof LasError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new LasError('internal', `the reader failed unexpectedly: ${message}`, { file: fileName });
}
