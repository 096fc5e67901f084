import { DictionaryError } from '../dictionary/errors.js';
import { LasError } from '../las/errors.js';
import { UnitError } from '../units/errors.js';
import { WorkspaceError } from '../workspace/errors.js';

/** A bad argument or an unusable path: the user can fix it, so the exit code is 1. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly file?: string;

  constructor(message: string, file?: string) {
    super(message);
    this.file = file;
  }
}

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_INTERNAL = 2;

/** Errors a user can act on (exit 1); anything else is our bug (exit 2). */
export function isBadInput(err: unknown): err is CliError | LasError | WorkspaceError | UnitError | DictionaryError {
  return err instanceof CliError || err instanceof LasError || err instanceof WorkspaceError || err instanceof UnitError || err instanceof DictionaryError;
}

/** What to do about a LasError, when its message does not already say. */
function lasHint(err: LasError): string {
  if (err.code.startsWith('encoding')) return ' (name the encoding with --encoding, e.g. --encoding cp1251)';
  return '';
}

/** One line for stderr that names the file, the line when known, and what to do. */
export function errorLine(err: unknown): string {
  if (err instanceof LasError) {
    // A LasError without a file (e.g. a bad forced encoding) is still tied to the file being read.
    return `${err.message}${lasHint(err)}`;
  }
  if (err instanceof CliError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

/** Turns a Node file-system error into a CliError that says what to check. */
export function fileError(err: unknown, file: string, action: 'read' | 'write'): CliError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const what: Record<string, string> = {
    ENOENT: action === 'read' ? 'no such file (check the path)' : 'its folder does not exist (create it first)',
    EISDIR: action === 'read' ? 'it is a folder, not a file (name a LAS file)' : 'it is a folder (name a file)',
    EACCES: 'permission denied (check the file permissions)',
    EPERM: 'permission denied (check the file permissions)',
    ENOTDIR: 'a part of the path is not a folder (check the path)',
    ENOSPC: 'no space left on the device (free some space)',
    EROFS: 'the file system is read-only (write elsewhere)',
  };
  const reason = (code && what[code]) ?? (err instanceof Error ? err.message : String(err));
  return new CliError(`${file}: cannot ${action} the file: ${reason}`, file);
}
