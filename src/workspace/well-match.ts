import { randomUUID } from 'node:crypto';
import { headerValue } from '../las/access.js';
import type { LasFile } from '../las/model.js';
import { depthFactor } from './depth-units.js';
import type { DepthGrid } from './depth-grid.js';
import type { Workspace } from './workspace.js';

export interface WellMatch {
  id: string;
  name: string;
  created: boolean;
  grid: DepthGrid;
  /** Columns for a new well (unused when matched). */
  insert: Record<string, string | null>;
}

interface WellRow { id: string; name: string; grid_unit: 'm' | 'ft'; grid_step: number; grid_origin: number }

const clean = (v: string | undefined) => {
  const t = v?.trim();
  return t && !/^(UNKNOWN|N\/A|NA|NONE|-+)$/i.test(t) ? t : null;
};

/** UWI/API ignoring punctuation, so 05-123-37066 and 0512337066 are one well. */
const idKey = (v: string) => v.replace(/[^0-9A-Za-z]/g, '').toUpperCase();

/**
 * Finds the well a file belongs to: the `--well` override (by id or name), else the UWI,
 * then the API number, then the well name; otherwise a new well is planned.
 */
export function matchWell(ws: Workspace, las: LasFile, override: string | undefined, fileName: string): WellMatch {
  const uwi = clean(headerValue(las.well, 'UWI'));
  const api = clean(headerValue(las.well, 'API'));
  const wellName = clean(headerValue(las.well, 'WELL'));
  const live = ws.db.prepare('SELECT id, name, uwi, api, grid_unit, grid_step, grid_origin FROM wells WHERE deleted = 0').all() as (WellRow & { uwi: string | null; api: string | null })[];
  const found = (w: WellRow): WellMatch => ({ id: w.id, name: w.name, created: false, grid: { unit: w.grid_unit, step: w.grid_step, origin: w.grid_origin }, insert: {} });
  if (override) {
    const byId = live.find((w) => w.id === override);
    const byName = live.find((w) => w.name.toLowerCase() === override.toLowerCase());
    if (byId ?? byName) return found((byId ?? byName)!);
  } else {
    const byUwi = uwi ? live.find((w) => w.uwi && idKey(w.uwi) === idKey(uwi)) : undefined;
    if (byUwi) return found(byUwi);
    const byApi = api ? live.find((w) => w.api && idKey(w.api) === idKey(api)) : undefined;
    if (byApi) return found(byApi);
    const byName = wellName ? live.find((w) => w.name.toLowerCase() === wellName.toLowerCase()) : undefined;
    if (byName) return found(byName);
  }
  const settings = ws.settings;
  const factor = depthFactor(las.index?.canonicalUnit ?? null, settings.depthUnit);
  const nativeStep = las.index?.regular && las.index.step ? Math.abs(las.index.step) : null;
  const step = nativeStep && factor ? roundStep(nativeStep * factor) : settings.defaultStep;
  const name = override ?? wellName ?? fileName.replace(/\.[^.]+$/, '');
  const id = randomUUID();
  return {
    id,
    name,
    created: true,
    grid: { unit: settings.depthUnit, step, origin: 0 },
    insert: {
      id, name, uwi, api,
      field: clean(headerValue(las.well, 'FLD')), operator: clean(headerValue(las.well, 'COMP')),
      country: clean(headerValue(las.well, 'CTRY')), state: clean(headerValue(las.well, 'STAT') ?? headerValue(las.well, 'PROV')),
      county: clean(headerValue(las.well, 'CNTY')), location: clean(headerValue(las.well, 'LOC')),
    },
  };
}

/** 0.5 ft in metres is 0.1524 exactly as a decimal; keep grid steps free of float noise. */
function roundStep(x: number): number {
  return Number(x.toPrecision(10));
}
