/**
 * The sync protocol: zod schemas shared by the client and the server. Both ends validate
 * everything that crosses the wire with these.
 *
 * Entities are versioned records (wells, log runs, data sets, curves). The server owns
 * versions: a change names the version it was made on (`baseVersion`); the server applies
 * it only if that is still the current version, and answers with the new version — or with
 * a conflict carrying the server's copy. Curve data never conflicts: it lives in immutable,
 * content-addressed blobs that entities reference by sha256.
 */
import { z } from 'zod';

export const SHA256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest');

export const ENTITY_TYPES = ['well', 'log_run', 'dataset', 'curve'] as const;
export const EntityType = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof EntityType>;

export const EntityId = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'letters, digits and dashes');

/** One entity as it travels: its columns as JSON, plus the blobs it needs. */
export const Entity = z.object({
  type: EntityType,
  id: EntityId,
  version: z.number().int().nonnegative(),
  deleted: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  data: z.record(z.string(), z.unknown()),
  blobs: z.array(SHA256).max(16),
});
export type Entity = z.infer<typeof Entity>;

export const Change = z.object({
  /** The version this change was made on: 0 for an entity the server has never seen. */
  baseVersion: z.number().int().nonnegative(),
  entity: Entity,
});
export type Change = z.infer<typeof Change>;

/** Key-order-independent JSON, so two copies of the same data compare equal. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** Same state (data, tombstone, blobs), whatever the versions and stamps say. */
export function sameContent(a: Pick<Entity, 'data' | 'deleted' | 'blobs'>, b: Pick<Entity, 'data' | 'deleted' | 'blobs'>): boolean {
  return a.deleted === b.deleted && canonical(a.data) === canonical(b.data) && canonical([...a.blobs].sort()) === canonical([...b.blobs].sort());
}


export const CONFLICT_STRATEGIES = ['manual', 'last-write-wins', 'prefer-local', 'prefer-remote'] as const;

/**
 * What a team shares about a server workspace besides its data: how depth grids are made
 * (every member's new wells on the same unit and step) and the conflict strategy a new
 * clone starts with. Everything else a workspace holds is per machine (see README).
 */
export const TeamSettings = z.object({
  depthUnit: z.enum(['m', 'ft']),
  defaultStep: z.number().positive().max(1000),
  conflictStrategy: z.enum(CONFLICT_STRATEGIES),
});
export type TeamSettings = z.infer<typeof TeamSettings>;

export const TeamSettingsResponse = z.object({
  /** null until the first push (or an admin) records them. */
  settings: TeamSettings.nullable(),
  /** 0 while there are none; each change adds one. */
  version: z.number().int().nonnegative(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type TeamSettingsResponse = z.infer<typeof TeamSettingsResponse>;

export const PutTeamSettingsRequest = z.object({
  /** The version the change was made on (0: there were none); a stale one is refused (409). */
  baseVersion: z.number().int().nonnegative(),
  settings: TeamSettings,
});

export const PushRequest = z.object({
  /** The same key sent again (a retry) gets the first answer back and changes nothing. */
  idempotencyKey: z.string().min(8).max(128),
  changes: z.array(Change).min(1).max(1000),
  /** The pusher's team settings: recorded when the server workspace has none yet, else ignored. */
  settings: TeamSettings.optional(),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const Applied = z.object({ type: EntityType, id: EntityId, version: z.number().int().positive() });
export const Conflict = z.object({
  type: EntityType,
  id: EntityId,
  baseVersion: z.number().int().nonnegative(),
  /** The server's current copy. */
  remote: Entity,
});
export type Conflict = z.infer<typeof Conflict>;

export const PushResponse = z.object({
  applied: z.array(Applied),
  conflicts: z.array(Conflict),
  /** Blobs the changes reference that the server does not have: upload them, then push again. */
  missingBlobs: z.array(SHA256),
  cursor: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const PullQuery = z.object({
  since: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export const PullResponse = z.object({
  changes: z.array(Entity.extend({ seq: z.number().int().positive() })),
  /** Pass back as `since` for the next page. */
  cursor: z.number().int().nonnegative(),
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const MissingBlobsRequest = z.object({ hashes: z.array(SHA256).max(10000) });
export const MissingBlobsResponse = z.object({
  missing: z.array(SHA256),
  /**
   * Bytes the server already holds of missing blobs whose upload was cut (only those above 0):
   * the client resumes there without asking per blob. Absent from older servers.
   */
  offsets: z.record(SHA256, z.number().int().nonnegative()).optional(),
});
export type MissingBlobsResponse = z.infer<typeof MissingBlobsResponse>;
