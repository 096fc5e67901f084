/** What the sync commands print for a person (the --json output is the report objects themselves). */
import type { ApplyBundleResult, CreateBundleResult } from '../sync/bundle.js';
import type { ServerApplyResult } from '../sync/bundle-server.js';
import type { ConflictTally, PullReport, PushReport, StatusReport } from '../sync/client.js';
import type { ConflictRow } from '../sync/entities.js';
import type { TeamSettings, TeamSettingsResponse } from '../sync/protocol.js';
import type { Remote } from '../sync/remotes.js';
import { showBytes, showValue } from './workspace-edit-helpers.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function conflictLines(t: ConflictTally): string {
  let s = '';
  if (t.resolvedLocal) s += `  ${plural(t.resolvedLocal, 'conflict')} settled by the strategy: our copy kept\n`;
  if (t.resolvedRemote) s += `  ${plural(t.resolvedRemote, 'conflict')} settled by the strategy: the other copy taken\n`;
  if (t.recorded) s += `  ${plural(t.recorded, 'conflict')} to resolve: see 'dataforge conflicts list'\n`;
  return s;
}

export function pushText(r: PushReport, url: string): string {
  if (!r.requests && !r.conflicts.recorded) return r.queued ? `nothing could be pushed to ${r.remote}: ${plural(r.queued, 'change')} wait on open conflicts ('dataforge conflicts list')\n` : `nothing to push: ${r.remote} is up to date\n`;
  let s = `pushed ${plural(r.pushed, 'change')} to ${r.remote} (${url})`;
  if (r.blobsUploaded) s += `; uploaded ${plural(r.blobsUploaded, 'blob')}, ${showBytes(r.bytesUploaded)}`;
  if (r.blobsAlreadyThere) s += `; ${plural(r.blobsAlreadyThere, 'blob')} already on the server`;
  s += '\n' + conflictLines(r.conflicts);
  if (r.queued) s += `  ${plural(r.queued, 'change')} still queued\n`;
  return s;
}

export function pullText(r: PullReport, url: string): string {
  if (!r.received) return `already up to date with ${r.remote}\n`;
  let s = `pulled ${plural(r.received, 'change')} from ${r.remote} (${url}): ${r.applied} applied, ${r.unchanged} unchanged`;
  if (r.conflicts.ownChanges) s += `, ${r.conflicts.ownChanges} of ours confirmed`;
  if (r.blobsDownloaded) s += `; downloaded ${plural(r.blobsDownloaded, 'blob')}, ${showBytes(r.bytesDownloaded)}`;
  s += `\n${conflictLines(r.conflicts)}`;
  if (r.waiting) s += `  ${waitingText(r.waiting)}\n`;
  return s;
}

/** Entities held back because the server has not sent their parent (see src/sync/parked.ts). */
function waitingText(n: number): string {
  return `${plural(n, 'pulled change')} wait for a parent the server has not sent yet: they go in with the pull that brings it`;
}

export function statusText(st: StatusReport): string {
  const lines = [`remote ${st.remote}: ${st.url} (conflict strategy ${st.strategy})`];
  lines.push(st.reachable ? `  server reachable${st.loggedInAs ? `, logged in as ${st.loggedInAs}` : ''}` : `  server NOT reachable: ${st.error}`);
  lines.push(`  ahead:  ${plural(st.ahead, 'change')} queued to push`);
  lines.push(`  behind: ${st.behind === null ? 'unknown (server not reachable)' : plural(st.behind, 'change') + ' to pull'}`);
  lines.push(`  conflicts: ${st.conflicts ? `${st.conflicts} open ('dataforge conflicts list')` : 'none'}`);
  if (st.waiting) lines.push(`  ${waitingText(st.waiting)}`);
  lines.push(`  last pull: ${st.lastPullAt ?? 'never'}; last push: ${st.lastPushAt ?? 'never'}`);
  if (st.lastError) lines.push(`  last error: ${st.lastError}`);
  return `${lines.join('\n')}\n`;
}

export function remoteLines(remotes: Remote[]): string {
  if (!remotes.length) return "no remotes: add one with 'dataforge remote add origin http://HOST:PORT/WORKSPACE'\n";
  return remotes.map((r) => `${r.name}\t${r.url}\t${r.strategy}\n`).join('');
}

function entityName(c: ConflictRow): string {
  const name = c.local.data.name ?? c.local.data.mnemonic ?? c.local.data.source_name;
  return `${c.entity.replace('_', ' ')} ${c.entityId.slice(0, 8)}${typeof name === 'string' ? ` (${name})` : ''}`;
}

/** Fields whose values differ between the two copies. */
export function differingFields(c: ConflictRow): string[] {
  const keys = new Set([...Object.keys(c.local.data), ...Object.keys(c.remote.data)]);
  return [...keys].filter((k) => JSON.stringify(c.local.data[k] ?? null) !== JSON.stringify(c.remote.data[k] ?? null)).sort();
}

export function conflictListText(list: ConflictRow[]): string {
  if (!list.length) return 'no open conflicts\n';
  return list.map((c) => {
    const fields = differingFields(c);
    const deletion = c.local.deleted !== c.remote.deleted ? (c.local.deleted ? ' [removed here]' : ' [removed there]') : '';
    return `${c.id}\t${entityName(c)}${deletion}\tdiffers in: ${fields.length ? fields.join(', ') : '(nothing but the tombstone)'}\n`;
  }).join('') + "resolve with 'dataforge conflicts resolve ID --take local|remote|merged [FILE]'\n";
}

export function conflictShowText(c: ConflictRow): string {
  let s = `conflict ${c.id}: ${entityName(c)}, found ${c.detectedAt}\n`;
  s += `  ours:   version made on ${c.baseVersion}, by ${c.local.updatedBy} at ${c.local.updatedAt}${c.local.deleted ? ' (removed)' : ''}\n`;
  s += `  theirs: version ${c.remoteVersion}, by ${c.remote.updatedBy} at ${c.remote.updatedAt}${c.remote.deleted ? ' (removed)' : ''}\n`;
  for (const f of differingFields(c)) s += `  ${f}:\n    ours:   ${showValue(c.local.data[f])}\n    theirs: ${showValue(c.remote.data[f])}\n`;
  return s;
}

export function bundleCreateText(r: CreateBundleResult): string {
  return `wrote ${r.file}: ${plural(r.entities, 'change')}, ${plural(r.blobs, 'blob')} (${showBytes(r.blobBytes)}), ${showBytes(r.bytes)} in all${r.encrypted ? ', encrypted' : ''}\n`
    + `next time, for only what changes after this bundle: dataforge bundle create OUT --since ${r.cursor}\n`;
}

export function bundleApplyText(r: ApplyBundleResult): string {
  const what = r.queued ? `${plural(r.queued, 'change')} queued to push` : `${r.applied} applied`;
  return `applied ${r.file} (made by ${r.createdBy} at ${r.createdAt}${r.encrypted ? ', encrypted' : ''}): ${what}, ${r.unchanged} unchanged, ${plural(r.blobsAdded, 'blob')} added\n`
    + conflictLines(r.conflicts)
    + (r.queued ? "  run 'dataforge push' to send them; a change the server's copy has moved past comes back as a conflict\n" : '');
}

export function bundleServerText(r: ServerApplyResult): string {
  let s = `applied ${r.file} (made by ${r.createdBy} at ${r.createdAt}${r.encrypted ? ', encrypted' : ''}) to ${r.url}: `
    + `${r.applied} applied, ${r.alreadyApplied} already there`;
  if (r.blobsUploaded) s += `; uploaded ${plural(r.blobsUploaded, 'blob')}, ${showBytes(r.bytesUploaded)}`;
  if (r.blobsAlreadyThere) s += `; ${plural(r.blobsAlreadyThere, 'blob')} already on the server`;
  s += '\n';
  if (!r.conflicts.length) return s;
  s += `${plural(r.conflicts.length, 'conflict')}: the server's copy changed after the bundle's change was made; nothing was overwritten:\n`;
  for (const c of r.conflicts) {
    const who = `${c.type.replace('_', ' ')} ${c.id.slice(0, 8)}${c.name ? ` (${c.name})` : ''}`;
    s += `  ${who}: made on version ${c.baseVersion}, the server has version ${c.serverVersion} (by ${c.serverUpdatedBy} at ${c.serverUpdatedAt})\n`;
    if (c.deleted.bundle !== c.deleted.server) s += `    ${c.deleted.bundle ? 'removed in the bundle, kept on the server' : 'removed on the server, kept in the bundle'}\n`;
    for (const f of c.fields) s += `    ${f.field}: bundle ${showValue(f.bundle)}, server ${showValue(f.server)}\n`;
  }
  s += `to settle them, in a fresh clone of the workspace (dataforge clone ${r.url} DIR):\n`
    + `  1. dataforge bundle apply ${r.file} --queue: the bundle's changes become that workspace's, on their base versions\n`
    + '  2. dataforge push: the conflicts come back there, both copies kept\n'
    + '  3. dataforge conflicts list, show ID, resolve ID --take local|remote|merged [FILE]; then dataforge push\n';
  return s;
}

const settingsLine = (s: TeamSettings) => `depth unit ${s.depthUnit}, default step ${s.defaultStep}, conflict strategy ${s.conflictStrategy}`;

export function cloneSettingsText(s: TeamSettings | null): string {
  return s ? `  team settings: ${settingsLine(s)}\n` : '  the server keeps no team settings for this workspace yet: defaults used (the first push records them)\n';
}

export function teamSettingsText(remote: string, team: TeamSettingsResponse, local: TeamSettings, differences: { field: string; team: unknown; local: unknown }[]): string {
  let s = team.settings
    ? `team settings on ${remote} (version ${team.version}, by ${team.updatedBy} at ${team.updatedAt}): ${settingsLine(team.settings)}\n`
    : `no team settings on ${remote} yet: the next push records this workspace's\n`;
  s += `this workspace: ${settingsLine(local)}\n`;
  if (differences.length) {
    s += differences.map((d) => `  ${d.field}: team ${showValue(d.team)}, here ${showValue(d.local)}\n`).join('');
    s += "  'dataforge remote settings --adopt' takes the team's; '--publish' (admin) makes these the team's\n";
  }
  return s;
}
