/**
 * readLasInSlices must give exactly what readLas gives, pausing between slices so a caller's
 * event loop can run, and fail with the same LasError.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { generateLasChunks } from '../../src/las/generate.js';
import { LasError } from '../../src/las/errors.js';
import { readLas, readLasInSlices } from '../../src/las/read.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/las/${name}`, import.meta.url)));
const generated = (opts: Parameters<typeof generateLasChunks>[0]): Uint8Array => new TextEncoder().encode([...generateLasChunks(opts)].join(''));

async function sliced(bytes: Uint8Array, fileName = 'x.las'): Promise<{ las: Awaited<ReturnType<typeof readLasInSlices>>; pauses: number }> {
  let pauses = 0;
  const las = await readLasInSlices(bytes, { fileName }, async () => { pauses++; });
  return { las, pauses };
}

describe('readLasInSlices', () => {
  it.each([
    ['a 2 MB LAS 2.0 log', generated({ rows: 20_000, curves: 12, seed: 3 })],
    ['a wrapped LAS 2.0 log', generated({ rows: 8_000, curves: 10, seed: 4, wrap: true })],
    ['a LAS 3.0 file with several sets', generated({ rows: 12_000, curves: 8, seed: 5, version: '3.0' })],
    ['a small fixture', fixture('reader-sample-2.0.las')],
    ['a LAS 3.0 fixture', fixture('reader-sets-3.0.las')],
  ])('reads %s exactly as readLas does', async (_name, bytes) => {
    const { las, pauses } = await sliced(bytes);
    expect(las).toEqual(readLas(bytes, { fileName: 'x.las' }));
    if (bytes.length > 512 * 1024) expect(pauses).toBeGreaterThan(1);
  });

  it('reads a file with CR line ends (no line feed to cut at)', async () => {
    const bytes = new TextEncoder().encode(new TextDecoder().decode(generated({ rows: 6_000, curves: 6, seed: 6 })).replace(/\n/g, '\r'));
    expect((await sliced(bytes)).las).toEqual(readLas(bytes, { fileName: 'x.las' }));
  });

  it('fails with the LasError readLas fails with', async () => {
    const bytes = new TextEncoder().encode('no sections here\n'.repeat(40_000));
    let expected: unknown;
    try { readLas(bytes, { fileName: 'bad.las' }); } catch (err) { expected = err; }
    expect(expected).toBeInstanceOf(LasError);
    await expect(readLasInSlices(bytes, { fileName: 'bad.las' }, async () => {})).rejects.toThrow((expected as Error).message);
  });
});
