import type { IndexInfo } from './model.js';

/** Depth/time index units as LAS files spell them → canonical unit. */
const INDEX_UNITS: Record<string, NonNullable<IndexInfo['canonicalUnit']>> = {
  M: 'm', METER: 'm', METERS: 'm', METRE: 'm', METRES: 'm',
  F: 'ft', FT: 'ft', FEET: 'ft', FOOT: 'ft', FET: 'ft', 'USFT': 'ft', 'FT_US': 'ft',
  '.1IN': '0.1 in', '0.1IN': '0.1 in', '.1 IN': '0.1 in',
  S: 's', SEC: 's', SECS: 's', SECOND: 's', SECONDS: 's',
  MS: 'ms', MSEC: 'ms', MSECS: 'ms', MILLISECONDS: 'ms',
  MIN: 'min', MINS: 'min', MINUTES: 'min',
  H: 'h', HR: 'h', HRS: 'h', HOUR: 'h', HOURS: 'h',
};

export function canonicalIndexUnit(unit: string): IndexInfo['canonicalUnit'] {
  return INDEX_UNITS[unit.trim().toUpperCase()] ?? null;
}

const TIME_MNEMONICS = /^(TIME|ETIM|ETIME|DATETIME|TIM|SECONDS|TIME_\w*)$/i;

/** Follows the index column row by row, so a streamed file needs no second pass. */
export class IndexTracker {
  private n = 0;
  private first = NaN;
  private prev = NaN;
  private step = NaN;
  private regular = true;
  private dir: 'increasing' | 'decreasing' | 'constant' | 'mixed' | null = null;

  add(x: number): void {
    if (Number.isNaN(x)) { this.regular = false; this.n++; return; }
    if (!Number.isNaN(this.prev)) {
      const d = x - this.prev;
      const dir = d > 0 ? 'increasing' : d < 0 ? 'decreasing' : 'constant';
      if (this.dir === null) this.dir = dir;
      else if (this.dir !== dir) this.dir = 'mixed';
      if (Number.isNaN(this.step)) this.step = d;
      else if (Math.abs(d - this.step) > 1e-9 * Math.max(1, Math.abs(this.step), Math.abs(x))) this.regular = false;
    }
    if (Number.isNaN(this.first)) this.first = x;
    this.prev = x;
    this.n++;
  }

  info(mnemonic: string, unit: string): IndexInfo {
    const canonicalUnit = canonicalIndexUnit(unit);
    const kind = canonicalUnit === 's' || canonicalUnit === 'ms' || canonicalUnit === 'min' || canonicalUnit === 'h' || TIME_MNEMONICS.test(mnemonic)
      ? 'time'
      : canonicalUnit !== null || /^(DEPT|DEPTH|MD|TVD|TVDSS|DEP|DMEA|MDEPTH|BDEP)/i.test(mnemonic) ? 'depth' : 'other';
    const direction = this.n === 0 ? 'empty' : this.dir === null ? 'constant' : this.dir;
    const regular = this.n > 1 && this.regular && this.dir !== 'mixed' && this.dir !== 'constant';
    return {
      mnemonic, unit, canonicalUnit, kind,
      direction,
      regular,
      // x - prev carries float noise (0.15239999999994325); 12 significant digits is the data's own precision.
      step: regular ? Number(this.step.toPrecision(12)) : null,
      first: Number.isNaN(this.first) ? null : this.first,
      last: Number.isNaN(this.prev) ? null : this.prev,
    };
  }

  /** True when the index goes both up and down (not monotonic). */
  get nonMonotonic(): boolean {
    return this.dir === 'mixed';
  }
}
