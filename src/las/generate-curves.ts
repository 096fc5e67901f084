/**
 * The curves a synthetic log can carry, in the order they are added, and how each tool
 * responds to the rock: textbook petrophysics (volume mixing for density, neutron and
 * sonic; Archie/Simandoux for resistivity; GR from K, U, Th; SP from the Rmf/Rw contrast),
 * blurred to the tool's vertical resolution, with tool noise.
 */
import type { Bed } from './generate-geology.js';

export type DepthUnit = 'M' | 'FT';

/** Well-wide conditions. */
export interface WellConditions {
  depthUnit: DepthUnit;
  /** Bit size (in). */
  bitSize: number;
  /** Mud filtrate resistivity (ohm.m). */
  rmf: number;
  surfaceTempC: number;
  /** Geothermal gradient (degC per m). */
  gradient: number;
}

/** What the tools would read at a depth before blurring and noise. */
export interface RockResponse {
  gr: number;
  cgr: number;
  k: number;
  u: number;
  th: number;
  rhob: number;
  drho: number;
  nphi: number;
  dt: number;
  dts: number;
  pef: number;
  rt: number;
  rxo: number;
  ssp: number;
  cali: number;
}

const MATRIX = {
  sand: { rho: 2.65, dt: 55.5, pe: 1.81, nphi: -0.035, vpvs: 1.6 },
  limestone: { rho: 2.71, dt: 47.5, pe: 5.08, nphi: 0, vpvs: 1.9 },
  dolomite: { rho: 2.87, dt: 43.5, pe: 3.14, nphi: 0.04, vpvs: 1.8 },
  shale: { rho: 2.65, dt: 55.5, pe: 2.9, nphi: 0, vpvs: 1.7 },
} as const;

/** Tool responses of a bed (they do not change within it). */
export function bedResponse(bed: Bed, well: WellConditions): RockResponse {
  const f = bed.formation;
  const m = MATRIX[bed.lith];
  const { phi, vsh, sw } = bed;
  const solid = Math.max(0, 1 - phi - vsh);
  // Density and neutron see the flushed zone, where filtrate displaced part of the hydrocarbon.
  const sxo = sw + (1 - sw) * 0.5;
  const rhoHc = bed.fluid === 'gas' ? 0.25 : 0.8;
  const hiHc = bed.fluid === 'gas' ? 0.35 : 0.9;
  const washout = Math.max(0, bed.washout);
  const rhob = solid * m.rho + vsh * f.rhoSh + phi * (sxo * 1.05 + (1 - sxo) * rhoHc) - 0.05 * washout;
  const nphi = solid * m.nphi + vsh * f.nphiSh + phi * (sxo + (1 - sxo) * hiHc) + 0.02 * washout;
  const dt = solid * m.dt + vsh * f.dtSh + phi * 189 * (bed.fluid === 'gas' ? 1.15 : 1);
  const vpvs = bed.lith === 'shale' ? 2.0 : bed.fluid === 'gas' ? 1.5 : m.vpvs + 0.3 * vsh;
  // Simandoux, a = 1, m = n = 2.
  const ct = (phi * phi * sw * sw) / f.rw + (vsh * sw) / f.rsh;
  const cxo = (phi * phi * sxo * sxo) / well.rmf + (vsh * sxo) / f.rsh;
  const gr = 16 * bed.k + 8 * bed.u + 4 * bed.th;
  return {
    gr,
    cgr: 16 * bed.k + 4 * bed.th,
    k: bed.k,
    u: bed.u,
    th: bed.th,
    rhob,
    drho: 0.01 + 0.04 * washout,
    nphi,
    dt,
    dts: dt * vpvs,
    pef: solid * m.pe + vsh * 3.4 + phi * 0.4,
    rt: 1 / Math.max(ct, 1e-4),
    rxo: 1 / Math.max(cxo, 1e-4),
    // Static SP: -K log10(Rmf/Rw), reduced by shale.
    ssp: -71 * Math.log10(well.rmf / f.rw) * (1 - vsh),
    cali: well.bitSize + bed.washout,
  };
}

export interface CurveTemplate {
  mnemonic: string;
  unit: (u: DepthUnit) => string;
  description: string;
  decimals: number;
  /** Readings are clipped to [lo, hi], the range a real tool would report. */
  lo: number;
  hi: number;
  /** Measured curves: the response, the tool's vertical resolution (m) and noise sd. */
  measure?: (r: RockResponse, zM: number, well: WellConditions) => number;
  resolution?: number;
  noise?: (x: number) => number;
  /** Resistivities blur and scatter in log10. */
  logScale?: boolean;
  /** SP's baseline wanders: random-walk sd per metre (mV). */
  drift?: number;
  /** Computed curves: from the readings of other curves. */
  from?: string[];
  derive?: (v: (mnemonic: string) => number) => number;
}

const fixed = (s: string) => () => s;
const tempC = (zM: number, w: WellConditions) => w.surfaceTempC + w.gradient * Math.min(zM, 8000);
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** GR reading of clean rock and of shale for the shale-volume index. */
const GR_CLEAN = 25;
const GR_SHALE = 140;
const RW_NOMINAL = 0.06;

/** The log curves after DEPT, in the order a request for N curves takes them. */
export const CURVE_TEMPLATES: readonly CurveTemplate[] = [
  { mnemonic: 'GR', unit: fixed('GAPI'), description: 'GAMMA RAY', decimals: 2, lo: 0, hi: 300, measure: (r) => r.gr, resolution: 0.6, noise: (x) => 2 + 0.03 * x },
  { mnemonic: 'RHOB', unit: fixed('G/C3'), description: 'BULK DENSITY', decimals: 4, lo: 1.9, hi: 3.0, measure: (r) => r.rhob, resolution: 0.45, noise: () => 0.012 },
  { mnemonic: 'NPHI', unit: fixed('V/V'), description: 'NEUTRON POROSITY (LIMESTONE MATRIX)', decimals: 4, lo: -0.05, hi: 0.6, measure: (r) => r.nphi, resolution: 0.6, noise: () => 0.008 },
  { mnemonic: 'DT', unit: fixed('US/F'), description: 'SONIC TRANSIT TIME', decimals: 2, lo: 40, hi: 160, measure: (r) => r.dt, resolution: 0.6, noise: () => 0.8 },
  { mnemonic: 'ILD', unit: fixed('OHMM'), description: 'DEEP INDUCTION RESISTIVITY', decimals: 4, lo: 0.2, hi: 2000, measure: (r) => r.rt, resolution: 2, noise: () => 0.013, logScale: true },
  { mnemonic: 'SP', unit: fixed('MV'), description: 'SPONTANEOUS POTENTIAL', decimals: 2, lo: -160, hi: 40, measure: (r) => r.ssp, resolution: 3, noise: () => 0.4, drift: 0.15 },
  { mnemonic: 'CALI', unit: fixed('IN'), description: 'CALIPER', decimals: 3, lo: 4, hi: 20, measure: (r) => r.cali, resolution: 0.2, noise: () => 0.03 },
  { mnemonic: 'PEF', unit: fixed('B/E'), description: 'PHOTOELECTRIC FACTOR', decimals: 3, lo: 1, hi: 7, measure: (r) => r.pef, resolution: 0.15, noise: () => 0.08 },
  { mnemonic: 'ILM', unit: fixed('OHMM'), description: 'MEDIUM INDUCTION RESISTIVITY', decimals: 4, lo: 0.2, hi: 2000, measure: (r) => Math.pow(r.rt, 0.75) * Math.pow(r.rxo, 0.25), resolution: 1.5, noise: () => 0.015, logScale: true },
  { mnemonic: 'SFLU', unit: fixed('OHMM'), description: 'SPHERICALLY FOCUSED RESISTIVITY', decimals: 4, lo: 0.2, hi: 2000, measure: (r) => Math.pow(r.rt, 0.3) * Math.pow(r.rxo, 0.7), resolution: 0.8, noise: () => 0.02, logScale: true },
  { mnemonic: 'DRHO', unit: fixed('G/C3'), description: 'DENSITY CORRECTION', decimals: 4, lo: -0.1, hi: 0.3, measure: (r) => r.drho, resolution: 0.45, noise: () => 0.008 },
  { mnemonic: 'DTS', unit: fixed('US/F'), description: 'SHEAR SONIC TRANSIT TIME', decimals: 2, lo: 60, hi: 350, measure: (r) => r.dts, resolution: 0.6, noise: () => 1.5 },
  { mnemonic: 'TNPH', unit: fixed('V/V'), description: 'THERMAL NEUTRON POROSITY', decimals: 4, lo: -0.05, hi: 0.6, measure: (r) => r.nphi + 0.01, resolution: 0.6, noise: () => 0.01 },
  { mnemonic: 'SGR', unit: fixed('GAPI'), description: 'SPECTRAL GAMMA RAY (TOTAL)', decimals: 2, lo: 0, hi: 300, measure: (r) => r.gr, resolution: 0.6, noise: (x) => 2.5 + 0.03 * x },
  { mnemonic: 'CGR', unit: fixed('GAPI'), description: 'COMPUTED GAMMA RAY (TH + K)', decimals: 2, lo: 0, hi: 300, measure: (r) => r.cgr, resolution: 0.6, noise: (x) => 2 + 0.03 * x },
  { mnemonic: 'POTA', unit: fixed('%'), description: 'POTASSIUM', decimals: 3, lo: 0, hi: 6, measure: (r) => r.k, resolution: 0.6, noise: () => 0.12 },
  { mnemonic: 'THOR', unit: fixed('PPM'), description: 'THORIUM', decimals: 3, lo: 0, hi: 40, measure: (r) => r.th, resolution: 0.6, noise: () => 0.7 },
  { mnemonic: 'URAN', unit: fixed('PPM'), description: 'URANIUM', decimals: 3, lo: 0, hi: 25, measure: (r) => r.u, resolution: 0.6, noise: () => 0.35 },
  { mnemonic: 'MSFL', unit: fixed('OHMM'), description: 'MICRO SPHERICALLY FOCUSED RESISTIVITY', decimals: 4, lo: 0.1, hi: 2000, measure: (r) => r.rxo, resolution: 0.1, noise: () => 0.03, logScale: true },
  { mnemonic: 'HCAL', unit: fixed('IN'), description: 'HOLE CALIPER (DENSITY ARM)', decimals: 3, lo: 4, hi: 20, measure: (r) => r.cali + 0.05, resolution: 0.2, noise: () => 0.05 },
  { mnemonic: 'TEMP', unit: (u) => (u === 'FT' ? 'DEGF' : 'DEGC'), description: 'BOREHOLE TEMPERATURE', decimals: 2, lo: 0, hi: 500, measure: (_r, z, w) => (w.depthUnit === 'FT' ? tempC(z, w) * 1.8 + 32 : tempC(z, w)), resolution: 5, noise: () => 0.02 },
  { mnemonic: 'TENS', unit: fixed('LBF'), description: 'CABLE TENSION', decimals: 1, lo: 0, hi: 30000, measure: (_r, z) => 1500 + 2.9 * Math.min(z, 8000), resolution: 1, noise: () => 25 },
  { mnemonic: 'LLD', unit: fixed('OHMM'), description: 'DEEP LATEROLOG RESISTIVITY', decimals: 4, lo: 0.2, hi: 2000, measure: (r) => r.rt * 1.03, resolution: 0.6, noise: () => 0.012, logScale: true },
  { mnemonic: 'LLS', unit: fixed('OHMM'), description: 'SHALLOW LATEROLOG RESISTIVITY', decimals: 4, lo: 0.2, hi: 2000, measure: (r) => Math.pow(r.rt, 0.55) * Math.pow(r.rxo, 0.45), resolution: 0.6, noise: () => 0.015, logScale: true },
  { mnemonic: 'RXO', unit: fixed('OHMM'), description: 'FLUSHED ZONE RESISTIVITY', decimals: 4, lo: 0.1, hi: 2000, measure: (r) => r.rxo * 0.97, resolution: 0.15, noise: () => 0.03, logScale: true },
  { mnemonic: 'DPHI', unit: fixed('V/V'), description: 'DENSITY POROSITY (LIMESTONE MATRIX)', decimals: 4, lo: -0.15, hi: 0.6, from: ['RHOB'], derive: (v) => (2.71 - v('RHOB')) / 1.71 },
  { mnemonic: 'SPHI', unit: fixed('V/V'), description: 'SONIC POROSITY (SANDSTONE MATRIX)', decimals: 4, lo: -0.15, hi: 0.6, from: ['DT'], derive: (v) => (v('DT') - 55.5) / (189 - 55.5) },
  { mnemonic: 'VSH', unit: fixed('V/V'), description: 'SHALE VOLUME FROM GR', decimals: 4, lo: 0, hi: 1, from: ['GR'], derive: (v) => clamp01((v('GR') - GR_CLEAN) / (GR_SHALE - GR_CLEAN)) },
  { mnemonic: 'PHIE', unit: fixed('V/V'), description: 'EFFECTIVE POROSITY', decimals: 4, lo: 0, hi: 0.5, from: ['RHOB', 'NPHI', 'GR'], derive: (v) => effectivePorosity(v) },
  { mnemonic: 'SW', unit: fixed('V/V'), description: 'WATER SATURATION (ARCHIE)', decimals: 4, lo: 0, hi: 1, from: ['RHOB', 'NPHI', 'GR', 'ILD'], derive: (v) => waterSaturation(v) },
  { mnemonic: 'BVW', unit: fixed('V/V'), description: 'BULK VOLUME WATER', decimals: 4, lo: 0, hi: 0.5, from: ['RHOB', 'NPHI', 'GR', 'ILD'], derive: (v) => effectivePorosity(v) * waterSaturation(v) },
];

function effectivePorosity(v: (m: string) => number): number {
  const dphi = (2.71 - v('RHOB')) / 1.71;
  const vsh = clamp01((v('GR') - GR_CLEAN) / (GR_SHALE - GR_CLEAN));
  return Math.max(0, (dphi + v('NPHI')) / 2 - 0.3 * vsh);
}

function waterSaturation(v: (m: string) => number): number {
  const phi = Math.max(effectivePorosity(v), 0.02);
  return clamp01(Math.sqrt(RW_NOMINAL / (phi * phi * v('ILD'))));
}

/** Most curves a generated log can have, DEPT included. */
export const MAX_CURVES = CURVE_TEMPLATES.length + 1;
