/**
 * How LAS files (and the people who write them) spell units, mapped to catalogue symbols.
 * Keys are matched case- and space-insensitively (see aliasKey). When a LAS file writes a unit in
 * upper case, its LAS reading wins over an Energistics symbol that happens to be spelt the same:
 * in a log header F is feet (not farad), S seconds (not siemens), MV millivolts (not megavolts),
 * MS milliseconds (not megasiemens), MA milliamperes, D days (not darcies), C degrees Celsius
 * (not coulombs) and W/W a mass fraction (not watts per watt).
 *
 * Doubtful readings are marked "doubtful" below and listed in the report.
 */
export const LAS_UNIT_ALIASES: Readonly<Record<string, readonly string[]>> = {
  // length
  m: ['M', 'METER', 'METERS', 'METRE', 'METRES', 'MTR', 'MTRS'],
  ft: ['F', 'FT', 'FEET', 'FOOT', 'FET', 'FTS'],
  in: ['IN', 'INCH', 'INCHES', 'INS'],
  '0.1 in': ['.1IN', '0.1IN', 'IN/10', '1/10IN', 'I/10'],
  '0.1 ft': ['.1FT', '0.1FT', 'FT/10'],
  mm: ['MM', 'MILLIMETER', 'MILLIMETERS', 'MILLIMETRE', 'MILLIMETRES'],
  cm: ['CM', 'CENTIMETER', 'CENTIMETERS', 'CENTIMETRE', 'CENTIMETRES'],
  km: ['KM'],
  um: ['UM', 'MICRON', 'MICRONS'],
  'ft[US]': ['SFT', 'FTUS', 'USSFT', 'SURVEYFT', 'USSURVEYFEET'],
  // time
  s: ['S', 'SEC', 'SECS', 'SECOND', 'SECONDS'],
  ms: ['MS', 'MSEC', 'MSECS', 'MILLISECOND', 'MILLISECONDS'],
  us: ['US', 'USEC', 'USECS', 'MICROSECOND', 'MICROSECONDS'],
  ns: ['NS', 'NSEC', 'NSECS', 'NANOSECOND', 'NANOSECONDS'],
  min: ['MIN', 'MINS', 'MINUTE', 'MINUTES'],
  h: ['H', 'HR', 'HRS', 'HOUR', 'HOURS'],
  d: ['D', 'DAY', 'DAYS'],
  // time per length (slowness)
  'us/ft': ['US/F', 'US/FT', 'USEC/FT', 'USEC/F', 'USPF', 'US/FOOT', 'MICROSEC/FT', 'MICROSECONDS/FOOT'],
  'us/m': ['US/M', 'USEC/M', 'USPM', 'US/METER', 'US/METRE'],
  'ms/ft': ['MS/FT', 'MSEC/FT', 'MS/F'],
  'ns/m': ['NS/M'],
  'ns/ft': ['NS/FT'],
  's/m': ['SEC/M'],
  's/ft': ['S/FT', 'SEC/FT'],
  'min/ft': ['MIN/FT', 'MIN/F'],
  'min/m': ['MIN/M'],
  // mass per volume
  'g/cm3': ['G/C3', 'G/CC', 'G/CM3', 'GM/CC', 'GM/C3', 'GM/CM3', 'GR/CC', 'GRM/CC', 'GMS/CC', 'G/ML', 'GCC', 'G/CUCM'],
  'kg/m3': ['K/M3', 'KG/M3', 'KGM3', 'KG/CUM'],
  'kg/L': ['KG/L', 'KG/LTR'],
  'g/L': ['G/L', 'GPL', 'GR/L', 'G/LTR'],
  'mg/L': ['MG/L', 'MG/LTR'],
  'lbm/gal[US]': ['LB/GAL', 'LBM/GAL', 'LBS/GAL', 'PPG', '#/GAL', 'LB/USGAL'],
  'lbm/ft3': ['LB/FT3', 'LBM/FT3', 'LBS/FT3', 'PCF', 'LB/CUFT'],
  'lbm/bbl': ['LB/BBL', 'LBM/BBL', 'PPB'],
  // volume per volume, fractions and percentages
  'm3/m3': ['V/V', 'VOL/VOL', 'M3/M3', 'CFCF', 'FT3/FT3', 'CUFT/CUFT', 'VV', 'V/V DECIMAL', 'VOLFRAC'],
  'cm3/cm3': ['C/C', 'CC/CC', 'CM3/CM3'],
  Euc: [
    'FRAC', 'FRACTION', 'FRACT', 'DEC', 'DECIMAL', 'FR', 'RATIO',
    // doubtful: "decp" appears on porosity curves; read as a decimal (fraction) porosity.
    'DECP',
    // "no unit" words: a dimensionless number.
    'UNITLESS', 'NONE', 'DIMENSIONLESS', 'EUC',
  ],
  '%': ['%', 'PERCENT', 'PCT', 'PCNT', 'PERC', 'PERCNT', 'PU', 'P.U.', 'PORU', 'LPU'],
  ppm: ['PPM', 'PPMV'],
  ppk: ['PPK', 'PPTH', 'PERMIL', '‰'],
  'kg/kg': ['W/W', 'WT/WT', 'G/G', 'KG/KG', 'MASSFRAC'],
  '%[mass]': ['WT%', '%WT', 'WT.%', 'WTPCT', 'MASS%'],
  '%[vol]': ['VOL%', '%VOL', 'VOLPCT'],
  // resistivity and conductivity
  'ohm.m': [
    'OHMM', 'OHM.M', 'OHM-M', 'OHM M', 'OHMS.M', 'OHMS-M', 'OHMSM', 'OHM*M', 'OHMXM', 'OHMMETER', 'OHMMETRE',
    // LAS files write these for resistivity curves, though they name other units.
    'OHMS', 'OHM', 'OHM/M', 'OHMS/M', 'OHM-MM',
  ],
  'ohm.cm': ['OHM.CM', 'OHMCM', 'OHM-CM'],
  'mS/m': ['MMHO/M', 'MMHOS/M', 'MMHO', 'MMHOS', 'MMO/M', 'MS/M', 'MSIE/M', 'MILLIMHO/M', 'MMHO/METER'],
  'S/m': ['S/M', 'MHO/M', 'MHOS/M', 'SIE/M'],
  'mS/cm': ['MS/CM', 'MMHO/CM'],
  // nuclear
  gAPI: ['GAPI', 'API', 'GAPI UNITS', 'API UNITS', 'API-GR', 'APIGR', 'GR-API', 'GRAPI', 'API GR', 'GAMMA API'],
  nAPI: ['NAPI', 'API-N', 'NAPI UNITS'],
  'b/elec': ['B/E', 'B/EL', 'B/ELEC', 'BARN/E', 'BARNS/E', 'BARN/ELEC', 'BARNS/ELECTRON', 'BARN/ELECTRON', 'BAR/E', 'BE'],
  cu: ['CU', 'C.U.', 'CAPTURE UNIT', 'CAPTURE UNITS', 'SIGMAUNITS'],
  '1/s': ['1/S', '1/SEC'],
  '1/min': ['CPM', 'C/MIN', 'COUNTS/MIN', '1/MIN'],
  // velocity and rates of penetration
  'm/s': ['M/S', 'M/SEC', 'MPS'],
  'ft/s': ['FT/S', 'F/S', 'FT/SEC', 'FPS'],
  'km/s': ['KM/S', 'KM/SEC'],
  'ft/h': ['FT/HR', 'F/HR', 'FT/H', 'F/H', 'FPH', 'FT/HOUR', 'FEET/HOUR'],
  'm/h': ['M/HR', 'M/H', 'M/HOUR', 'MPHR', 'METERS/HOUR'],
  'm/min': ['M/MIN', 'MPM'],
  'ft/min': ['FT/MIN', 'F/MIN', 'FPM'],
  // pressure
  psi: [
    'PSI', 'LBF/IN2', 'LB/IN2', '#/IN2', 'LBS/IN2',
    // doubtful: gauge and absolute pressure share psi; the gauge offset is not applied.
    'PSIA', 'PSIG',
  ],
  kpsi: ['KPSI', 'KSI'],
  Pa: ['PA', 'PASCAL'],
  kPa: ['KPA'],
  MPa: ['MPA'],
  bar: ['BAR', 'BARS', 'BARA', 'BARG'],
  mbar: ['MBAR'],
  atm: ['ATM'],
  'psi/ft': ['PSI/FT'],
  'kPa/m': ['KPA/M'],
  // temperature
  degC: ['DEGC', 'DEG C', 'C', 'CELSIUS', 'DEGCEL', 'DEGREES C', 'DEGREESC', 'CENTIGRADE'],
  degF: ['DEGF', 'DEG F', 'FAHRENHEIT', 'DEGREES F', 'DEGREESF', 'DEGFAHR'],
  K: ['DEGK', 'KELVIN'],
  degR: ['DEGR', 'RANKINE'],
  deltaC: ['DELTAC', 'DELTA C'],
  deltaF: ['DELTAF', 'DELTA F'],
  // angles
  dega: ['DEG', 'DEGA', 'DEGREE', 'DEGREES', 'DEGS', 'DGR', 'DEG.', '°'],
  rad: ['RAD', 'RADIAN', 'RADIANS'],
  '1/30 dega/m': ['DEG/30M', 'DEGA/30M', 'DEG/30 M', '°/30M', 'DEG/30METERS'],
  '0.01 dega/ft': ['DEG/100FT', 'DEG/100F', "DEG/100'", "°/100'", '°/100FT', 'DEGA/100FT', 'DEG/100 FT'],
  '1/30 dega/ft': ['DEG/30FT', 'DEGA/30FT'],
  'dega/m': ['DEG/M'],
  'dega/ft': ['DEG/FT', 'DEG/F'],
  rpm: ['RPM', 'REV/MIN', 'R/MIN', 'RPMS'],
  'rad/s': ['RAD/S', 'RAD/SEC'],
  // volume, mass, area
  m3: ['M3', 'CUM', 'CU M'],
  L: ['L', 'LTR', 'LITER', 'LITERS', 'LITRE', 'LITRES'],
  cm3: ['CC', 'CM3', 'CUCM'],
  ft3: ['FT3', 'F3', 'CUFT', 'CU FT'],
  in3: ['IN3', 'CUIN'],
  bbl: ['BBL', 'BBLS', 'BARREL', 'BARRELS'],
  'gal[US]': ['GAL', 'GALS', 'USGAL', 'GALLON', 'GALLONS'],
  kg: ['KG', 'KGS', 'KILOGRAM', 'KILOGRAMS'],
  g: ['G', 'GM', 'GMS', 'GRAM', 'GRAMS'],
  mg: ['MG'],
  lbm: ['LBM', 'POUNDMASS'],
  t: ['TONNE', 'TONNES', 'MT'],
  m2: ['M2', 'SQM', 'SQ M'],
  ft2: ['FT2', 'SQFT', 'SQ FT'],
  in2: ['IN2', 'SQIN', 'SQ IN'],
  cm2: ['CM2', 'SQCM'],
  // frequency and electricity
  // count rates: PWLS puts "count rate" in the frequency class, and vendors write both CPS and HZ
  Hz: ['HZ', 'HERTZ', 'CPS', 'C/S', 'COUNTS/S', 'COUNTS/SEC'],
  kHz: ['KHZ'],
  MHz: ['MHZ'],
  mV: ['MV', 'MVOLT', 'MVOLTS', 'MILLIVOLT', 'MILLIVOLTS'],
  V: ['VOLT', 'VOLTS'],
  uV: ['UV', 'MICROVOLT', 'MICROVOLTS'],
  kV: ['KV'],
  mA: ['MA', 'MAMP', 'MAMPS', 'MILLIAMP', 'MILLIAMPS'],
  A: ['AMP', 'AMPS', 'AMPERE', 'AMPERES'],
  uA: ['UA', 'MICROAMP', 'MICROAMPS'],
  W: ['WATT', 'WATTS'],
  kW: ['KW'],
  hp: ['HP', 'HORSEPOWER'],
  // force, torque, weight on bit
  lbf: [
    'LBF', 'LB-F', 'LBSF',
    // doubtful: in logs LB/LBS label tension, weight and hook load, so they are read as force.
    'LB', 'LBS',
  ],
  klbf: ['KLBF', 'KLB', 'KLBS', 'KIP', 'KIPS', '1000 LBF', '1000LBS', 'KLBSF'],
  kN: ['KN', 'KNEWTON'],
  daN: ['DAN'],
  kgf: ['KGF'],
  Mgf: ['TF', 'TONF', 'METRICTONF', 'TONNEF', 'MGF'],
  N: ['NEWTON', 'NEWTONS'],
  'kN.m': ['KN.M', 'KNM', 'KN-M', 'KN*M', 'KNXM'],
  'N.m': ['NM', 'N.M', 'N-M', 'N*M'],
  'lbf.ft': ['LBF.FT', 'FT.LBF', 'FT-LBF', 'LBF-FT', 'FTLB', 'FT.LB', 'FT-LB', 'LB-FT', 'LBFT', 'FTLBF'],
  '1000 lbf.ft': ['KFT.LBF', 'KLBF.FT', 'KFTLB', 'KFT-LBF', 'KLB-FT', 'KLBFT', 'KFT.LB', 'KFTLBF', 'KLBF-FT', '1000FT.LBF', 'KFT-LB'],
  'kgf.m': ['KGF.M', 'KGF-M'],
  // flow rates
  'gal[US]/min': ['GAL/MIN', 'GPM', 'USGPM', 'GALUS/MIN', 'GALS/MIN'],
  'L/min': ['L/MIN', 'LPM', 'LTR/MIN', 'LITER/MIN', 'LITRE/MIN'],
  'L/s': ['L/S', 'LPS', 'L/SEC'],
  'm3/min': ['M3/MIN'],
  'm3/h': ['M3/H', 'M3/HR'],
  'm3/d': ['M3/D', 'M3/DAY'],
  'm3/s': ['M3/S'],
  'bbl/min': ['BBL/MIN', 'BPM'],
  'bbl/h': ['BBL/H', 'BBL/HR', 'BPH'],
  'bbl/d': ['BBL/D', 'BBL/DAY', 'BPD', 'BOPD'],
  'ft3/min': ['FT3/MIN', 'CFM'],
  // mass per length, acceleration, permeability, misc
  'lbm/ft': ['LB/FT', 'LBM/FT', 'PPF', 'LBS/FT'],
  'kg/m': ['KG/M'],
  'm/s2': ['M/S2', 'M/SEC2', 'M/S/S'],
  'ft/s2': ['F/S2', 'FT/S2', 'FT/SEC2'],
  gn: ['GN'],
  mD: ['MD', 'MDARCY', 'MILLIDARCY', 'MILLIDARCIES'],
  D: ['DARCY', 'DARCIES'],
  cP: ['CP', 'CPOISE', 'CENTIPOISE'],
  'mPa.s': ['MPA.S', 'MPAS'],
  dB: ['DB', 'DECIBEL'],
  'dB/m': ['DB/M'],
  'dB/ft': ['DB/FT'],
  nT: ['NT', 'NANOTESLA'],
  gauss: ['GAUSS'],
  GPa: ['GPA', 'GIGAPASCAL'],
};

/**
 * Second readings of a spelling, tried when the curve's expected quantity class rules the first
 * one out: on a temperature curve "F" is degF, on a neutron curve "API" is nAPI, on a mass curve
 * "LBS" is lbm. Keys are alias keys (upper case, no spaces).
 */
export const CONTEXT_READINGS: Readonly<Record<string, readonly string[]>> = {
  F: ['degF'],
  API: ['nAPI'],
  LB: ['lbm'],
  LBS: ['lbm'],
  'MS/M': ['ms/m'],
  S: ['S'],
  MS: ['mS'],
  D: ['D'],
  T: ['t', 'T'],
  G: ['gn'],
};
