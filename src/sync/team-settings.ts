/**
 * Which of a workspace's settings a team shares through its server, and which stay on one machine.
 *
 * Team-wide (kept on the server per workspace, carried by `clone`):
 * - `depthUnit`, `defaultStep`: how a new well's depth grid is made. Every member's new wells
 *   must land on the same unit and step, or the same field is gridded two ways.
 * - the conflict strategy: the policy a new clone's `origin` starts with. It stays a local
 *   choice afterwards (`dataforge remote strategy`), since each client settles its own conflicts.
 *
 * Per machine (never sent): remotes (URLs, pull cursors, last sync, last error), logins
 * (~/.config/dataforge/credentials.json), the actor name (DATAFORGE_USER), the workspace id (each
 * copy is its own: bundles tell "our own past" by it), the outbox and open conflicts, write
 * sessions and caches. Reference data imported with `units import` / `dictionary import` is
 * not carried yet: each member imports the same file.
 *
 * The first push to a server workspace with no settings records the pusher's; afterwards an
 * admin changes them (`dataforge remote settings --publish`). Existing workspaces keep theirs
 * until told (`dataforge remote settings --adopt`).
 */
import type { Workspace, WorkspaceSettings } from '../workspace/workspace.js';
import type { TeamSettings } from './protocol.js';
import type { Strategy } from './remotes.js';

export function teamSettingsOf(ws: Workspace, strategy: Strategy): TeamSettings {
  const s = ws.settings;
  return { depthUnit: s.depthUnit, defaultStep: s.defaultStep, conflictStrategy: strategy };
}

/** The part of the team settings a workspace keeps in its own settings. */
export function workspaceSettingsFrom(team: TeamSettings): WorkspaceSettings {
  return { depthUnit: team.depthUnit, defaultStep: team.defaultStep };
}

/** Fields that differ between the team's settings and this workspace's (with this remote's strategy). */
export function settingsDifferences(team: TeamSettings, local: TeamSettings): { field: keyof TeamSettings; team: unknown; local: unknown }[] {
  return (Object.keys(team) as (keyof TeamSettings)[]).filter((k) => team[k] !== local[k]).map((k) => ({ field: k, team: team[k], local: local[k] }));
}
