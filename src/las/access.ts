import type { HeaderItem, LasCurve, LasDataSet, LasFile } from './model.js';

/**
 * The "Log" set (LAS 2's ~C/~A); when a LAS 3.0 file has none with curves (e.g. only
 * ~Log_Parameter, or only a ~Lithology set), the first set that has curves.
 */
export function logSet(las: LasFile): LasDataSet | undefined {
  const log = las.sets.find((s) => s.name.toUpperCase() === 'LOG');
  if (log && log.curves.length) return log;
  return las.sets.find((s) => s.curves.length) ?? log ?? las.sets[0];
}

export function getSet(las: LasFile, name: string): LasDataSet | undefined {
  const want = name.toUpperCase();
  return las.sets.find((s) => s.name.toUpperCase() === want);
}

/**
 * A curve by its key (`GR`, or `GR:2` for the second GR), case-insensitive,
 * from the Log set unless a set is named (`Core.GR` also works).
 */
export function getCurve(las: LasFile, key: string, setName?: string): LasCurve | undefined {
  let set = setName ? getSet(las, setName) : logSet(las);
  let k = key;
  if (!setName && key.includes('.')) {
    const dot = key.indexOf('.');
    const named = getSet(las, key.slice(0, dot));
    if (named) { set = named; k = key.slice(dot + 1); }
  }
  if (!set) return undefined;
  const want = k.toUpperCase();
  return set.curves.find((c) => c.mnemonic.toUpperCase() === want);
}

export function headerItem(items: HeaderItem[], mnemonic: string): HeaderItem | undefined {
  const want = mnemonic.toUpperCase();
  return items.find((i) => i.mnemonic.toUpperCase() === want);
}

export function headerValue(items: HeaderItem[], mnemonic: string): string | undefined {
  return headerItem(items, mnemonic)?.value;
}

/** A header value as a number, or undefined when absent or not a number. */
export function headerNumber(items: HeaderItem[], mnemonic: string): number | undefined {
  const v = headerValue(items, mnemonic);
  if (v === undefined) return undefined;
  const n = Number(v.trim());
  return v.trim() !== '' && Number.isFinite(n) ? n : undefined;
}
