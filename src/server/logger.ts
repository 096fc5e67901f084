/**
 * Structured logs: one JSON object per line (time, level, msg, fields), so a log shipper
 * can parse them without a grammar. Callers must never pass secrets (tokens, passwords).
 */
import type { Logger } from './context.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];
const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

export interface JsonLogger extends Logger {
  debug(msg: string, fields?: object): void;
  /** A logger that adds `fields` to every line (e.g. the request id). */
  child(fields: object): JsonLogger;
}

export function createLogger(options: { level?: LogLevel; write?: (line: string) => void; base?: object } = {}): JsonLogger {
  const min = RANK[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const base = options.base ?? {};
  const emit = (level: Exclude<LogLevel, 'silent'>, msg: string, fields?: object) => {
    if (RANK[level] < min) return;
    let line: string;
    try {
      line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, ...fields });
    } catch {
      // A field that cannot be serialised (a cycle) must not turn a log call into a crash.
      line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, note: 'fields not serialisable' });
    }
    write(line);
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger({ level: options.level, write, base: { ...base, ...fields } }),
  };
}

/** For errors in logs: the message and stack, never the whole object (it may hold a request). */
export function errorFields(err: unknown): { error: string; stack?: string } {
  return err instanceof Error ? { error: err.message, stack: err.stack } : { error: String(err) };
}
