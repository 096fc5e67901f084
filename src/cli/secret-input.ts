/**
 * Passwords and passphrases come from stdin (`--password-stdin`), an environment variable, or
 * a prompt that does not echo — never from a flag value (it would sit in the shell history
 * and in `ps` output for every user of the machine).
 */
import { CliError } from './errors.js';

/** All of stdin, minus one trailing newline (`echo secret | dataforge ...`). */
export async function readStdinSecret(what: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (!text) throw new CliError(`no ${what} on stdin`);
  return text;
}

/** Asks on the terminal without echoing what is typed. */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return Promise.reject(new CliError('not a terminal: cannot prompt'));
  return new Promise((resolve, reject) => {
    process.stderr.write(question);
    let typed = '';
    const done = (fn: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      fn();
    };
    const onData = (data: string) => {
      for (const ch of data) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(typed));
        if (ch === '\u0003') return done(() => reject(new CliError('cancelled')));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/**
 * A secret from, in order: stdin when `fromStdin`, the environment variable, a hidden prompt
 * when stdin is a terminal. Undefined when none was given and `required` is false.
 */
export async function secretFrom(opts: { fromStdin?: boolean; envVar: string; what: string; required: boolean; prompt?: string }): Promise<string | undefined> {
  if (opts.fromStdin) return readStdinSecret(opts.what);
  const env = process.env[opts.envVar];
  if (env) return env;
  if (!opts.required) return undefined;
  if (process.stdin.isTTY) return promptHidden(opts.prompt ?? `${opts.what}: `);
  throw new CliError(`no ${opts.what}: pipe it in with --${opts.what === 'password' ? 'password' : 'passphrase'}-stdin, or set ${opts.envVar}`);
}
