import { once } from 'node:events';

/** stdout was closed by its reader (e.g. `| head`): stop quietly, nothing is wrong. */
export class OutputClosed extends Error {
  override readonly name = 'OutputClosed';
}

const isEpipe = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code === 'EPIPE';

/** Writes to stdout, waiting when the pipe is full so huge outputs stay in bounded memory. */
export async function out(text: string): Promise<void> {
  try {
    if (!process.stdout.write(text)) await once(process.stdout, 'drain');
  } catch (e) {
    if (isEpipe(e)) throw new OutputClosed('stdout closed');
    throw e;
  }
}

/**
 * A closed pipe can also surface later as an 'error' event on stdout, which would crash the
 * process; end quietly instead. Returns a function that removes the guard.
 */
export function guardStdout(exitCode: () => number): () => void {
  const onError = (e: unknown) => {
    if (isEpipe(e)) process.exit(exitCode());
    throw e;
  };
  process.stdout.on('error', onError);
  return () => process.stdout.off('error', onError);
}

/** One line on stderr, prefixed so it is clear who is talking. */
export function err(line: string): void {
  process.stderr.write(`dataforge: ${line}\n`);
}

/** Progress bars only make sense for a person watching a terminal. */
export function stderrIsTty(): boolean {
  return !!process.stderr.isTTY;
}
