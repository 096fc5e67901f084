/**
 * DataForge's LAS engine: read, validate and write LAS 1.2, 2.0 and 3.0.
 * Pure TypeScript with no Node APIs, so it runs in the browser too.
 *
 * @example
 * import { readLas, writeLas, getCurve } from 'dataforge/las';
 * const las = readLas(bytes, { fileName: 'well.las' });
 * const gr = getCurve(las, 'GR');
 * const text = writeLas(las, { version: '3.0' });
 */
export * from './model.js';
export { LasError } from './errors.js';
export { NULL_POLICIES, resolveNullPolicy, parseNullPolicySpec } from './null-policy.js';
export type { NullPolicy, NullPolicyName, NullPolicyInput } from './null-policy.js';
export { readLas } from './read.js';
export type { ReadOptions } from './read.js';
export { streamLas } from './stream.js';
export type { StreamOptions, LasStreamEvent } from './stream.js';
export { getCurve, getSet, logSet, headerItem, headerValue, headerNumber } from './access.js';
export { writeLas, writeLasChunks } from './write.js';
export type { WriteOptions } from './write.js';
export { generateLas, generateLasChunks } from './generate.js';
export type { GenerateOptions } from './generate.js';
