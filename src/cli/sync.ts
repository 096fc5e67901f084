/**
 * Team sync on the command line: remotes, login/logout, clone, push, pull, sync, status,
 * conflicts, and bundles for air-gapped transfer. Thin: options in, src/sync out.
 *
 * Exit codes: 0 done; 1 the user has something to do (server unreachable — the queue is kept —,
 * not logged in, conflicts to resolve, a bad bundle, a bad argument).
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { applyBundle, createBundle } from '../sync/bundle.js';
import { applyBundleToServer } from '../sync/bundle-server.js';
import { apiFor, clone, pull, push, status, sync, type SyncOptions, type TransferProgress } from '../sync/client.js';
import { openConflicts, outboxSize, resolveConflict, type Resolution } from '../sync/entities.js';
import { SyncError, SyncHttpError } from '../sync/errors.js';
import { HttpClient } from '../sync/http.js';
import { addRemote, getRemote, listRemotes, parseRemoteUrl, removeRemote, setStrategy, STRATEGIES, type RemoteUrl, type Strategy } from '../sync/remotes.js';
import { settingsDifferences, teamSettingsOf, workspaceSettingsFrom } from '../sync/team-settings.js';
import { Workspace } from '../workspace/workspace.js';
import { CliError, EXIT_BAD_INPUT, EXIT_OK } from './errors.js';
import { err, out, stderrIsTty } from './io.js';
import type { RunState } from './las.js';
import { parseChoice, parseWholeNumber } from './options.js';
import { createProgress, type Progress } from './progress.js';
import { secretFrom } from './secret-input.js';
import { bundleApplyText, bundleCreateText, bundleServerText, cloneSettingsText, teamSettingsText, conflictListText, conflictShowText, pullText, pushText, remoteLines, statusText } from './sync-text.js';
import { workspaceOption } from './workspace.js';

interface Common { workspace?: string; json?: boolean }

/** Runs a command; sync errors are the user's to act on (exit 1), anything else goes up (exit 2). */
async function run(state: RunState, fn: () => Promise<number | void>): Promise<void> {
  try {
    state.exitCode = (await fn()) ?? EXIT_OK;
  } catch (e) {
    if (!(e instanceof SyncError)) throw e;
    err(e.message);
    state.exitCode = EXIT_BAD_INPUT;
  }
}

async function withWs<T>(explicit: string | undefined, fn: (ws: Workspace) => Promise<T>): Promise<T> {
  const ws = Workspace.find(explicit);
  try {
    return await fn(ws);
  } finally {
    ws.close();
  }
}

const json = (v: unknown) => out(`${JSON.stringify(v)}\n`);

/** Progress bars on stderr for blob transfers, and a line for each retry. */
function transferOptions(asJson: boolean | undefined): SyncOptions & { done(): void } {
  const enabled = stderrIsTty() && !asJson;
  // A push learns of its next batches' blobs while the first upload: the bar's total follows.
  const bars = new Map<TransferProgress['direction'], { bar: Progress; blobs: number; bytes: number }>();
  const labelOf = (p: TransferProgress) => `${p.direction === 'upload' ? 'uploading' : 'downloading'} ${p.blobsTotal} blob${p.blobsTotal === 1 ? '' : 's'}`;
  return {
    onProgress: (p) => {
      let shown = bars.get(p.direction);
      if (!shown) {
        shown = { bar: createProgress({ label: labelOf(p), total: p.bytesTotal || undefined, enabled }), blobs: p.blobsTotal, bytes: p.bytesTotal };
        bars.set(p.direction, shown);
      } else if (shown.blobs !== p.blobsTotal || shown.bytes !== p.bytesTotal) {
        shown.bar.retarget(labelOf(p), p.bytesTotal || undefined);
        shown.blobs = p.blobsTotal;
        shown.bytes = p.bytesTotal;
      }
      shown.bar.update(p.bytesDone, p.bytesDone);
      if (p.blobsDone === p.blobsTotal) { shown.bar.finish(); bars.delete(p.direction); }
    },
    onRetry: (message, delayMs) => {
      for (const b of bars.values()) b.bar.clear();
      err(`${message}; trying again in ${(delayMs / 1000).toFixed(1)} s`);
    },
    done: () => { for (const b of bars.values()) b.bar.finish(); bars.clear(); },
  };
}

/** An unreachable server is no failure of the queue: say what waits, and exit 1. */
function explainPushFailure(ws: Workspace, e: unknown): never {
  if (e instanceof SyncHttpError && e.code === 'unreachable') {
    const n = outboxSize(ws);
    throw new SyncError(e.code, `${e.message}: ${n === 1 ? '1 change stays queued and goes' : `${n} changes stay queued and go`} out with the next push`);
  }
  throw e;
}

/** A remote name in this workspace, or a server URL (`http://host:port[/WORKSPACE]`): the server to log in to. */
function serverOf(target: string | undefined, workspace: string | undefined): string {
  if (target && /^https?:\/\//i.test(target)) {
    const u = new URL(target);
    return u.pathname.replace(/\/+$/, '') === '' ? `${u.protocol}//${u.host}` : parseRemoteUrl(target).server;
  }
  const ws = Workspace.find(workspace);
  try {
    return getRemote(ws, target).server;
  } finally {
    ws.close();
  }
}

export function syncCommands(state: RunState): Command[] {
  return [remoteCommand(state), loginCommand(state), logoutCommand(state), cloneCommand(state), pushCommand(state), pullCommand(state),
    syncCommand(state), statusCommand(state), conflictsCommand(state), bundleCommand(state)];
}

function remoteCommand(state: RunState): Command {
  const remote = new Command('remote').description('the servers this workspace syncs with');
  remote.command('add')
    .description('add a remote: URL is http://HOST:PORT/WORKSPACE (the workspace on the server)')
    .argument('<name>', "a short name, e.g. 'origin' (used when no remote is named)")
    .argument('<url>', 'http://HOST:PORT/WORKSPACE')
    .option('--strategy <s>', `conflict strategy: ${STRATEGIES.join(', ')} (default manual)`, parseChoice(STRATEGIES))
    .option(...workspaceOption).option('--json', 'print the remote as JSON')
    .action((name: string, url: string, o: Common & { strategy?: Strategy }) => run(state, () => withWs(o.workspace, async (ws) => {
      const r = addRemote(ws, name, url, o.strategy);
      await (o.json ? json(r) : out(`added remote ${r.name}: ${r.url} (conflict strategy ${r.strategy})\n`));
    })));
  remote.command('list')
    .description('list the remotes (name, URL, conflict strategy)')
    .option(...workspaceOption).option('--json', 'one JSON array')
    .action((o: Common) => run(state, () => withWs(o.workspace, async (ws) => {
      const all = listRemotes(ws);
      await (o.json ? json(all) : out(remoteLines(all)));
    })));
  remote.command('remove')
    .description('forget a remote (nothing on the server changes; queued changes stay queued)')
    .argument('<name>')
    .option(...workspaceOption).option('--json', 'print the result as JSON')
    .action((name: string, o: Common) => run(state, () => withWs(o.workspace, async (ws) => {
      removeRemote(ws, name);
      await (o.json ? json({ removed: name }) : out(`removed remote ${name}\n`));
    })));
  remote.command('strategy')
    .description('how conflicts with this remote are settled: manual (you decide), last-write-wins (the later edit), prefer-local, prefer-remote')
    .argument('<name>')
    .argument('<strategy>', STRATEGIES.join(' | '), parseChoice(STRATEGIES))
    .option(...workspaceOption).option('--json', 'print the remote as JSON')
    .action((name: string, strategy: Strategy, o: Common) => run(state, () => withWs(o.workspace, async (ws) => {
      const r = setStrategy(ws, name, strategy);
      await (o.json ? json(r) : out(`remote ${r.name}: conflicts are now settled by '${r.strategy}'\n`));
    })));
  remote.command('settings')
    .description("the team's settings on the server (depth unit and step of new wells' grids, the conflict strategy new clones start with) beside this workspace's")
    .argument('[name]', 'remote name (default: the only remote, or origin)')
    .option('--publish', "make this workspace's settings (and this remote's strategy) the team's (admin role)")
    .option('--adopt', "take the team's settings here: new wells get its depth grid, this remote its strategy (existing wells keep theirs)")
    .option(...workspaceOption).option('--json', 'print both as JSON')
    .action((name: string | undefined, o: Common & { publish?: boolean; adopt?: boolean }) => run(state, () => withWs(o.workspace, async (ws) => {
      if (o.publish && o.adopt) throw new CliError('--publish sends ours, --adopt takes theirs: give one');
      const r = getRemote(ws, name);
      const api = apiFor(r);
      let team = await api.teamSettings();
      if (!team) throw new SyncError('no-team-settings', `${r.server} keeps no team settings (an older DataForge server): nothing to show`);
      if (o.publish) team = await api.putTeamSettings(team.version, teamSettingsOf(ws, r.strategy));
      if (o.adopt && team.settings) {
        ws.updateSettings(workspaceSettingsFrom(team.settings));
        setStrategy(ws, r.name, team.settings.conflictStrategy);
      }
      const local = teamSettingsOf(ws, getRemote(ws, r.name).strategy);
      const differences = team.settings ? settingsDifferences(team.settings, local) : [];
      await (o.json ? json({ remote: r.name, team, local, differences }) : out(teamSettingsText(r.name, team, local, differences)));
    })));
  return remote;
}

function loginCommand(state: RunState): Command {
  return new Command('login')
    .description('log in to a sync server; tokens are kept in ~/.config/dataforge/credentials.json (DATAFORGE_CONFIG_DIR), readable by you only')
    .argument('[remote]', 'a remote name or a server URL (default: the workspace\'s remote)')
    .requiredOption('--email <email>', 'your account')
    .option('--password-stdin', 'read the password from stdin (otherwise DATAFORGE_PASSWORD, or a prompt)')
    .option('--register', 'create the account first')
    .option(...workspaceOption).option('--json', 'print the result as JSON')
    .addHelpText('after', '\nThe password is never a flag value: flags end up in shell history and in `ps` for everyone on the machine.')
    .action((target: string | undefined, o: Common & { email: string; passwordStdin?: boolean; register?: boolean }) => run(state, async () => {
      const server = serverOf(target, o.workspace);
      const password = (await secretFrom({ fromStdin: o.passwordStdin, envVar: 'DATAFORGE_PASSWORD', what: 'password', required: true, prompt: `password for ${o.email} on ${server}: ` }))!;
      const http = new HttpClient({ server });
      const pair = o.register ? await http.register(o.email, password) : await http.login(o.email, password);
      await (o.json ? json({ server: http.server, email: pair.user.email, userId: pair.user.id }) : out(`logged in to ${http.server} as ${pair.user.email}\n`));
    }));
}

function logoutCommand(state: RunState): Command {
  return new Command('logout')
    .description('end the session on the server and forget the tokens here')
    .argument('[remote]', 'a remote name or a server URL (default: the workspace\'s remote)')
    .option(...workspaceOption).option('--json', 'print the result as JSON')
    .action((target: string | undefined, o: Common) => run(state, async () => {
      const http = new HttpClient({ server: serverOf(target, o.workspace), retry: { attempts: 2 } });
      const r = await http.logout();
      if (o.json) return json({ server: http.server, ...r });
      if (!r.wasLoggedIn) return out(`not logged in to ${http.server}\n`);
      await out(r.serverSaid ? `logged out of ${http.server}\n` : `forgot the tokens for ${http.server} (the server could not be reached to end the session; it expires on its own)\n`);
    }));
}

function cloneCommand(state: RunState): Command {
  return new Command('clone')
    .description('make a new workspace from a server workspace: remote origin, everything pulled')
    .argument('<url>', 'http://HOST:PORT/WORKSPACE')
    .argument('[dir]', 'folder for the new workspace (default: the workspace name)')
    .option('--json', 'print the result as JSON')
    .action((url: string, dir: string | undefined, o: Common) => run(state, async () => {
      const t = transferOptions(o.json);
      try {
        const r = await clone(url, dir, t);
        await (o.json ? json(r) : out(`cloned ${url} into ${r.root}: ${r.pull.applied} entities, ${r.pull.blobsDownloaded} blobs\n${cloneSettingsText(r.settings)}`));
      } finally {
        t.done();
      }
    }));
}

function syncingCommand(name: 'push' | 'pull' | 'sync', description: string): Command {
  return new Command(name)
    .description(description)
    .argument('[remote]', 'remote name (default: the only remote, or origin)')
    .option(...workspaceOption).option('--json', 'print the report as JSON');
}

const batchOption = ['--batch <n>', 'changes per push request (default 500)', parseWholeNumber(1, 1000)] as const;

function pushCommand(state: RunState): Command {
  return syncingCommand('push', 'send the queued local changes (and the blobs they need) to the remote; conflicts are settled by its strategy')
    .option(...batchOption)
    .action((name: string | undefined, o: Common & { batch?: number }) => run(state, () => withWs(o.workspace, async (ws) => {
      const t = transferOptions(o.json);
      try {
        const r = await push(ws, name, { ...t, batchSize: o.batch }).catch((e: unknown) => explainPushFailure(ws, e));
        await (o.json ? json(r) : out(pushText(r, getRemote(ws, name).url)));
        return r.conflicts.recorded ? EXIT_BAD_INPUT : EXIT_OK;
      } finally {
        t.done();
      }
    })));
}

function pullCommand(state: RunState): Command {
  return syncingCommand('pull', 'fetch what others pushed and apply it; a local change to the same entity becomes a conflict, never an overwrite')
    .action((name: string | undefined, o: Common) => run(state, () => withWs(o.workspace, async (ws) => {
      const t = transferOptions(o.json);
      try {
        const r = await pull(ws, name, t);
        await (o.json ? json(r) : out(pullText(r, getRemote(ws, name).url)));
        return r.conflicts.recorded ? EXIT_BAD_INPUT : EXIT_OK;
      } finally {
        t.done();
      }
    })));
}

function syncCommand(state: RunState): Command {
  return syncingCommand('sync', 'pull, then push')
    .option(...batchOption)
    .action((name: string | undefined, o: Common & { batch?: number }) => run(state, () => withWs(o.workspace, async (ws) => {
      const t = transferOptions(o.json);
      try {
        const r = await sync(ws, name, { ...t, batchSize: o.batch }).catch((e: unknown) => explainPushFailure(ws, e));
        const url = getRemote(ws, name).url;
        await (o.json ? json(r) : out(pullText(r.pull, url) + pushText(r.push, url)));
        return r.pull.conflicts.recorded + r.push.conflicts.recorded ? EXIT_BAD_INPUT : EXIT_OK;
      } finally {
        t.done();
      }
    })));
}

function statusCommand(state: RunState): Command {
  return new Command('status')
    .description('where the workspace stands with a remote: changes ahead and behind, open conflicts, last sync, last error')
    .argument('[remote]', 'remote name (default: the only remote, or origin)')
    .option(...workspaceOption).option('--json', 'print the status as JSON')
    .action((name: string | undefined, o: Common) => run(state, () => withWs(o.workspace, async (ws) => {
      if (!listRemotes(ws).length && name === undefined) {
        const local = { remote: null, ahead: outboxSize(ws), conflicts: openConflicts(ws).length };
        return o.json ? json(local) : out(`no remote (add one with 'dataforge remote add origin URL'); ${local.ahead} change(s) queued, ${local.conflicts} open conflict(s)\n`);
      }
      const st = await status(ws, name);
      await (o.json ? json(st) : out(statusText(st)));
    })));
}

function conflictsCommand(state: RunState): Command {
  const conflicts = new Command('conflicts').description('changes made on a version someone else had changed: both copies kept until you choose');
  conflicts.command('list')
    .description('open conflicts: id, entity, the fields that differ')
    .option(...workspaceOption).option('--json', 'one JSON array')
    .action((o: Common) => run(state, () => withWs(o.workspace, async (ws) => {
      const list = openConflicts(ws);
      await (o.json ? json(list) : out(conflictListText(list)));
    })));
  conflicts.command('show')
    .description('both copies of one conflict, field by field')
    .argument('<id>', 'conflict id (from conflicts list)', parseWholeNumber(1))
    .option(...workspaceOption).option('--json', 'print both copies as JSON')
    .action((id: number, o: Common) => run(state, () => withWs(o.workspace, async (ws) => {
      const c = openConflicts(ws).find((x) => x.id === id);
      if (!c) throw new SyncError('no-such-conflict', `no open conflict ${id} ('dataforge conflicts list' shows them)`);
      await (o.json ? json(c) : out(conflictShowText(c)));
    })));
  conflicts.command('resolve')
    .description('settle a conflict: take our copy, theirs, or a merge (FILE: JSON object of the fields to set on top of ours); push to send it')
    .argument('<id>', 'conflict id', parseWholeNumber(1))
    .argument('[file]', "with --take merged: a JSON file of fields, e.g. {\"operator\": \"ACME\"} ('-' reads stdin)")
    .requiredOption('--take <which>', 'local, remote or merged', parseChoice(['local', 'remote', 'merged'] as const))
    .option(...workspaceOption).option('--json', 'print the result as JSON')
    .action((id: number, file: string | undefined, o: Common & { take: 'local' | 'remote' | 'merged' }) => run(state, () => withWs(o.workspace, async (ws) => {
      let how: Resolution;
      if (o.take === 'merged') {
        if (!file) throw new CliError('--take merged needs FILE: a JSON object of the merged fields');
        how = { take: 'merged', data: readMerged(file) };
      } else {
        if (file) throw new CliError(`FILE is only for --take merged (not --take ${o.take})`);
        how = { take: o.take };
      }
      const conflict = openConflicts(ws).find((c) => c.id === id);
      if (!conflict) throw new SyncError('no-such-conflict', `no open conflict ${id} ('dataforge conflicts list' shows them)`);
      if (how.take === 'merged') {
        // A misspelt field would otherwise be dropped without a word.
        const unknown = Object.keys(how.data).filter((k) => !(k in conflict.local.data) && !(k in conflict.remote.data));
        if (unknown.length) throw new CliError(`${file}: no field ${unknown.map((k) => `'${k}'`).join(', ')} on this ${conflict.entity.replace('_', ' ')}; fields: ${Object.keys(conflict.local.data).sort().join(', ')}`, file);
      }
      resolveConflict(ws, id, how);
      const next = how.take === 'remote' ? 'the other copy is now yours' : "run 'dataforge push' to send it";
      await (o.json ? json({ resolved: id, take: how.take, queued: outboxSize(ws) }) : out(`resolved conflict ${id} (${how.take}): ${next}\n`));
    })));
  return conflicts;
}

function readMerged(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new CliError(`${file}: cannot read: ${(e as Error).message}`, file);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file}: not JSON (${(e as Error).message})`, file);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new CliError(`${file}: expected a JSON object of fields, e.g. {"operator": "ACME"}`, file);
  const data = value as Record<string, unknown>;
  // A whole entity (from `conflicts show --json`) is accepted too: its data is what counts.
  return data.data && typeof data.data === 'object' && !Array.isArray(data.data) ? (data.data as Record<string, unknown>) : data;
}

function bundleCommand(state: RunState): Command {
  const bundle = new Command('bundle').description('carry changes and their blobs in one file, for sites with no network');
  bundle.command('create')
    .description('write the workspace (or what changed since a cursor) and the blobs it needs into OUT')
    .argument('<out>', 'bundle file to write (replaced whole, never left half-written)')
    .option('--since <cursor>', "only what changed after this cursor (printed by the previous 'bundle create')")
    .option('--passphrase-stdin', 'encrypt with a passphrase read from stdin (or set DATAFORGE_BUNDLE_PASSPHRASE)')
    .option(...workspaceOption).option('--json', 'print the result as JSON')
    .action((outFile: string, o: Common & { since?: string; passphraseStdin?: boolean }) => run(state, () => withWs(o.workspace, async (ws) => {
      const passphrase = await secretFrom({ fromStdin: o.passphraseStdin, envVar: 'DATAFORGE_BUNDLE_PASSPHRASE', what: 'passphrase', required: false });
      const r = createBundle(ws, outFile, { since: o.since, passphrase });
      await (o.json ? json(r) : out(bundleCreateText(r)));
    })));
  bundle.command('apply')
    .description('check a bundle whole (hashes; for an encrypted one, the passphrase and every byte), then apply it to this workspace (conflict rules of a pull) or, with --remote, to a server workspace (conflict rules of a push)')
    .argument('<file>', 'bundle file')
    .option('--passphrase-stdin', 'read the passphrase from stdin (or set DATAFORGE_BUNDLE_PASSPHRASE, or be prompted)')
    .option('--remote <remote>', 'apply to a server workspace instead: a remote name of this workspace, or http://HOST:PORT/WORKSPACE (needs the member role there)')
    .option('--strategy <s>', `conflict strategy: ${STRATEGIES.join(', ')} (default: the remote's, else manual)`, parseChoice(STRATEGIES))
    .option('--queue', "take the bundle's changes as edits made here on their own base versions, queued for 'dataforge push' (which then meets any conflict with the server)")
    .option(...batchOption)
    .option(...workspaceOption).option('--json', 'print the result as JSON')
    .addHelpText('after', [
      '',
      'To a workspace: what a bundle brings is not queued for push (it is the sender\'s change, not this',
      'workspace\'s) unless --queue is given.',
      'To a server (--remote): the blobs the server lacks are uploaded, the changes pushed with their base',
      'versions; a change whose entity moved on since is a conflict, reported with the fields that differ and',
      'never an overwrite (exit 1). Applying the same bundle again changes nothing.',
    ].join('\n'))
    .action((file: string, o: Common & { passphraseStdin?: boolean; strategy?: Strategy; remote?: string; queue?: boolean; batch?: number }) => run(state, async () => {
      if (o.remote !== undefined && o.strategy) throw new CliError('--strategy is for a workspace: conflicts with a server are reported, never settled on the server (see --remote in --help)');
      if (o.remote !== undefined && o.queue) throw new CliError('--queue is for a workspace (queue the changes there, then push): leave out --remote, or --queue');
      const withPassphrase = async <T>(apply: (passphrase: string | undefined) => Promise<T>): Promise<T> => {
        const passphrase = await secretFrom({ fromStdin: o.passphraseStdin, envVar: 'DATAFORGE_BUNDLE_PASSPHRASE', what: 'passphrase', required: false });
        try {
          return await apply(passphrase);
        } catch (e) {
          if (!(e instanceof SyncError && e.code === 'passphrase-needed' && passphrase === undefined && process.stdin.isTTY)) throw e;
          return apply(await secretFrom({ envVar: 'DATAFORGE_BUNDLE_PASSPHRASE', what: 'passphrase', required: true, prompt: `passphrase for ${file}: ` }));
        }
      };
      if (o.remote !== undefined) {
        const target = remoteTarget(o.remote, o.workspace);
        const t = transferOptions(o.json);
        try {
          const r = await withPassphrase((passphrase) => applyBundleToServer(file, target, { ...t, passphrase, batchSize: o.batch }));
          await (o.json ? json(r) : out(bundleServerText(r)));
          return r.conflicts.length ? EXIT_BAD_INPUT : EXIT_OK;
        } finally {
          t.done();
        }
      }
      return withWs(o.workspace, async (ws) => {
        const strategy = o.strategy ?? defaultStrategy(ws);
        const r = await withPassphrase(async (passphrase) => applyBundle(ws, file, { passphrase, strategy, queue: o.queue }));
        await (o.json ? json(r) : out(bundleApplyText(r)));
        return r.conflicts.recorded ? EXIT_BAD_INPUT : EXIT_OK;
      });
    }));
  return bundle;
}

/** `--remote`: a server URL with its workspace, or the name of a remote of this workspace. */
function remoteTarget(target: string, workspace: string | undefined): RemoteUrl {
  if (/^https?:\/\//i.test(target)) return parseRemoteUrl(target);
  const ws = Workspace.find(workspace);
  try {
    return getRemote(ws, target);
  } finally {
    ws.close();
  }
}

function defaultStrategy(ws: Workspace): Strategy {
  try {
    return getRemote(ws).strategy;
  } catch {
    return 'manual';
  }
}
