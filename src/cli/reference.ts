/** `dataforge units ...` and `dataforge dictionary ...`: the unit catalogue and the curve dictionary. */
import { Command } from 'commander';
import { defaultDictionary, type CurveDictionary } from '../dictionary/index.js';
import { builtinCatalogue, type Catalogue } from '../units/index.js';
import { findWorkspaceRoot } from '../workspace/layout.js';
import { importPwlsCurves, importUnitDictionary, workspaceDictionary, workspaceUnits } from '../workspace/reference-data.js';
import { Workspace } from '../workspace/workspace.js';
import { CliError, EXIT_OK } from './errors.js';
import { out } from './io.js';
import type { RunState } from './las.js';
import { workspaceOption } from './workspace.js';

/** Inside a workspace, what it imported counts; elsewhere the built-in tables. */
function withReference<T>(explicit: string | undefined, inWs: (ws: Workspace) => T, builtin: () => T): T {
  const root = findWorkspaceRoot(process.cwd(), explicit);
  if (!root) {
    if (explicit) throw new CliError(`no DataForge workspace at ${explicit}`);
    return builtin();
  }
  const ws = Workspace.open(root, { readonly: true });
  try { return inWs(ws); } finally { ws.close(); }
}

const units = (w?: string): Catalogue => withReference(w, workspaceUnits, builtinCatalogue);
const dictionary = (w?: string): CurveDictionary => withReference(w, workspaceDictionary, defaultDictionary);

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd()).join('\n') + '\n';
}

export function unitsCommand(state: RunState): Command {
  const cmd = new Command('units').description('the unit catalogue (Energistics form y = (A + B·x)/(C + D·x), with the spellings LAS files use)');
  cmd.command('list')
    .description('list units, optionally of one quantity class')
    .option('--class <name>', 'only units of this quantity class, e.g. "length" or "mass per volume"')
    .option(...workspaceOption)
    .option('--json', 'JSON array')
    .action(async (o: { class?: string; workspace?: string; json?: boolean }) => {
      const cat = units(o.workspace);
      if (o.class && !cat.getQuantityClass(o.class)) throw new CliError(`unknown quantity class '${o.class}': see 'dataforge units classes'`);
      const list = cat.listUnits(o.class);
      if (o.json) await out(`${JSON.stringify(list.map((u) => ({ symbol: u.symbol, name: u.name, dimension: u.dimension, aliases: cat.aliasesOf(u.symbol) })))}\n`);
      else await out(table([['SYMBOL', 'NAME', 'ALIASES'], ...list.map((u) => [u.symbol, u.name, cat.aliasesOf(u.symbol).slice(0, 6).join(' ')])]));
      state.exitCode = EXIT_OK;
    });
  cmd.command('classes')
    .description('list quantity classes')
    .option(...workspaceOption)
    .option('--json', 'JSON array')
    .action(async (o: { workspace?: string; json?: boolean }) => {
      const list = units(o.workspace).listQuantityClasses();
      if (o.json) await out(`${JSON.stringify(list.map((q) => ({ name: q.name, dimension: q.dimension, units: q.members })))}\n`);
      else await out(table([['QUANTITY CLASS', 'UNITS'], ...list.map((q) => [q.name, q.members.slice(0, 8).join(' ')])]));
      state.exitCode = EXIT_OK;
    });
  cmd.command('convert')
    .description('convert a value between units, e.g. dataforge units convert 1000 ft m')
    .argument('<value>', 'a number')
    .argument('<from>', 'unit of the value (LAS spellings work: F, G/C3, US/F, DEGF)')
    .argument('<to>', 'unit wanted')
    .option(...workspaceOption)
    .option('--json', 'JSON output')
    .action(async (value: string, from: string, to: string, o: { workspace?: string; json?: boolean }) => {
      const x = Number(value);
      if (value.trim() === '' || !Number.isFinite(x)) throw new CliError(`'${value}' is not a number`);
      const cat = units(o.workspace);
      let y: number;
      try { y = cat.convert(x, from, to); } catch (e) { throw new CliError((e as Error).message); }
      await out(o.json ? `${JSON.stringify({ value: x, from: cat.getUnit(from).symbol, to: cat.getUnit(to).symbol, result: y })}\n` : `${x} ${cat.getUnit(from).symbol} = ${y} ${cat.getUnit(to).symbol}\n`);
      state.exitCode = EXIT_OK;
    });
  cmd.command('import')
    .description('load a full Energistics unit dictionary (JSON) into the workspace; it is used on top of the built-in units')
    .argument('<file>', 'Energistics_Unit_of_Measure_Dictionary JSON')
    .option(...workspaceOption)
    .option('--json', 'JSON output')
    .action(async (file: string, o: { workspace?: string; json?: boolean }) => {
      const ws = Workspace.find(o.workspace);
      try {
        const r = importUnitDictionary(ws, file);
        await out(o.json ? `${JSON.stringify(r)}\n` : `imported ${r.units} units in ${r.quantityClasses} quantity classes from ${file}\n`);
      } finally { ws.close(); }
      state.exitCode = EXIT_OK;
    });
  return cmd;
}

export function dictionaryCommand(state: RunState): Command {
  const cmd = new Command('dictionary').description('the curve dictionary: properties (gamma ray, bulk density, ...) and the mnemonics that mean them');
  cmd.command('list')
    .description('list the properties with their standard unit, display scale and mnemonics')
    .option(...workspaceOption)
    .option('--json', 'JSON array')
    .action(async (o: { workspace?: string; json?: boolean }) => {
      const list = dictionary(o.workspace).listProperties();
      if (o.json) await out(`${JSON.stringify(list)}\n`);
      else await out(table([['ID', 'NAME', 'UNIT', 'SCALE', 'MNEMONICS'], ...list.map((p) => [p.id, p.name, p.standardUnit, p.displayScale, p.mnemonics.slice(0, 6).join(' ')])]));
      state.exitCode = EXIT_OK;
    });
  cmd.command('resolve')
    .description('show which property a mnemonic maps to, with the confidence and the reason')
    .argument('<mnemonic>', 'curve mnemonic, e.g. RHOZ')
    .option('--unit <unit>', 'the curve unit, e.g. G/C3')
    .option('--description <text>', 'the curve description')
    .option('--company <name>', 'service company (used with imported PWLS mappings)')
    .option(...workspaceOption)
    .option('--json', 'JSON output')
    .action(async (mnemonic: string, o: { unit?: string; description?: string; company?: string; workspace?: string; json?: boolean }) => {
      const r = dictionary(o.workspace).resolveMnemonic(mnemonic, { unit: o.unit, description: o.description, company: o.company });
      if (o.json) await out(`${JSON.stringify(r ? { property: r.property.id, confidence: r.confidence, reason: r.reason } : null)}\n`);
      else await out(r ? `${mnemonic} → ${r.property.id} (${r.property.name}), confidence ${r.confidence.toFixed(2)}: ${r.reason}\n` : `${mnemonic}: no property matches\n`);
      state.exitCode = EXIT_OK;
    });
  cmd.command('import')
    .description('load a PWLS v3 curves sheet (CSV: Company Code, Curve Mnemonic, PWLS v3 Property, ...) so its mnemonics resolve')
    .argument('<file>', 'PWLS curves CSV')
    .option(...workspaceOption)
    .option('--json', 'JSON output')
    .action(async (file: string, o: { workspace?: string; json?: boolean }) => {
      const ws = Workspace.find(o.workspace);
      try {
        const r = importPwlsCurves(ws, file);
        await out(o.json ? `${JSON.stringify(r)}\n` : `imported ${r.mappings} PWLS curve mappings from ${file}\n`);
      } finally { ws.close(); }
      state.exitCode = EXIT_OK;
    });
  return cmd;
}
