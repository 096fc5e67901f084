/**
 * The synthetic earth behind a generated log: formations (which become the LAS 3.0 Tops set)
 * made of beds of sand, shale, limestone and dolomite, each bed with its own shale volume,
 * porosity, fluid and radioactivity. Tool responses in `generate-curves.ts` are computed
 * from these rock properties, so GR, RHOB, NPHI, DT and resistivity agree with each other.
 */
import type { Rng } from './prng.js';

export type Lithology = 'sand' | 'shale' | 'limestone' | 'dolomite';
export type Fluid = 'water' | 'oil' | 'gas';

const LITHOLOGIES: readonly Lithology[] = ['sand', 'shale', 'limestone', 'dolomite'];

/** A formation's mix of bed lithologies (weights), and what its shales and waters are like. */
export interface Formation {
  name: string;
  /** Top and base depth in metres, top < base. */
  top: number;
  base: number;
  weights: Record<Lithology, number>;
  /** Formation water resistivity (ohm.m). */
  rw: number;
  /** Shale resistivity (ohm.m), wet-shale density (g/cm3), neutron and sonic readings. */
  rsh: number;
  rhoSh: number;
  nphiSh: number;
  dtSh: number;
}

/** Rock properties of one bed. */
export interface Bed {
  lith: Lithology;
  /** Thickness along the log, in metres. */
  thickness: number;
  formation: Formation;
  vsh: number;
  /** Effective porosity (v/v). */
  phi: number;
  fluid: Fluid;
  sw: number;
  /** Potassium (%), uranium and thorium (ppm): GR = 16 K + 8 U + 4 Th. */
  k: number;
  u: number;
  th: number;
  /** Hole enlargement over bit size (in); negative for mud cake. */
  washout: number;
}

const FORMATION_NAMES = [
  'Belly River', 'Lea Park', 'Milk River', 'Colorado', 'Second White Specks', 'Cardium', 'Viking', 'Joli Fou',
  'Mannville', 'Colony', 'Glauconitic', 'Basal Quartz', 'Ostracod', 'Rundle', 'Pekisko', 'Banff', 'Exshaw',
  'Wabamun', 'Nisku', 'Leduc', 'Cooking Lake', 'Beaverhill Lake', 'Swan Hills', 'Slave Point', 'Watt Mountain',
  'Keg River', 'Granite Wash',
];

const CHARACTERS: readonly Record<Lithology, number>[] = [
  { sand: 0.25, shale: 0.7, limestone: 0.05, dolomite: 0 }, // shale-prone
  { sand: 0.6, shale: 0.35, limestone: 0.05, dolomite: 0 }, // sand-prone
  { sand: 0, shale: 0.2, limestone: 0.6, dolomite: 0.2 }, // carbonate platform
  { sand: 0.35, shale: 0.45, limestone: 0.2, dolomite: 0 }, // mixed
];

/** Formations covering [topM, baseM] metres, 30 to 250 m thick, named from a real-sounding list. */
export function makeFormations(rng: Rng, topM: number, baseM: number): Formation[] {
  const out: Formation[] = [];
  let top = topM;
  let k = 0;
  while (top < baseM || out.length === 0) {
    const thickness = rng.uniform(30, 250);
    const base = Math.min(baseM, top + thickness);
    const round = Math.floor(k / FORMATION_NAMES.length);
    const name = FORMATION_NAMES[k % FORMATION_NAMES.length] + (round ? ` ${round + 1}` : '');
    out.push({
      name,
      top,
      base: base > top ? base : top,
      weights: rng.pick(CHARACTERS),
      rw: rng.uniform(0.03, 0.12),
      rsh: rng.uniform(1.5, 6),
      rhoSh: rng.uniform(2.45, 2.6),
      nphiSh: rng.uniform(0.3, 0.42),
      dtSh: rng.uniform(90, 120),
    });
    k++;
    if (base >= baseM) break;
    top = base;
  }
  return out;
}

/** Finds the formation at a depth; formations sorted by top. */
export function formationAt(formations: Formation[], depthM: number): Formation {
  let lo = 0;
  let hi = formations.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (formations[mid].top <= depthM) lo = mid;
    else hi = mid - 1;
  }
  return formations[lo];
}

function pickWeighted(rng: Rng, weights: Record<Lithology, number>): Lithology {
  let total = 0;
  for (const l of LITHOLOGIES) total += weights[l];
  let r = rng.next() * total;
  for (const l of LITHOLOGIES) {
    r -= weights[l];
    if (r < 0) return l;
  }
  return 'shale';
}

const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

const MEDIAN_THICKNESS: Record<Lithology, number> = { sand: 2, shale: 3, limestone: 3, dolomite: 2 };

/** Draws the next bed at `depthM` (true depth drives compaction: porosity falls with depth). */
export function drawBed(rng: Rng, formation: Formation, depthM: number): Bed {
  const lith = pickWeighted(rng, formation.weights);
  const thickness = clamp(MEDIAN_THICKNESS[lith] * Math.exp(0.8 * rng.normal()), 0.3, 30);
  const z = clamp(depthM, 0, 5000);
  const phiMax = 0.34 * Math.exp(-z / 3500) + 0.04;
  let vsh: number;
  let phi: number;
  switch (lith) {
    case 'sand':
      vsh = rng.uniform(0.03, 0.3);
      phi = clamp(phiMax * rng.uniform(0.6, 1.05) - 0.1 * vsh, 0.03, 0.36);
      break;
    case 'limestone':
      vsh = rng.uniform(0, 0.15);
      phi = clamp(phiMax * rng.uniform(0.05, 0.6), 0.01, 0.3);
      break;
    case 'dolomite':
      vsh = rng.uniform(0, 0.12);
      phi = clamp(phiMax * rng.uniform(0.1, 0.7), 0.02, 0.3);
      break;
    default:
      vsh = rng.uniform(0.7, 1);
      phi = rng.uniform(0, 0.05);
  }
  let fluid: Fluid = 'water';
  if (lith !== 'shale' && phi > 0.06 && rng.chance(0.22)) fluid = rng.chance(0.3) ? 'gas' : 'oil';
  const sw = fluid === 'water' ? rng.uniform(0.85, 1) : fluid === 'oil' ? rng.uniform(0.15, 0.5) : rng.uniform(0.1, 0.45);
  // Radioactivity of the clean matrix, mixed with the shale's by volume.
  const matrix: Record<Lithology, [number, number, number]> = {
    sand: [rng.uniform(0.2, 1.2), rng.uniform(0.3, 1.2), rng.uniform(1, 4)],
    limestone: [rng.uniform(0.1, 0.3), rng.uniform(0.5, 2.5), rng.uniform(0.5, 2)],
    dolomite: [rng.uniform(0.1, 0.4), rng.uniform(1, 4), rng.uniform(0.5, 2)],
    shale: [rng.uniform(0.5, 1.5), rng.uniform(0.5, 2), rng.uniform(2, 6)],
  };
  const [km, um, thm] = matrix[lith];
  const ks = rng.uniform(2, 3.5);
  const us = rng.uniform(2, 5);
  const ths = rng.uniform(9, 15);
  const washout = lith === 'shale' ? (rng.chance(0.4) ? rng.uniform(0.2, 2.5) : rng.uniform(0, 0.3)) : -rng.uniform(0, 0.3);
  return {
    lith,
    thickness,
    formation,
    vsh,
    phi,
    fluid,
    sw,
    k: (1 - vsh) * km + vsh * ks,
    u: (1 - vsh) * um + vsh * us,
    th: (1 - vsh) * thm + vsh * ths,
    washout,
  };
}
