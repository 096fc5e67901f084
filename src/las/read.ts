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

/** Anything unexpected becomes a LasError that still names the file, so callers handle one type. */
export function asLasError(err: unknown, fileName?: string): LasError {
  if (err instanceof LasError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new LasError('internal', `the reader failed unexpectedly: ${message}`, { file: fileName });
}
