import { LasError } from './errors.js';
import type { LasProblem } from './model.js';

/** Most problems of one kind listed in full before the rest are only counted. */
const LISTED_PER_CODE = 10;

/**
 * Collects graded problems. In strict mode the first warning or error refuses the file.
 * A file with 100,000 short rows yields ten located problems and one count, not 100,000.
 */
export class ProblemLog {
  readonly problems: LasProblem[] = [];
  private readonly counts = new Map<string, { n: number; severity: LasProblem['severity'] }>();

  constructor(private readonly strict: boolean, private readonly fileName?: string) {}

  add(p: LasProblem): void {
    if (this.strict && p.severity !== 'info') {
      throw new LasError(p.code, `${p.message} (strict mode refuses recoveries; read without --strict to recover)`, { file: this.fileName, line: p.line, column: p.column }, [...this.problems, p]);
    }
    const c = this.counts.get(p.code) ?? { n: 0, severity: p.severity };
    c.n++;
    this.counts.set(p.code, c);
    if (c.n <= LISTED_PER_CODE) this.problems.push(p);
  }

  /** Problems in file order, plus one line per kind that had more than could be listed. */
  finish(): LasProblem[] {
    const out = [...this.problems];
    for (const [code, c] of this.counts) {
      if (c.n > LISTED_PER_CODE) out.push({ severity: c.severity, code, message: `${c.n - LISTED_PER_CODE} more '${code}' problems like the above were not listed (${c.n} in all)` });
    }
    return out;
  }

  fatal(code: string, message: string, line?: number, column?: number): LasError {
    const p: LasProblem = { severity: 'error', code, message, line, column };
    return new LasError(code, message, { file: this.fileName, line, column }, [...this.problems, p]);
  }
}
