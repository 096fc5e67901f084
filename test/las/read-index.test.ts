/**
 * The depth (or time) index: its unit, direction and regularity, and the header's
 * STRT/STOP/STEP checked against the data.
 */
import { describe, it, expect } from 'vitest';
import { readLas } from '../../src/las/read.js';
import { lasErrorOf, lineOf, lines, problems } from './read-helpers.js';

/** A LAS 2.0 file with index `DEPT.<unit>` (or another mnemonic) and the given index values. */
function indexFile(index: number[], opts: { unit?: string; mnemonic?: string; strt?: string; stop?: string; step?: string } = {}): string {
  const unit = opts.unit ?? 'M';
  const well = [
    opts.strt !== undefined ? ` STRT.${unit} ${opts.strt} : START` : null,
    opts.stop !== undefined ? ` STOP.${unit} ${opts.stop} : STOP` : null,
    opts.step !== undefined ? ` STEP.${unit} ${opts.step} : STEP` : null,
  ].filter((l): l is string => l !== null);
  return lines(
    '~Version', ' VERS. 2.0 : CWLS', ' WRAP. NO :',
    '~Well', ...well, ' NULL. -999.25 : NULL',
    '~Curve', ` ${opts.mnemonic ?? 'DEPT'}.${unit} : index`, ' GR.GAPI : gamma',
    '~A', ...index.map((d, i) => `${d} ${i + 10}`),
  );
}

describe('index units', () => {
  it.each([
    ['F', 'ft'], ['FT', 'ft'], ['FEET', 'ft'], ['ft', 'ft'], ['M', 'm'], ['METERS', 'm'], ['m', 'm'], ['METRES', 'm'],
  ] as const)('depth unit %s is %s', (unit, canonical) => {
    const las = readLas(indexFile([100, 101], { unit }));
    expect(las.index).toMatchObject({ mnemonic: 'DEPT', unit, canonicalUnit: canonical, kind: 'depth' });
  });

  // `DEPT..1IN` with no space is ambiguous with `Cond..MS/M` (a mnemonic ending in a period);
  // real files that use .1IN write the mnemonic padded, as here.
  it('reads the .1IN unit written after a padded mnemonic (DEPT  ..1IN)', () => {
    const text = indexFile([986904, 986892], { unit: '.1IN' }).replace(' DEPT..1IN', ' DEPT  ..1IN');
    expect(readLas(text).index).toMatchObject({ unit: '.1IN', canonicalUnit: '0.1 in', kind: 'depth' });
  });

  it.each([
    ['S', 's'], ['MS', 'ms'], ['SEC', 's'],
  ] as const)('time unit %s makes a time index in %s', (unit, canonical) => {
    const las = readLas(indexFile([0, 1, 2], { unit, mnemonic: 'TIME' }));
    expect(las.index).toMatchObject({ mnemonic: 'TIME', unit, canonicalUnit: canonical, kind: 'time' });
  });

  it('knows a time index by its mnemonic even with a unit it does not know', () => {
    expect(readLas(indexFile([0, 5], { unit: 'TICKS', mnemonic: 'TIME' })).index).toMatchObject({ kind: 'time', canonicalUnit: null });
  });

  it('leaves an unknown unit unknown rather than guessing', () => {
    expect(readLas(indexFile([1, 2], { unit: 'FURLONG' })).index).toMatchObject({ unit: 'FURLONG', canonicalUnit: null });
  });
});

describe('direction and regularity', () => {
  it('increasing and regular', () => {
    const las = readLas(indexFile([1000, 1000.5, 1001, 1001.5]));
    expect(las.index).toMatchObject({ direction: 'increasing', regular: true, step: 0.5, first: 1000, last: 1001.5 });
  });

  it('decreasing and regular, with a negative step', () => {
    const las = readLas(indexFile([1670, 1669.875, 1669.75, 1669.625]));
    expect(las.index).toMatchObject({ direction: 'decreasing', regular: true, step: -0.125, first: 1670, last: 1669.625 });
  });

  it('regular despite binary rounding of a step like 0.1524', () => {
    const depths = Array.from({ length: 500 }, (_, i) => Number((1999.9452 + i * 0.1524).toFixed(4)));
    const las = readLas(indexFile(depths));
    expect(las.index?.regular).toBe(true);
    expect(las.index?.step).toBeCloseTo(0.1524, 9);
  });

  it('irregular: no step', () => {
    const las = readLas(indexFile([100, 100.5, 101.5, 101.6]));
    expect(las.index).toMatchObject({ direction: 'increasing', regular: false, step: null, first: 100, last: 101.6 });
  });

  it('constant index (every row at one depth)', () => {
    expect(readLas(indexFile([5, 5, 5])).index).toMatchObject({ direction: 'constant', regular: false });
  });

  it('going up and down is reported as a warning', () => {
    const text = indexFile([100, 101, 100.5, 102]);
    const las = readLas(text);
    expect(las.index?.direction).toBe('mixed');
    expect(problems(las, 'index-not-monotonic')[0]).toMatchObject({ severity: 'warning', line: lineOf(text, '~A') });
  });

  it('one row: first = last, no step', () => {
    expect(readLas(indexFile([42])).index).toMatchObject({ first: 42, last: 42, regular: false, step: null });
  });

  it('no rows: an empty index', () => {
    expect(readLas(indexFile([])).index).toMatchObject({ direction: 'empty', first: null, last: null });
  });
});

describe('STRT / STOP / STEP against the data', () => {
  it('agreeing header: no problems', () => {
    const las = readLas(indexFile([1670, 1669.875, 1669.75], { strt: '1670.0000', stop: '1669.7500', step: '-0.1250' }));
    expect(las.problems).toEqual([]);
  });

  it('STEP 0 (irregular sampling declared) is accepted with regular or irregular data', () => {
    expect(readLas(indexFile([1, 2, 3], { strt: '1', stop: '3', step: '0' })).problems).toEqual([]);
    expect(readLas(indexFile([1, 2, 4, 7], { strt: '1', stop: '7', step: '0' })).problems).toEqual([]);
  });

  it('STRT that disagrees: a warning on the STRT line, the data wins', () => {
    const text = indexFile([100, 101], { strt: '99', stop: '101', step: '1' });
    const las = readLas(text);
    const p = problems(las, 'strt-mismatch');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ severity: 'warning', line: lineOf(text, 'STRT.') });
    expect(las.index?.first).toBe(100);
  });

  it('STOP that disagrees: a warning on the STOP line', () => {
    const text = indexFile([100, 101, 102], { strt: '100', stop: '200', step: '1' });
    expect(problems(readLas(text), 'stop-mismatch')[0]).toMatchObject({ severity: 'warning', line: lineOf(text, 'STOP.') });
  });

  it('STEP that disagrees (size or sign): a warning on the STEP line', () => {
    const size = indexFile([100, 100.25, 100.5], { strt: '100', stop: '100.5', step: '0.5' });
    expect(problems(readLas(size), 'step-mismatch')[0]).toMatchObject({ severity: 'warning', line: lineOf(size, 'STEP.') });
    const sign = indexFile([100, 100.5, 101], { strt: '100', stop: '101', step: '-0.5' });
    expect(problems(readLas(sign), 'step-mismatch')[0]).toMatchObject({ severity: 'warning', line: lineOf(sign, 'STEP.') });
  });

  it('a STEP given for irregular data is noted on the STEP line', () => {
    const text = indexFile([1, 2, 4, 7], { strt: '1', stop: '7', step: '1' });
    const las = readLas(text);
    const notes = las.problems.filter((p) => p.line === lineOf(text, 'STEP.'));
    expect(notes.length).toBeGreaterThan(0);
  });

  it('strict mode refuses a header that disagrees with the data, naming the line', () => {
    const text = indexFile([100, 101], { strt: '99', stop: '101', step: '1' });
    const err = lasErrorOf(() => readLas(text, { strict: true }));
    expect(err.line).toBe(lineOf(text, 'STRT.'));
    expect(err.code).toBe('strt-mismatch');
  });
});
