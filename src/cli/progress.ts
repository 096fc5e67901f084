/**
 * A one-line progress bar on stderr for long work (big files, many files). It draws only
 * when asked to (the caller checks that stderr is a terminal and no --json was given), so
 * piped and machine output never carries it.
 */
export interface Progress {
  /** `done` in the same unit as `total`; `bytes` for the speed readout, when known. */
  update(done: number, bytes?: number): void;
  /** Wipes the bar so a normal line can be printed; the next update redraws it. */
  clear(): void;
  /** Wipes the bar for good. */
  finish(): void;
  /** New label and total, for work that learns its size as it goes (the next draw shows them). */
  retarget(label: string, total?: number): void;
}

export interface ProgressOptions {
  label: string;
  /** Unknown totals show a running count instead of a bar. */
  total?: number;
  enabled: boolean;
  stream?: NodeJS.WriteStream;
}

const REDRAW_MS = 100;
const BAR_WIDTH = 24;

const NO_PROGRESS: Progress = { update() {}, clear() {}, finish() {}, retarget() {} };

export function createProgress(options: ProgressOptions): Progress {
  if (!options.enabled) return NO_PROGRESS;
  const opts = { ...options };
  const stream = opts.stream ?? process.stderr;
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  const draw = (done: number, bytes?: number) => {
    const parts = [opts.label];
    if (opts.total && opts.total > 0) {
      const f = Math.min(1, done / opts.total);
      const filled = Math.round(f * BAR_WIDTH);
      parts.push(`[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`, `${(f * 100).toFixed(0).padStart(3)}%`);
    }
    if (bytes !== undefined) {
      const secs = Math.max((Date.now() - started) / 1000, 1e-3);
      parts.push(`${(bytes / 1e6).toFixed(1)} MB`, `${(bytes / 1e6 / secs).toFixed(0)} MB/s`);
    }
    // A pseudo-terminal may report 0 columns.
    const width = stream.columns && stream.columns > 20 ? stream.columns : 80;
    stream.write(`\r${parts.join('  ').slice(0, width - 1)}\x1b[K`);
    drawn = true;
  };
  const wipe = () => {
    if (drawn) stream.write('\r\x1b[K');
    drawn = false;
  };
  return {
    update(done, bytes) {
      const now = Date.now();
      if (now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      draw(done, bytes);
    },
    clear: wipe,
    finish: wipe,
    retarget(label, total) {
      opts.label = label;
      opts.total = total;
    },
  };
}
