/**
 * A sync server in a child process, so a test can SIGKILL it mid-request and start it again on
 * the same port and data: either the test's `serve-child.mjs` (the built server, no CLI) or the
 * real `dataforge serve` command.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./serve-child.mjs', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/dataforge.js', import.meta.url));

export class ServerProcess {
  private child?: ChildProcess;
  port = 0;

  /**
   * `args(port)`: the node arguments that start it on `port` (0: any); `ready` finds the port
   * it listens on in what it prints (stdout or stderr).
   */
  constructor(private readonly args: (port: number) => string[], private readonly ready: RegExp, private readonly env: NodeJS.ProcessEnv = process.env) {}

  get url(): string { return `http://127.0.0.1:${this.port}`; }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, this.args(this.port), { stdio: ['ignore', 'pipe', 'pipe'], env: this.env });
      this.child = child;
      let seen = '';
      const watch = (d: Buffer) => {
        seen += d.toString();
        const m = this.ready.exec(seen);
        if (m && !this.port) this.port = Number(m[1]);
        if (m) resolve();
      };
      child.stdout!.on('data', watch);
      child.stderr!.on('data', watch);
      child.on('exit', (code, signal) => { if (!this.ready.test(seen)) reject(new Error(`server exited (${code ?? signal}) before listening: ${seen}`)); });
    });
  }

  /** SIGKILL: no graceful shutdown, whatever was in flight is cut where it stood. */
  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  /** SIGTERM: the graceful way (requests in flight finish, the database is closed). */
  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  private signal(sig: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return Promise.resolve();
    return new Promise((resolve) => { child.once('exit', () => resolve()); child.kill(sig); });
  }
}

/** The built server through `test/sync/serve-child.mjs` (prints "listening PORT"). */
export function childServer(dataDir: string): ServerProcess {
  return new ServerProcess((port) => [CHILD, dataDir, String(port)], /listening (\d+)/);
}

/**
 * `dataforge serve --data DIR` as a user starts it, with only the settings given in `env`
 * (the test's own DATAFORGE_* and DATABASE_URL are not passed on).
 */
export function cliServer(dataDir: string, env: Record<string, string> = {}): ServerProcess {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DATAFORGE_') && k !== 'DATABASE_URL'));
  return new ServerProcess((port) => [BIN, 'serve', '--port', String(port), '--data', dataDir], /DataForge server on http:\/\/[^\s:]+:(\d+)/, { ...clean, ...env });
}
