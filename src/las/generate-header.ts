/**
 * A believable header for a synthetic log: company, well, field, location, service company,
 * date, and the mud / borehole parameters the curves were "logged" with. All names are
 * invented; the ~Other section says the file is synthetic so nobody mistakes it for data.
 */
import type { DepthUnit, WellConditions } from './generate-curves.js';
import type { HeaderItem } from './model.js';
import type { Rng } from './prng.js';

const COMPANIES = ['NORTHERN LIGHTS PETROLEUM LTD.', 'PRAIRIE ROCK ENERGY CORP.', 'BLUE CREEK RESOURCES INC.', 'ASPEN RIDGE OIL & GAS LTD.', 'COPPER BASIN EXPLORATION CO.'];
const SERVICES = ['CANWEST WIRELINE LTD.', 'BOREALIS LOGGING SERVICES', 'DEEPWELL PETROPHYSICAL INC.', 'GREAT PLAINS WIRELINE'];
const FIELDS = ['WILDCAT', 'REDWATER', 'PEMBINA', 'SWAN HILLS', 'LEDUC-WOODBEND', 'WESTEROSE', 'BONNIE GLEN'];
const LEASES = ['REDWATER', 'BIRCH LAKE', 'COYOTE', 'ELK POINT', 'MOOSE HILLS', 'SPRUCE GROVE'];
const PROVINCES = ['ALBERTA', 'SASKATCHEWAN', 'BRITISH COLUMBIA'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const MUDS = ['WATER BASED', 'KCL POLYMER', 'GEL CHEMICAL', 'FRESH WATER GEL'];
const BIT_SIZES = [6.125, 7.875, 8.5, 8.75, 9.875, 12.25];

function item(mnemonic: string, unit: string, value: string, description: string): HeaderItem {
  return { mnemonic, originalMnemonic: mnemonic, unit, value, description };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export interface GeneratedHeader {
  /** ~Well items after STRT/STOP/STEP/NULL. */
  well: HeaderItem[];
  parameters: HeaderItem[];
  conditions: WellConditions;
}

/** `maxDepth` in the depth unit, for TD and the bottom-hole temperature. */
export function makeHeader(rng: Rng, depthUnit: DepthUnit, maxDepth: number, wellName?: string): GeneratedHeader {
  const lsd = rng.int(1, 16);
  const sec = rng.int(1, 36);
  const twp = rng.int(1, 126);
  const rge = rng.int(1, 30);
  const mer = rng.int(4, 6);
  const company = rng.pick(COMPANIES);
  const lease = rng.pick(LEASES);
  const name = wellName ?? `${company.split(' ')[0]} ${lease} ${pad(lsd, 2)}-${pad(sec, 2)}-${pad(twp, 3)}-${pad(rge, 2)}W${mer}`;
  const date = `${pad(rng.int(1, 28), 2)}-${rng.pick(MONTHS)}-${rng.int(1978, 2024)}`;
  const conditions: WellConditions = {
    depthUnit,
    bitSize: rng.pick(BIT_SIZES),
    rmf: rng.uniform(0.15, 0.6),
    surfaceTempC: rng.uniform(5, 20),
    gradient: rng.uniform(0.022, 0.035),
  };
  const ft = depthUnit === 'FT';
  const toUnit = (m: number) => (ft ? m / 0.3048 : m);
  const maxM = ft ? maxDepth * 0.3048 : maxDepth;
  const bhtC = conditions.surfaceTempC + conditions.gradient * Math.min(Math.max(maxM, 0), 8000);
  const temp = (c: number) => (ft ? c * 1.8 + 32 : c).toFixed(1);
  const tempUnit = ft ? 'DEGF' : 'DEGC';
  const rm = conditions.rmf / rng.uniform(1.2, 1.5);
  const kb = rng.uniform(600, 1100);
  const well = [
    item('COMP', '', company, 'COMPANY'),
    item('WELL', '', name, 'WELL'),
    item('FLD', '', rng.pick(FIELDS), 'FIELD'),
    item('LOC', '', `${pad(lsd, 2)}-${pad(sec, 2)}-${pad(twp, 3)}-${pad(rge, 2)}W${mer}M`, 'LOCATION'),
    item('PROV', '', rng.pick(PROVINCES), 'PROVINCE'),
    item('CTRY', '', 'CANADA', 'COUNTRY'),
    item('SRVC', '', rng.pick(SERVICES), 'SERVICE COMPANY'),
    item('DATE', '', date, 'LOG DATE'),
    item('UWI', '', `100${pad(lsd, 2)}${pad(sec, 2)}${pad(twp, 3)}${pad(rge, 2)}W${mer}00`, 'UNIQUE WELL ID'),
  ];
  const parameters = [
    item('RUN', '', '1', 'RUN NUMBER'),
    item('BS', 'IN', String(conditions.bitSize), 'BIT SIZE'),
    item('MUD', '', rng.pick(MUDS), 'MUD TYPE'),
    item('DFD', ft ? 'LB/G' : 'KG/M3', ft ? rng.uniform(8.8, 10.5).toFixed(1) : String(Math.round(rng.uniform(1050, 1250))), 'MUD DENSITY'),
    item('RM', 'OHMM', rm.toFixed(3), 'MUD RESISTIVITY'),
    item('RMF', 'OHMM', conditions.rmf.toFixed(3), 'MUD FILTRATE RESISTIVITY'),
    item('RMC', 'OHMM', (rm * 1.4).toFixed(3), 'MUD CAKE RESISTIVITY'),
    item('RMT', tempUnit, temp(conditions.surfaceTempC), 'TEMPERATURE OF MUD SAMPLES'),
    item('BHT', tempUnit, temp(bhtC), 'BOTTOM HOLE TEMPERATURE'),
    item('EKB', depthUnit, toUnit(kb).toFixed(1), 'KELLY BUSHING ELEVATION'),
    item('EGL', depthUnit, toUnit(kb - rng.uniform(3, 8)).toFixed(1), 'GROUND LEVEL ELEVATION'),
    item('TD', depthUnit, maxDepth.toFixed(2), 'TOTAL DEPTH (DRILLER)'),
    item('MATR', '', 'LIMESTONE', 'NEUTRON MATRIX'),
  ];
  return { well, parameters, conditions };
}
