/** `dataforge init` and `dataforge ingest`: create a workspace and bring files into it. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ingestFiles, type IngestResult } from '../workspace/ingest.js';
import { expandPaths } from '../workspace/ingest-paths.js';
import { Workspace } from '../workspace/workspace.js';
import { EXIT_BAD_INPUT, EXIT_OK } from './errors.js';
import { out, stderrIsTty } from './io.js';
import { parseChoice, parseNullPolicy } from './options.js';
import { createProgress } from './progress.js';
import type { RunState } from './las.js';

export const workspaceOption = ['--workspace <dir>', 'the workspace to use (default: found from the current folder upward, or DATAFORGE_WORKSPACE)'] as const;

function collectMap(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const m = /^([^=]+)=(.+)$/.exec(value);
  if (!m) throw new InvalidArgumentError(`expected MNEMONIC=PROPERTY, e.g. GR=gamma_ray, got '${value}'`);
  return { ...previous, [m[1].trim()]: m[2].trim() };
}

export function initCommand(state: RunState): Command {
  return new Command('init')
    .description('create a DataForge workspace in DIR (default: the current folder): metadata, blobs and caches under DIR/.dataforge')
    .argument('[dir]', 'folder for the workspace (created if missing)', '.')
    .option('--depth-unit <unit>', 'depth unit of well depth grids and gridded data: m or ft (default m)', parseChoice(['m', 'ft'] as const))
    .option('--json', 'print the result as JSON')
    .action(async (dir: string, o: { depthUnit?: 'm' | 'ft'; json?: boolean }) => {
      const ws = Workspace.init(dir, { settings: o.depthUnit ? { depthUnit: o.depthUnit, defaultStep: o.depthUnit === 'ft' ? 0.5 : 0.1524 } : {} });
      const info = { root: ws.layout.root, dir: ws.layout.dir, id: ws.id, settings: ws.settings };
      ws.close();
      await out(o.json ? `${JSON.stringify(info)}\n` : `Initialised an empty DataForge workspace in ${info.dir} (depth unit ${info.settings.depthUnit})\n`);
      state.exitCode = EXIT_OK;
    });
}

interface IngestFlags {
  workspace?: string;
  well?: string;
  map?: Record<string, string>;
  dryRun?: boolean;
  json?: boolean;
  method?: 'linear' | 'nearest' | 'step';
  nullPolicy?: ReturnType<typeof parseNullPolicy>;
}

function short(id: string | undefined): string {
  return id ? id.slice(0, 8) : '';
}

function humanLine(r: IngestResult): string {
  const warn = r.warnings.length ? ` · ${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}` : '';
  switch (r.status) {
    case 'ingested':
      return `ingested  ${r.file} → well ${r.wellName}${r.wellCreated ? ' (new)' : ''} · run ${short(r.logRunId)} · ${r.curves?.length ?? 0} curves · ${r.rows} rows${warn}`;
    case 'dry-run': {
      const mapped = (r.curves ?? []).map((c) => `${c.mnemonic}→${c.property ?? '?'}${c.confidence !== null ? ` (${c.confidence.toFixed(2)})` : ''}${c.convert ? ` [${c.originalUnit}→${c.unit}]` : ''}`);
      return `would ingest ${r.file} → well ${r.wellName}${r.wellCreated ? ' (new)' : ''} · ${r.rows} rows${warn}\n    ${mapped.join(', ')}`;
    }
    case 'already-present':
      return `present   ${r.file} (already in the workspace as run ${short(r.logRunId)} of well ${r.wellName}; nothing to do)`;
    case 'failed':
      return `failed    ${r.error ?? r.file}`;
  }
}

function jsonResult(r: IngestResult): unknown {
  return {
    ...r,
    curves: r.curves?.map((c) => ({ mnemonic: c.mnemonic, property: c.property, confidence: c.confidence, source: c.source, originalUnit: c.originalUnit, unit: c.unit, converted: !!c.convert, warning: c.warning ?? null })),
  };
}

export function ingestCommand(state: RunState): Command {
  return new Command('ingest')
    .description('bring LAS and CSV files (and folders of them, recursively) into the workspace; each file all or nothing')
    .argument('<path...>', 'files or folders')
    .option(...workspaceOption)
    .option('--well <name>', 'put every file on this well (by name or id; created if missing) instead of matching by UWI, API, then name')
    .option('--map <mnemonic=property>', 'map a mnemonic to a property, overriding the dictionary (repeatable), e.g. --map GR=gamma_ray', collectMap)
    .option('--method <m>', 'resampling onto the well depth grid: linear, nearest or step (default linear)', parseChoice(['linear', 'nearest', 'step'] as const))
    .option('--null-policy <policy>', "values read as NULL: strict, common, aggressive, none, or e.g. 'common,-9999'", parseNullPolicy)
    .option('--dry-run', 'show what would be ingested (well, curve mapping, units) and write nothing')
    .option('--json', 'one JSON object per file per line, then a summary object')
    .addHelpText('after', '\nEach file prints one line: ingested, present (the same bytes are already in), failed (and why), or would ingest (--dry-run).\nCarries on past bad files; exits 1 if any file failed.')
    .action(async (paths: string[], o: IngestFlags) => {
      const ws = Workspace.find(o.workspace);
      try {
        const { files, missing } = expandPaths(paths);
        const sizes = files.map((f) => { try { return statSync(f).size; } catch { return 0; } });
        const total = sizes.reduce((a, b) => a + b, 0);
        const bar = createProgress({ label: o.dryRun ? 'planning' : 'ingesting', total, enabled: stderrIsTty() && !o.json });
        const tally = { ingested: 0, 'already-present': 0, failed: 0, 'dry-run': 0 };
        const results: IngestResult[] = missing.map((m) => ({ file: m, status: 'failed' as const, bytes: 0, warnings: [], error: `${m}: no such file or folder` }));
        const started = performance.now();
        let done = 0;
        for (const r of results) { tally.failed++; await out(o.json ? `${JSON.stringify(jsonResult(r))}\n` : `${humanLine(r)}\n`); }
        let i = 0;
        for await (const r of ingestFiles(ws, files.map((f) => resolve(f)), { well: o.well, map: o.map, dryRun: o.dryRun, method: o.method, nullPolicy: o.nullPolicy })) {
          r.file = files[i];
          if (r.error) r.error = r.error.replace(resolve(files[i]), files[i]);
          done += sizes[i];
          tally[r.status]++;
          bar.clear();
          await out(o.json ? `${JSON.stringify(jsonResult(r))}\n` : `${humanLine(r)}\n`);
          if (!o.json && r.warnings.length && r.status !== 'failed') for (const w of r.warnings.slice(0, 5)) await out(`    warning: ${w}\n`);
          bar.update(done, done);
          i++;
        }
        bar.finish();
        const secs = (performance.now() - started) / 1000;
        const summary = { files: files.length + missing.length, ...tally, bytes: total, seconds: Number(secs.toFixed(3)), mbPerSecond: Number((total / 1e6 / Math.max(secs, 1e-6)).toFixed(1)) };
        if (o.json) await out(`${JSON.stringify({ summary })}\n`);
        else {
          const parts = o.dryRun ? [`${tally['dry-run']} would be ingested`] : [`${tally.ingested} ingested`];
          parts.push(`${tally['already-present']} already present`, `${tally.failed} failed`);
          await out(`${parts.join(', ')} (${(total / 1e6).toFixed(1)} MB in ${secs.toFixed(1)} s, ${summary.mbPerSecond} MB/s)\n`);
        }
        state.exitCode = tally.failed ? EXIT_BAD_INPUT : EXIT_OK;
      } finally {
        ws.close();
      }
    });
}
