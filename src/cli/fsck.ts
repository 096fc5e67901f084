/** `dataforge fsck [--repair]`: check the workspace is whole; exit 1 while problems remain. */
import { relative } from 'node:path';
import type { Command } from 'commander';
import { fsck, type FsckReport } from '../workspace/fsck.js';
import { CliError } from './errors.js';
import { out } from './io.js';
import { withWorkspace } from './workspace-edit-helpers.js';
import { workspaceOption } from './workspace.js';

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function text(r: FsckReport, root: string): string {
  const c = r.checked;
  let s = `checked ${plural(c.blobs, 'blob')} (${plural(c.files, 'file')}), ${plural(c.runs, 'log run')}, ${plural(c.datasets, 'data set')}, ${plural(c.curves, 'curve')}\n`;
  for (const p of r.problems) {
    const where = p.path ? `${relative(root, p.path) || p.path}: ` : '';
    s += `${p.repaired ? 'repaired' : 'problem '}  ${p.code.padEnd(17)} ${where}${p.message}\n`;
    if (p.repaired) s += `          ${' '.repeat(17)} → ${p.repaired}\n`;
  }
  if (!r.problems.length) s += 'fsck: no problems found\n';
  else s += `fsck: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}, ${r.repaired} repaired, ${r.remaining} remain${r.remaining === 1 ? 's' : ''}\n`;
  return s;
}

export function register(program: Command): void {
  program.command('fsck')
    .description('check the workspace: referenced blobs exist and re-hash right, no orphan files, Parquet matches the metadata, statistics consistent, SQLite integrity')
    .option('--repair', 'fix what is safe: delete orphan and stale temp files, recompute statistics, rebuild gridded copies, drop rows of missing unreferenced blobs (never deletes a referenced blob)')
    .option(...workspaceOption)
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nExits 1 while problems remain (after --repair: those it could not fix).')
    .action(async (o: { repair?: boolean; workspace?: string; json?: boolean }) => {
      // Checking alone opens read-only, so fsck never changes a workspace unless asked to repair.
      const { report, root } = await withWorkspace(o.workspace, async (ws) => ({ report: await fsck(ws, { repair: o.repair }), root: ws.layout.root }), { readonly: !o.repair });
      await out(o.json ? `${JSON.stringify(report)}\n` : text(report, root));
      if (report.remaining > 0) {
        throw new CliError(`fsck: ${report.remaining} problem${report.remaining === 1 ? '' : 's'} remain${report.remaining === 1 ? 's' : ''}${o.repair ? '' : " (run 'dataforge fsck --repair' to fix what is safe)"}`);
      }
    });
}
