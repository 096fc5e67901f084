/** `dataforge las read`: a summary per file (streamed, bounded memory) or lasio-layout JSON. */
import { LasError } from '../las/errors.js';
import type { LasFile } from '../las/model.js';
import { readLas } from '../las/read.js';
import { CliError, errorLine, EXIT_BAD_INPUT, EXIT_OK } from './errors.js';
import { fileSize, readBytes, streamLasFile } from './files.js';
import { err, out, stderrIsTty } from './io.js';
import { lasErrorJson, lasioFailureJson, lasioJson } from './lasio-json.js';
import type { ReadFlags } from './options.js';
import { createProgress, type Progress } from './progress.js';
import { summaryLines } from './summary.js';

/** Files this big get a progress bar even on their own. */
export const BIG_FILE_BYTES = 50e6;

/** Reads one file through the streaming reader; only the header and problems are kept. */
export async function streamSummary(file: string, flags: ReadFlags, onBytes?: (bytes: number) => void): Promise<LasFile> {
  let las: LasFile | null = null;
  for await (const ev of streamLasFile(file, { fileName: file, encoding: flags.encoding, strict: flags.strict, nullPolicy: flags.nullPolicy }, onBytes)) {
    if (ev.type === 'end') las = ev.las;
  }
  if (!las) throw new Error(`the stream of ${file} ended without an end event`);
  return las;
}

/** Sizes of the readable files (0 for the others, whose error is reported when their turn comes). */
async function totalBytes(files: string[]): Promise<number[]> {
  return Promise.all(files.map((f) => fileSize(f).catch(() => 0)));
}

export async function progressFor(files: string[], label: string, json: boolean | undefined): Promise<{ bar: Progress; sizes: number[] }> {
  if (json || !stderrIsTty()) return { bar: createProgress({ label, enabled: false }), sizes: files.map(() => 0) };
  const sizes = await totalBytes(files);
  const total = sizes.reduce((a, b) => a + b, 0);
  const enabled = files.length > 1 || total >= BIG_FILE_BYTES;
  return { bar: createProgress({ label, total, enabled }), sizes };
}

export async function runRead(files: string[], flags: ReadFlags): Promise<number> {
  let code = EXIT_OK;
  if (flags.json) {
    for (const file of files) code = Math.max(code, await readOneJson(file, flags));
    return code;
  }
  const { bar, sizes } = await progressFor(files, 'reading', flags.json);
  let before = 0;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    try {
      const las = await streamSummary(file, flags, (b) => bar.update(before + b, before + b));
      bar.clear();
      await out(`${i ? '\n' : ''}${summaryLines(file, las).join('\n')}\n`);
    } catch (e) {
      if (!(e instanceof LasError || e instanceof CliError)) throw e;
      bar.clear();
      err(errorLine(e));
      code = EXIT_BAD_INPUT;
    }
    before += sizes[i];
  }
  bar.finish();
  return code;
}

/** The whole file in memory (the JSON carries every value). */
async function readOneJson(file: string, flags: ReadFlags): Promise<number> {
  let las: LasFile;
  try {
    const bytes = await readBytes(file);
    las = readLas(bytes, { fileName: file, encoding: flags.encoding, strict: flags.strict, nullPolicy: flags.nullPolicy });
  } catch (e) {
    if (e instanceof LasError) await out(lasErrorJson(file, e));
    else if (e instanceof CliError) await out(lasioFailureJson(file, { type: 'FileError', message: e.message }));
    else throw e;
    err(errorLine(e));
    return EXIT_BAD_INPUT;
  }
  for (const piece of lasioJson(las, file)) await out(piece);
  return EXIT_OK;
}
