import type { CurveProperty } from './types.js';

/**
 * DataForge's canonical log properties. Names of PWLS v3 properties and quantity classes are
 * facts from the Energistics PWLS v3.0 property list; display scales follow common log-display
 * practice (e.g. neutron 0.45 → -0.15 v/v, resistivity 0.2–2000 ohm.m on a log scale); valid
 * ranges are deliberately wide bounds of what is physically possible, for flagging bad data.
 * Mnemonics are written for DataForge from vendor usage (checked against PWLS curves.csv and
 * public alias lists in the tests); a mnemonic may appear under two properties when vendors
 * disagree, and the curve's unit then decides.
 *
 * PWLS property and quantity-class names: Energistics PWLS v3.0, Copyright (c) 2021 Energistics,
 * distributed under the Energistics Product License Agreement. Keep this notice with the table.
 */
export const CURVE_PROPERTIES: readonly CurveProperty[] = [
  // ---- index and position --------------------------------------------------------------
  {
    id: 'depth', name: 'Depth', pwlsProperty: 'depth', quantityClass: 'length', standardUnit: 'm',
    displayScale: 'linear', displayRange: { left: 0, right: 5000 }, validRange: { min: -2000, max: 15000 }, colour: '#000000',
    mnemonics: [
      'DEPT', 'DEPTH', 'DEP', 'DPTH', 'TDEP', 'DEPT_M', 'DEPTH_M', 'DEPTM', 'MDEP', 'IDWD',
    ],
    isIndex: true,
  },
  {
    id: 'measured_depth', name: 'Measured depth', pwlsProperty: 'measured depth', quantityClass: 'length', standardUnit: 'm',
    displayScale: 'linear', displayRange: { left: 0, right: 5000 }, validRange: { min: -2000, max: 15000 }, colour: '#000000',
    mnemonics: [
      'MD', 'DMEA', 'MDEPTH', 'MEASDEPTH', 'MD_M', 'DEPTMEAS', 'DBTM',
    ],
    isIndex: true,
  },
  {
    id: 'true_vertical_depth', name: 'True vertical depth', pwlsProperty: 'true vertical depth', quantityClass: 'length', standardUnit: 'm',
    displayScale: 'linear', displayRange: { left: 0, right: 5000 }, validRange: { min: -2000, max: 15000 }, colour: '#404040',
    mnemonics: [
      'TVD', 'TVDM', 'TVDE', 'TVD_M', 'TVDRKB', 'TVDKB', 'DVER',
    ],
  },
  {
    id: 'subsea_vertical_depth', name: 'True vertical depth subsea', pwlsProperty: 'subsea vertical depth', quantityClass: 'length', standardUnit: 'm',
    displayScale: 'linear', displayRange: { left: 0, right: 5000 }, validRange: { min: -10000, max: 15000 }, colour: '#404040',
    mnemonics: [
      'TVDSS', 'SSTVD', 'TVD_SS', 'TVDMSL', 'SSDEPTH', 'SUBSEA',
    ],
  },
  {
    id: 'time', name: 'Time', pwlsProperty: 'time', quantityClass: 'time', standardUnit: 's',
    displayScale: 'linear', displayRange: { left: 0, right: 3600 }, validRange: { min: -1e10, max: 1e11 }, colour: '#000000',
    mnemonics: [
      'TIME', 'ETIM', 'ETIME', 'TIM', 'TOD', 'TIME_S', 'DATETIME', 'TINDEX', 'ELTIM',
    ],
    isIndex: true,
  },
  // ---- gamma ray -----------------------------------------------------------------------
  {
    id: 'gamma_ray', name: 'Gamma ray', pwlsProperty: 'gamma ray', quantityClass: 'API gamma ray', standardUnit: 'gAPI',
    displayScale: 'linear', displayRange: { left: 0, right: 150 }, validRange: { min: 0, max: 2000 }, colour: '#008000',
    mnemonics: [
      'GR', 'SGR', 'GRC', 'ECGR', 'HSGR', 'EHGR', 'GRD', 'GRR', 'RGR', 'GRS', 'GR_EDTC', 'ECGR_EDTC', 'GRGC', 'GRN', 'GRAM',
      'GAM', 'GAMMA', 'GAMN', 'GAM(NAT)', 'GRTO', 'GRTC', 'GR1', 'GR2', 'GRCO', 'GRDS', 'GRM', 'GRAPI', 'GR_API', 'GRNORM',
      'GRB', 'GRT', 'MGR', 'NGT', 'CGRD', 'GRPD', 'GRWB', 'ARC_GR', 'ARC_GR_RT', 'GR_ARC', 'GRAX', 'SGRC', 'DGR', 'GRCFM', 'HGR',
      'GRSL', 'SGRDD', 'GR_CAL', 'GRC_EDTC',
    ],
  },
  {
    id: 'gamma_ray_uranium_free', name: 'Gamma ray minus uranium (computed GR)', pwlsProperty: 'gamma ray minus uranium',
    quantityClass: 'API gamma ray', standardUnit: 'gAPI',
    displayScale: 'linear', displayRange: { left: 0, right: 150 }, validRange: { min: 0, max: 2000 }, colour: '#6b8e23',
    mnemonics: [
      'CGR', 'HCGR', 'KTH', 'GRKT', 'GRKTH', 'SCGR', 'CGRS', 'NGCGR',
    ],
  },
  {
    id: 'potassium', name: 'Potassium concentration', pwlsProperty: 'potassium concentration', quantityClass: 'mass per mass', standardUnit: '%',
    displayScale: 'linear', displayRange: { left: 0, right: 5 }, validRange: { min: -1, max: 100 }, colour: '#d62728',
    mnemonics: [
      'POTA', 'HFK', 'POTS', 'KPOT', 'POTA_SL', 'SPOT', 'POTK', 'K40',
    ],
  },
  {
    id: 'thorium', name: 'Thorium concentration', pwlsProperty: 'thorium concentration', quantityClass: 'mass per mass', standardUnit: 'ppm',
    displayScale: 'linear', displayRange: { left: 0, right: 20 }, validRange: { min: -5, max: 5000 }, colour: '#8c564b',
    mnemonics: [
      'THOR', 'HTHO', 'THO', 'STHO', 'THOR_SL', 'WTHO',
    ],
  },
  {
    id: 'uranium', name: 'Uranium concentration', pwlsProperty: 'uranium concentration', quantityClass: 'mass per mass', standardUnit: 'ppm',
    displayScale: 'linear', displayRange: { left: 0, right: 10 }, validRange: { min: -5, max: 5000 }, colour: '#9467bd',
    mnemonics: [
      'URAN', 'HURA', 'URA', 'SURA', 'URAN_SL', 'WURA',
    ],
  },
  // ---- density -------------------------------------------------------------------------
  {
    id: 'bulk_density', name: 'Bulk density', pwlsProperty: 'bulk density', quantityClass: 'mass per volume', standardUnit: 'g/cm3',
    displayScale: 'linear', displayRange: { left: 1.95, right: 2.95 }, validRange: { min: 0.5, max: 5.5 }, colour: '#ff0000',
    mnemonics: [
      'RHOB', 'RHOZ', 'RHO8', 'ZDEN', 'DEN', 'DENS', 'RHOM', 'ROBB', 'ROBU', 'ROBL', 'RHOBC', 'RHOB_C', 'BDEN', 'BDCFM', 'ZDNC',
      'DENC', 'RHB', 'RHOBH', 'HROM', 'RHO', 'ZDENS', 'BDCX', 'RHOBDN', 'DNSTY', 'RHOS', 'RHOL',
    ],
  },
  {
    id: 'density_correction', name: 'Density correction', pwlsProperty: 'bulk density correction', quantityClass: 'mass per volume', standardUnit: 'g/cm3',
    displayScale: 'linear', displayRange: { left: -0.25, right: 0.25 }, validRange: { min: -1.5, max: 1.5 }, colour: '#ff7f7f',
    mnemonics: [
      'DRHO', 'HDRA', 'ZCOR', 'DCOR', 'DRH', 'CORR', 'DRHB', 'DRHU', 'DRHL', 'DENCOR', 'ZCORR', 'DRHOC',
    ],
  },
  // ---- porosity ------------------------------------------------------------------------
  {
    id: 'neutron_porosity', name: 'Neutron porosity', pwlsProperty: 'neutron porosity', quantityClass: 'volume per volume', standardUnit: 'm3/m3',
    displayScale: 'linear', displayRange: { left: 0.45, right: -0.15 }, validRange: { min: -0.2, max: 1.0 }, colour: '#0000ff',
    mnemonics: [
      'NPHI', 'TNPH', 'NPOR', 'CNC', 'CNCF', 'CN', 'CNPOR', 'NPHS', 'NPHL', 'NPHD', 'PHIN', 'NEU', 'NPL', 'NPSS', 'NPLS', 'NPDL',
      'TNPH_SAN', 'TNPH_LIM', 'TNPH_DOL', 'NPHI_SAN', 'NPHI_LIM', 'NPHI_DOL', 'NPOR_SAN', 'NPOR_LIM', 'NPOR_DOL', 'APLC', 'APSC',
      'ENPH', 'HNPO', 'NPRL', 'NPRS', 'NPRD', 'NPHIL', 'NPHIS', 'CNCLS', 'CNCSS', 'CNLS', 'CNSS', 'NPHZ', 'PHIN_LS', 'TNPL',
      'CNL', 'NEUT_POR', 'NPHILS', 'NPHISS', 'BPHI', 'NPOR_LS', 'CNPHI', 'NEUTRON',
    ],
  },
  {
    id: 'density_porosity', name: 'Density porosity', pwlsProperty: 'density porosity', quantityClass: 'volume per volume', standardUnit: 'm3/m3',
    displayScale: 'linear', displayRange: { left: 0.45, right: -0.15 }, validRange: { min: -0.6, max: 1.0 }, colour: '#ff00ff',
    mnemonics: [
      'DPHI', 'DPHZ', 'DPOR', 'DPHS', 'DPHD', 'DPHL', 'DLIM', 'PHID', 'DPHI_SAN', 'DPHI_LIM', 'DPHI_DOL', 'DPO', 'DPHIL',
      'DPHIS', 'DPOR_LS', 'DPOR_SS', 'PHIDL', 'PHIDS', 'DPHI_LS', 'DPHI_SS', 'DPHIZ', 'DPHB', 'DENPOR',
    ],
  },
  {
    id: 'sonic_porosity', name: 'Sonic porosity', pwlsProperty: 'sonic porosity', quantityClass: 'volume per volume', standardUnit: 'm3/m3',
    displayScale: 'linear', displayRange: { left: 0.45, right: -0.15 }, validRange: { min: -0.6, max: 1.0 }, colour: '#b000b0',
    mnemonics: [
      'SPHI', 'SPHS', 'SPHL', 'SPHD', 'PHIS', 'SPOR', 'SPHI_SAN', 'SPHI_LIM', 'SPHI_DOL', 'SPHIL', 'SPHIS', 'SNPOR', 'PHISON',
    ],
  },
  {
    id: 'effective_porosity', name: 'Effective porosity', pwlsProperty: 'effective porosity', quantityClass: 'volume per volume', standardUnit: 'm3/m3',
    displayScale: 'linear', displayRange: { left: 0.5, right: 0 }, validRange: { min: 0, max: 1 }, colour: '#00bfff',
    mnemonics: [
      'PHIE', 'PHIEF', 'EPOR', 'PORE', 'PHI_E', 'PHIE_HILT', 'EFFPOR', 'PIGE', 'PHIEFF', 'POR_EFF', 'PHI',
    ],
  },
  {
    id: 'total_porosity', name: 'Total porosity', pwlsProperty: 'total porosity', quantityClass: 'volume per volume', standardUnit: 'm3/m3',
    displayScale: 'linear', displayRange: { left: 0.5, right: 0 }, validRange: { min: 0, max: 1 }, colour: '#1e90ff',
    mnemonics: [
      'PHIT', 'PHT', 'PORT', 'PHI_T', 'PHITOT', 'POR_TOT',
    ],
  },
  // ---- acoustic ------------------------------------------------------------------------
  {
    id: 'compressional_slowness', name: 'Compressional slowness', pwlsProperty: 'compressional slowness', quantityClass: 'time per length', standardUnit: 'us/ft',
    displayScale: 'linear', displayRange: { left: 140, right: 40 }, validRange: { min: 20, max: 1000 }, colour: '#800080',
    mnemonics: [
      'DT', 'DTC', 'DTCO', 'AC', 'DT4P', 'DTP', 'DTL', 'DTLN', 'DTLF', 'DT24', 'DTCM', 'DT_C', 'DTCOMP', 'DTPM', 'ACN',
      'DTCO_MP', 'DTRP', 'DTCB', 'DTHC', 'ACL', 'AC_C', 'SONIC', 'DTMEAN', 'DTCA', 'DTCX', 'DTCR',
    ],
  },
  {
    id: 'shear_slowness', name: 'Shear slowness', pwlsProperty: 'shear slowness', quantityClass: 'time per length', standardUnit: 'us/ft',
    displayScale: 'linear', displayRange: { left: 240, right: 40 }, validRange: { min: 30, max: 2000 }, colour: '#c71585',
    mnemonics: [
      'DTS', 'DTSM', 'DTSH', 'DT4S', 'DTSD', 'DTS1', 'DTS2', 'DT_S', 'DTSHEAR', 'DTSM_MP', 'DTSX', 'DTSY', 'DTRS', 'DTSMA',
    ],
  },
  // ---- resistivity and conductivity ----------------------------------------------------
  {
    id: 'deep_resistivity', name: 'Deep resistivity', pwlsProperty: 'deep resistivity', quantityClass: 'electrical resistivity', standardUnit: 'ohm.m',
    displayScale: 'log', displayRange: { left: 0.2, right: 2000 }, validRange: { min: 0.0001, max: 1e6 }, colour: '#e31a1c',
    mnemonics: [
      'ILD', 'IDPH', 'IDER', 'RILD', 'LLD', 'RLLD', 'HLLD', 'LLDC', 'RD', 'RDEP', 'RESD', 'RES_DEP', 'RDEEP', 'AT90', 'AF90',
      'AO90', 'AHT90', 'AHO90', 'AHF90', 'RT90', 'AT60', 'AF60', 'AO60', 'AHT60', 'RT60', 'M2R9', 'M2RX', 'M4R9', 'RLA5', 'RLA4',
      'HDRS', 'HRLD', 'RILD1', 'IDPH1', 'ILD1', 'LLDR', 'RDI', 'RID', 'P40H', 'P34H', 'A40H', 'A34H', 'RPCEHM', 'RACEHM',
      'RPCELM', 'RACELM', 'P28H', 'RESDEEP', 'RLLD1', 'RTAO', 'ILDC', 'ILDRT', 'RDEPTH', 'RDLL', 'LL9',
    ],
  },
  {
    id: 'medium_resistivity', name: 'Medium resistivity', pwlsProperty: 'medium resistivity', quantityClass: 'electrical resistivity', standardUnit: 'ohm.m',
    displayScale: 'log', displayRange: { left: 0.2, right: 2000 }, validRange: { min: 0.0001, max: 1e6 }, colour: '#1f78b4',
    mnemonics: [
      'ILM', 'IMPH', 'IMER', 'RILM', 'RESM', 'RES_MED', 'RMED', 'AT30', 'AF30', 'AO30', 'AHT30', 'AHO30', 'AHF30', 'RT30',
      'M2R3', 'M2R6', 'HMRS', 'LL8', 'RLA3', 'P22H', 'P16H', 'A22H', 'A16H', 'ILM1', 'IMPH1', 'RIM', 'RESMED', 'MEDIUM', 'LLM',
      'RPCSHM', 'RACSHM', 'LL7',
    ],
  },
  {
    id: 'shallow_resistivity', name: 'Shallow resistivity', pwlsProperty: 'shallow resistivity', quantityClass: 'electrical resistivity', standardUnit: 'ohm.m',
    displayScale: 'log', displayRange: { left: 0.2, right: 2000 }, validRange: { min: 0.0001, max: 1e6 }, colour: '#33a02c',
    mnemonics: [
      'SFLU', 'SFLA', 'SFL', 'SFLR', 'LLS', 'RLLS', 'HLLS', 'LL3', 'RLL3', 'RS', 'RESS', 'RES_SH', 'RSHAL', 'AT10', 'AT20',
      'AF10', 'AF20', 'AO10', 'AO20', 'AHT10', 'AHT20', 'AHO10', 'AHO20', 'AHF10', 'AHF20', 'RT10', 'RT20', 'M2R1', 'M2R2',
      'HSRS', 'RSFL', 'SN', 'SNP', 'LLSR', 'RLA1', 'RLA2', 'RESSHAL', 'SHALLOW', 'SFLC', 'SFLRC', 'P10H', 'A10H', 'RSHALLOW',
      'RSN', 'SFL8', 'LLSC',
    ],
  },
  {
    id: 'micro_resistivity', name: 'Micro resistivity', pwlsProperty: 'micro resistivity', quantityClass: 'electrical resistivity', standardUnit: 'ohm.m',
    displayScale: 'log', displayRange: { left: 0.2, right: 2000 }, validRange: { min: 0.0001, max: 1e6 }, colour: '#ff7f00',
    mnemonics: [
      'MSFL', 'MCFL', 'MLL', 'RMLL', 'MINV', 'MNOR', 'RMSL', 'MEL', 'ML1', 'ML2', 'MNRL', 'MLTC', 'RMSF', 'HMIN', 'HMNO', 'MSFC',
      'MEL15', 'MEL20', 'MLLC', 'MSF', 'RMSFL', 'MIRN', 'MLI', 'MLN', 'RMLI', 'RMLN', 'MSFLC', 'RMICRO', 'MICRO', 'PROX', 'RPRX',
    ],
  },
  {
    id: 'flushed_zone_resistivity', name: 'Flushed zone resistivity (Rxo)', pwlsProperty: 'flushed zone resistivity',
    quantityClass: 'electrical resistivity', standardUnit: 'ohm.m',
    displayScale: 'log', displayRange: { left: 0.2, right: 2000 }, validRange: { min: 0.0001, max: 1e6 }, colour: '#6a3d9a',
    mnemonics: [
      'RXO', 'RXOZ', 'RXO8', 'RX0', 'RXOI', 'RXO_HRLT', 'RXOC', 'RXOR', 'RXO1', 'RXOZ_SL',
    ],
  },
  {
    id: 'formation_resistivity', name: 'True formation resistivity (Rt)', pwlsProperty: 'formation resistivity',
    quantityClass: 'electrical resistivity', standardUnit: 'ohm.m',
    displayScale: 'log', displayRange: { left: 0.2, right: 2000 }, validRange: { min: 0.0001, max: 1e6 }, colour: '#b15928',
    mnemonics: [
      'RT', 'RTRUE', 'RT_HRLT', 'RTHT', 'RTC', 'RTCOR', 'RT_CORR', 'RTINV', 'RTI', 'RTAIT', 'RT_HRLA', 'RTAHT', 'RTC_HRLT',
    ],
  },
  {
    id: 'conductivity', name: 'Formation conductivity', pwlsProperty: 'conductivity', quantityClass: 'electric conductivity', standardUnit: 'mS/m',
    displayScale: 'linear', displayRange: { left: 0, right: 1000 }, validRange: { min: 0, max: 1e7 }, colour: '#a6cee3',
    mnemonics: [
      'CILD', 'CILM', 'CLL3', 'CLLD', 'CLLS', 'COND', 'CT90', 'CT60', 'CT30', 'CT20', 'CT10', 'CIDP', 'CIMP', 'CILS', 'CSFL',
      'CDER', 'CMER', 'CIL', 'CMSF',
    ],
  },
  {
    id: 'mud_resistivity', name: 'Mud resistivity', pwlsProperty: 'mud resistivity', quantityClass: 'electrical resistivity', standardUnit: 'ohm.m',
    displayScale: 'log', displayRange: { left: 0.01, right: 100 }, validRange: { min: 0.0001, max: 10000 }, colour: '#1e90ff',
    mnemonics: [
      'RMUD', 'MRES', 'BHRM', 'RM', 'AMF', 'RMUD_SL', 'MUDRES', 'HMRE', 'RMS', 'MRESI', 'RMD',
    ],
  },
  {
    id: 'apparent_water_resistivity', name: 'Apparent water resistivity (Rwa)', pwlsProperty: 'apparent water resistivity',
    quantityClass: 'electrical resistivity', standardUnit: 'ohm.m',
    displayScale: 'log', displayRange: { left: 0.01, right: 10 }, validRange: { min: 0.0001, max: 100000 }, colour: '#4682b4',
    mnemonics: [
      'RWA', 'RWAPP', 'RWA_HILT', 'RWAA', 'RWAP',
    ],
  },
  // ---- electrical, borehole, nuclear ---------------------------------------------------
  {
    id: 'spontaneous_potential', name: 'Spontaneous potential', pwlsProperty: 'spontaneous potential', quantityClass: 'electric potential difference', standardUnit: 'mV',
    displayScale: 'linear', displayRange: { left: -160, right: 40 }, validRange: { min: -2000, max: 2000 }, colour: '#808080',
    mnemonics: [
      'SP', 'SPP', 'SPMV', 'SPBL', 'SPC', 'SPAR', 'RSP', 'SSP', 'SPR', 'SPCG', 'SP_CORR', 'SPBR', 'SPSBL', 'SPTC', 'ASCA', 'SPA',
      'SPUN', 'SP1', 'SP2', 'IDSP',
    ],
  },
  {
    id: 'caliper', name: 'Caliper (borehole diameter)', pwlsProperty: 'caliper', quantityClass: 'length', standardUnit: 'in',
    displayScale: 'linear', displayRange: { left: 6, right: 16 }, validRange: { min: 0, max: 60 }, colour: '#444444',
    mnemonics: [
      'CALI', 'CAL', 'HCAL', 'C1', 'C2', 'C3', 'CALD', 'CALX', 'CALY', 'CAL1', 'CAL2', 'CAL3', 'CAL4', 'LCAL', 'MCAL', 'CALS',
      'HD', 'HD1', 'HD2', 'HD3', 'CALIPER', 'HDAR', 'CALN', 'CALP', 'CLDC', 'MELCAL', 'HCALI', 'CALA', 'ACAL', 'RCAL', 'GHD',
      'CALIBR', 'CAL_SL', 'UCAV', 'DCALI',
    ],
  },
  {
    id: 'bit_size', name: 'Bit size', pwlsProperty: 'nom borehole diameter', quantityClass: 'length', standardUnit: 'in',
    displayScale: 'linear', displayRange: { left: 6, right: 16 }, validRange: { min: 1, max: 60 }, colour: '#888888',
    mnemonics: [
      'BS', 'BIT', 'BITSIZE', 'BSZ', 'BIT_SIZE', 'BITS', 'BSIZ', 'BITDIA',
    ],
  },
  {
    id: 'photoelectric_factor', name: 'Photoelectric factor', pwlsProperty: 'photoelectric factor',
    quantityClass: 'photoelectric absorption factor', standardUnit: 'b/elec',
    displayScale: 'linear', displayRange: { left: 0, right: 10 }, validRange: { min: 0, max: 300 }, colour: '#8b008b',
    mnemonics: [
      'PEF', 'PE', 'PEFZ', 'PEF8', 'PEFL', 'PEFS', 'PEA', 'PEU', 'PDPE', 'PEB', 'PEFH', 'PE1', 'PE2', 'PEFC', 'PEFLA', 'ZPEF',
      'PECFM', 'PEF_SL',
    ],
  },
  {
    id: 'neutron_capture_cross_section', name: 'Capture cross section (sigma)', pwlsProperty: 'neutron capture cross section',
    quantityClass: 'area per volume', standardUnit: 'cu',
    displayScale: 'linear', displayRange: { left: 60, right: 0 }, validRange: { min: 0, max: 200 }, colour: '#2e8b57',
    mnemonics: [
      'SIGM', 'SIGF', 'SIBF', 'SIGMA', 'SIGC', 'SIGT', 'SGFM', 'SFFC', 'SGBH', 'SIGM_SL', 'SGINT',
    ],
  },
  {
    id: 'tension', name: 'Cable tension', pwlsProperty: 'tension', quantityClass: 'force', standardUnit: 'lbf',
    displayScale: 'linear', displayRange: { left: 0, right: 10000 }, validRange: { min: -20000, max: 200000 }, colour: '#964b00',
    mnemonics: [
      'TENS', 'TEN', 'HTEN', 'TNS', 'CDF', 'DF', 'TENSION', 'LTEN', 'HTNS', 'TENS_SL', 'CHT', 'STEN', 'DHTN', 'MTEN',
    ],
  },
  {
    id: 'temperature', name: 'Temperature', pwlsProperty: 'temperature', quantityClass: 'thermodynamic temperature', standardUnit: 'degC',
    displayScale: 'linear', displayRange: { left: 0, right: 200 }, validRange: { min: -60, max: 400 }, colour: '#ff4500',
    mnemonics: [
      'TEMP', 'BHT', 'MTEM', 'GTEM', 'CTEM', 'TMP', 'HTEM', 'ATCA', 'TEMP_DEGC', 'TEMP_DEGF', 'MTMP', 'BHTEMP', 'WTEP',
      'TEMPERATURE', 'FTEM', 'TCDM', 'TEMPOUT', 'TEMPIN', 'DTEMP',
    ],
  },
  {
    id: 'cable_speed', name: 'Cable speed', pwlsProperty: 'cable speed', quantityClass: 'length per time', standardUnit: 'm/h',
    displayScale: 'linear', displayRange: { left: 0, right: 3000 }, validRange: { min: -30000, max: 30000 }, colour: '#a0a0a0',
    mnemonics: [
      'CS', 'CVEL', 'LSPD', 'SPD', 'SPEED', 'LSPEED', 'CABLESPEED', 'LINESPEED',
    ],
  },
  // ---- drilling ------------------------------------------------------------------------
  {
    id: 'rate_of_penetration', name: 'Rate of penetration', pwlsProperty: 'penetration rate', quantityClass: 'length per time', standardUnit: 'm/h',
    displayScale: 'linear', displayRange: { left: 0, right: 100 }, validRange: { min: 0, max: 2000 }, colour: '#2f4f4f',
    mnemonics: [
      'ROP', 'ROPA', 'ROP5', 'RPEN', 'ROP_AVG', 'ROPS', 'INSTROP', 'ROP1', 'ROPT', 'ROPM', 'ROP_RT', 'AROP', 'ROP5_RM',
    ],
  },
  {
    id: 'weight_on_bit', name: 'Weight on bit', pwlsProperty: 'weight on bit', quantityClass: 'force', standardUnit: 'kN',
    displayScale: 'linear', displayRange: { left: 0, right: 250 }, validRange: { min: -500, max: 3000 }, colour: '#556b2f',
    mnemonics: [
      'WOB', 'SWOB', 'DWOB', 'WOBA', 'WOBM', 'WOBS', 'WOB_AVG', 'CWOB', 'WOBX', 'DHWOB', 'WOBAVG',
    ],
  },
  {
    id: 'hook_load', name: 'Hook load', pwlsProperty: 'hook load', quantityClass: 'force', standardUnit: 'kN',
    displayScale: 'linear', displayRange: { left: 0, right: 3000 }, validRange: { min: -500, max: 20000 }, colour: '#8b4513',
    mnemonics: [
      'HKLD', 'HKLA', 'HKL', 'HOOKLOAD', 'HKLX', 'HKLDAV', 'HKLI', 'HOOKLD', 'HKLD_AVG',
    ],
  },
  {
    id: 'torque', name: 'Torque', pwlsProperty: 'torque', quantityClass: 'moment of force', standardUnit: 'kN.m',
    displayScale: 'linear', displayRange: { left: 0, right: 50 }, validRange: { min: -200, max: 500 }, colour: '#b8860b',
    mnemonics: [
      'TORQ', 'TQA', 'STOR', 'TRQ', 'TORQUE', 'TQ', 'DTOR', 'TQAV', 'TORQ_AVG', 'TRQA', 'SURF_TORQ', 'DHTQ', 'TORA',
    ],
  },
  {
    id: 'rotary_speed', name: 'Rotary speed', pwlsProperty: 'angular velocity', quantityClass: 'angular velocity', standardUnit: 'rpm',
    displayScale: 'linear', displayRange: { left: 0, right: 250 }, validRange: { min: -100, max: 2000 }, colour: '#daa520',
    mnemonics: [
      'RPM', 'RPMA', 'RPMB', 'RPMS', 'DRPM', 'RPM_AVG', 'TRPM', 'RPMT', 'ROTSPD', 'RPMM', 'BRPM', 'SURF_RPM',
    ],
  },
  {
    id: 'standpipe_pressure', name: 'Standpipe pressure', pwlsProperty: 'standpipe pressure', quantityClass: 'pressure', standardUnit: 'kPa',
    displayScale: 'linear', displayRange: { left: 0, right: 35000 }, validRange: { min: -1000, max: 200000 }, colour: '#4b0082',
    mnemonics: [
      'SPPA', 'SPP', 'SPPR', 'STPP', 'SPRS', 'SPP_AVG', 'PUMP_P', 'PUMPPRESS', 'STANDPIPE', 'SPPT',
    ],
  },
  {
    id: 'mud_flow_in', name: 'Mud flow in', pwlsProperty: 'mud flow in', quantityClass: 'volume per time', standardUnit: 'L/min',
    displayScale: 'linear', displayRange: { left: 0, right: 5000 }, validRange: { min: 0, max: 30000 }, colour: '#20b2aa',
    mnemonics: [
      'FLWI', 'TFLO', 'FLOWIN', 'MFI', 'MFIA', 'FLIN', 'FLWIN', 'MFLI', 'FLOW_IN', 'GPM', 'TFLW', 'MFIN',
    ],
  },
  {
    id: 'mud_density', name: 'Mud density', pwlsProperty: 'mud density', quantityClass: 'mass per volume', standardUnit: 'g/cm3',
    displayScale: 'linear', displayRange: { left: 0.8, right: 2.4 }, validRange: { min: 0.5, max: 3.2 }, colour: '#cd853f',
    mnemonics: [
      'MW', 'MWIN', 'MDIN', 'MDOA', 'MWI', 'MDENIN', 'MUDWT', 'MUD_WT', 'MWT', 'MDIA', 'MDOU', 'MWOUT', 'MDEN_IN',
    ],
  },
  {
    id: 'total_gas', name: 'Total gas', pwlsProperty: 'gas volume fraction', quantityClass: 'volume per volume', standardUnit: '%',
    displayScale: 'linear', displayRange: { left: 0, right: 100 }, validRange: { min: 0, max: 100 }, colour: '#ff1493',
    mnemonics: [
      'TGAS', 'TG', 'GASTOT', 'TOTGAS', 'TOTAL_GAS', 'GAS', 'TGAS_PCT', 'TGS',
    ],
  },
  // ---- hole and formation geometry -----------------------------------------------------
  {
    id: 'inclination', name: 'Hole inclination', pwlsProperty: 'hole deviation', quantityClass: 'plane angle', standardUnit: 'dega',
    displayScale: 'linear', displayRange: { left: 0, right: 90 }, validRange: { min: 0, max: 180 }, colour: '#191970',
    mnemonics: [
      'DEVI', 'INCL', 'INC', 'HDEV', 'DEV', 'SDEV', 'GDEV', 'GDEV_EDTC', 'DEVIATION', 'INCLINATION', 'HDEVI', 'DEVM', 'INCLIN',
      'DEVIM', 'INCLN', 'DEVOD',
    ],
  },
  {
    id: 'azimuth', name: 'Hole azimuth', pwlsProperty: 'hole azimuth', quantityClass: 'plane angle', standardUnit: 'dega',
    displayScale: 'linear', displayRange: { left: 0, right: 360 }, validRange: { min: -360, max: 720 }, colour: '#483d8b',
    mnemonics: [
      'HAZI', 'AZIM', 'AZI', 'AZIMUTH', 'HAZIM', 'AZIM_EDTC', 'DAZM', 'AZMTH', 'AZTM', 'AZIMT', 'HLAZ',
    ],
  },
  {
    id: 'relative_bearing', name: 'Relative bearing', pwlsProperty: 'relative bearing', quantityClass: 'plane angle', standardUnit: 'dega',
    displayScale: 'linear', displayRange: { left: 0, right: 360 }, validRange: { min: -360, max: 720 }, colour: '#6a5acd',
    mnemonics: [
      'RB', 'RELB', 'RB_EDTC', 'RBRG',
    ],
  },
  {
    id: 'dogleg_severity', name: 'Dogleg severity', pwlsProperty: 'dogleg severity', quantityClass: 'angle per length', standardUnit: '1/30 dega/m',
    displayScale: 'linear', displayRange: { left: 0, right: 10 }, validRange: { min: 0, max: 200 }, colour: '#708090',
    mnemonics: [
      'DLS', 'DOGLEG', 'DLEG', 'DOGL', 'DLSEV',
    ],
  },
  {
    id: 'dip', name: 'Formation dip', pwlsProperty: 'dip angle', quantityClass: 'plane angle', standardUnit: 'dega',
    displayScale: 'linear', displayRange: { left: 0, right: 90 }, validRange: { min: 0, max: 180 }, colour: '#000080',
    mnemonics: [
      'DIP', 'DPTR', 'DIP_TRU', 'TDIP', 'ADIP', 'DIPT', 'DIP_TRUE', 'DIPANG', 'TRUEDIP', 'DIP_APP', 'DPAP',
    ],
  },
  {
    id: 'dip_azimuth', name: 'Dip azimuth', pwlsProperty: 'dip azimuth', quantityClass: 'plane angle', standardUnit: 'dega',
    displayScale: 'linear', displayRange: { left: 0, right: 360 }, validRange: { min: -360, max: 720 }, colour: '#00008b',
    mnemonics: [
      'DPAZ', 'DAZI', 'DIPAZ', 'DIP_AZ', 'AZIM_DIP', 'DIPAZM', 'AAZI', 'DPAZ_NAZ', 'DPAA_NAZ', 'DIPAZI', 'AZI_TRU',
      'AZIMUTH_DIP',
    ],
  },
  // ---- interpretation ------------------------------------------------------------------
  {
    id: 'water_saturation', name: 'Water saturation', pwlsProperty: 'water saturation', quantityClass: 'volume per volume', standardUnit: 'm3/m3',
    displayScale: 'linear', displayRange: { left: 1, right: 0 }, validRange: { min: 0, max: 1 }, colour: '#00ced1',
    mnemonics: [
      'SW', 'SWE', 'SWT', 'SWU', 'SWA', 'SW_HILT', 'SWAR', 'SWEFF', 'SWTOT', 'SW_AR', 'SWARC', 'SWX', 'SWIRR', 'SW_E', 'SW_T',
      'SWF',
    ],
  },
  {
    id: 'shale_volume', name: 'Shale volume', pwlsProperty: 'shale volume fraction', quantityClass: 'volume per volume', standardUnit: 'm3/m3',
    displayScale: 'linear', displayRange: { left: 0, right: 1 }, validRange: { min: 0, max: 1 }, colour: '#a0522d',
    mnemonics: [
      'VSH', 'VSHL', 'VSHALE', 'VSH_GR', 'VSHGR', 'VSH_ND', 'VSHN', 'VSHF', 'VSH_FINAL', 'VSHC', 'VSHA', 'VSHD',
    ],
  },
  {
    id: 'clay_volume', name: 'Clay volume', pwlsProperty: 'clay volume fraction', quantityClass: 'volume per volume', standardUnit: 'm3/m3',
    displayScale: 'linear', displayRange: { left: 0, right: 1 }, validRange: { min: 0, max: 1 }, colour: '#cd5c5c',
    mnemonics: [
      'VCL', 'VCLAY', 'VCL_HILT', 'VWCL', 'VCLGR', 'VCL_GR', 'VCLN', 'VCLD', 'VCLA',
    ],
  },
  {
    id: 'permeability', name: 'Permeability', pwlsProperty: 'permeability', quantityClass: 'permeability rock', standardUnit: 'mD',
    displayScale: 'log', displayRange: { left: 0.01, right: 10000 }, validRange: { min: 0, max: 1e6 }, colour: '#228b22',
    mnemonics: [
      'PERM', 'KINT', 'PERMH', 'PERMV', 'K_PERM', 'PERM_LOG', 'KTIM', 'KSDR', 'PERMX', 'KPERM', 'PERM_CORE', 'KLOG', 'KMAX',
      'KAIR',
    ],
  },
  {
    id: 'bulk_volume_water', name: 'Bulk volume water', pwlsProperty: 'water volume fraction', quantityClass: 'volume per volume', standardUnit: 'm3/m3',
    displayScale: 'linear', displayRange: { left: 0.5, right: 0 }, validRange: { min: 0, max: 1 }, colour: '#5f9ea0',
    mnemonics: [
      'BVW', 'BVWT', 'BVWE', 'BVW_E', 'BVWS', 'CBVW',
    ],
  },
  {
    id: 'grain_density', name: 'Grain (matrix) density', pwlsProperty: 'grain density', quantityClass: 'mass per volume', standardUnit: 'g/cm3',
    displayScale: 'linear', displayRange: { left: 2.5, right: 3.0 }, validRange: { min: 1.0, max: 6.0 }, colour: '#e9967a',
    mnemonics: [
      'RHGA', 'RHOG', 'RHGX', 'RHGX_HILT', 'RHOMA', 'RHMA', 'RHOMAA', 'MATRXDEN', 'RHOGR', 'GDEN', 'RHG', 'RHOGA',
    ],
  },
  {
    id: 'poisson_ratio', name: "Poisson's ratio", pwlsProperty: 'poisson ratio', quantityClass: 'dimensionless', standardUnit: 'Euc',
    displayScale: 'linear', displayRange: { left: 0, right: 0.5 }, validRange: { min: -1, max: 0.5 }, colour: '#ba55d3',
    mnemonics: [
      'PR', 'POIS', 'POISSON', 'PR_DYN', 'PRDYN', 'POISR',
    ],
  },
  {
    id: 'young_modulus', name: "Young's modulus", pwlsProperty: 'young modulus', quantityClass: 'pressure', standardUnit: 'GPa',
    displayScale: 'linear', displayRange: { left: 0, right: 100 }, validRange: { min: 0, max: 1500 }, colour: '#9932cc',
    mnemonics: [
      'YME', 'YMOD', 'YM', 'YOUNG', 'EDYN', 'E_DYN', 'YMD', 'YMOD_DYN', 'YME_DYN', 'YMS',
    ],
  },
  // ---- nuclear magnetic resonance ------------------------------------------------------
  {
    id: 'nmr_porosity', name: 'NMR total porosity', pwlsProperty: 'nmr porosity', quantityClass: 'volume per volume', standardUnit: 'm3/m3',
    displayScale: 'linear', displayRange: { left: 0.5, right: 0 }, validRange: { min: -0.1, max: 1 }, colour: '#00bfff',
    mnemonics: [
      'TCMR', 'CMRP', 'MRP', 'MPHS', 'MPHI', 'TPOR_NMR', 'NMRPHI', 'CMRP_3MS', 'MPHE', 'PHINMR', 'NMR_PHIT', 'TPOR_CMR',
      'MRIL_PHI',
    ],
  },
  {
    id: 'nmr_free_fluid', name: 'NMR free fluid', pwlsProperty: 'free fluid index', quantityClass: 'volume per volume', standardUnit: 'm3/m3',
    displayScale: 'linear', displayRange: { left: 0.5, right: 0 }, validRange: { min: -0.1, max: 1 }, colour: '#87cefa',
    mnemonics: [
      'CMFF', 'FFI', 'MFFI', 'FFV', 'MFF', 'FFI_NMR', 'CMFF_3MS', 'MBVM', 'BVM',
    ],
  },
  {
    id: 'nmr_bound_fluid', name: 'NMR bound fluid', pwlsProperty: 'bound water volume fraction', quantityClass: 'volume per volume', standardUnit: 'm3/m3',
    displayScale: 'linear', displayRange: { left: 0.5, right: 0 }, validRange: { min: -0.1, max: 1 }, colour: '#4169e1',
    mnemonics: [
      'BFV', 'MBVI', 'BVI', 'CMBF', 'BVIR', 'BFV_NMR', 'BVIE',
    ],
  },
  {
    id: 't2_log_mean', name: 'T2 logarithmic mean', pwlsProperty: 'transverse relaxation time', quantityClass: 'time', standardUnit: 'ms',
    displayScale: 'log', displayRange: { left: 0.3, right: 3000 }, validRange: { min: 0.01, max: 100000 }, colour: '#008b8b',
    mnemonics: [
      'T2LM', 'T2LOG', 'T2_LM', 'MT2', 'T2GM', 'T2LM_CMR', 'T2LMC', 'T2LMM', 'T2MEAN',
    ],
  },
  // ---- raw measurements, borehole and survey geometry ---------------------------------
  {
    id: 'count_rate', name: 'Count rate', pwlsProperty: 'count rate', quantityClass: 'frequency', standardUnit: 'Hz',
    displayScale: 'linear', displayRange: { left: 0, right: 5000 }, validRange: { min: 0, max: 1e7 }, colour: '#696969',
    mnemonics: [
      'CFTC', 'CNTC', 'RCFT', 'RCNT', 'NEU', 'CFT', 'CNT', 'SS1', 'SS2', 'LS1', 'LS2', 'NEUT', 'SSD', 'LSD', 'FFDC', 'NFDC', 'RHFT',
      'RHNT', 'HNTC', 'TNFC', 'TNNC', 'FCNL', 'NCNL',
    ],
  },
  {
    id: 'neutron_ratio', name: 'Thermal neutron near/far ratio', pwlsProperty: 'thermal neutron near far ratio', quantityClass: 'dimensionless', standardUnit: 'Euc',
    displayScale: 'linear', displayRange: { left: 0, right: 10 }, validRange: { min: 0, max: 100 }, colour: '#4682b4',
    mnemonics: [
      'TNRA', 'RTNR', 'NRAT', 'TNR', 'NRAT_SL', 'HTNR', 'CNRA',
    ],
  },
  {
    id: 'volumetric_photoelectric_factor', name: 'Volumetric photoelectric factor (U)', pwlsProperty: 'volumetric photoelectric factor',
    quantityClass: 'area per volume', standardUnit: 'b/cm3',
    displayScale: 'linear', displayRange: { left: 0, right: 20 }, validRange: { min: 0, max: 1000 }, colour: '#9400d3',
    mnemonics: [
      'UZ', 'U8', 'UAPP', 'UMAA', 'UMA', 'UMA_HILT', 'UPE', 'UVOL',
    ],
  },
  {
    id: 'acoustic_travel_time', name: 'Acoustic travel time', pwlsProperty: 'acoustic travel time', quantityClass: 'time', standardUnit: 'us',
    displayScale: 'linear', displayRange: { left: 0, right: 2000 }, validRange: { min: 0, max: 100000 }, colour: '#9370db',
    mnemonics: [
      'TT1', 'TT2', 'TT3', 'TT4', 'TT', 'TTSL', 'TT3FT', 'TT5FT', 'TTI', 'ITT', 'ITTT', 'TTC', 'TTS', 'TTP',
    ],
  },
  {
    id: 'acoustic_amplitude', name: 'Acoustic amplitude (e.g. cement bond)', pwlsProperty: 'acoustic amplitude',
    quantityClass: 'electric potential difference', standardUnit: 'mV',
    displayScale: 'linear', displayRange: { left: 0, right: 100 }, validRange: { min: -1e5, max: 1e5 }, colour: '#778899',
    mnemonics: [
      'CBL', 'AMP3FT', 'AMP5FT', 'CBLF', 'AMPL', 'CBLA', 'E1', 'AMP1', 'AMP2',
    ],
  },
  {
    id: 'casing_collar_locator', name: 'Casing collar locator', pwlsProperty: 'casing collar locator', quantityClass: 'electric potential difference', standardUnit: 'mV',
    displayScale: 'linear', displayRange: { left: -10, right: 10 }, validRange: { min: -1e5, max: 1e5 }, colour: '#2f4f4f',
    mnemonics: [
      'CCL', 'CCLU', 'CCL1', 'CCLD', 'CCLA',
    ],
  },
  {
    id: 'borehole_volume', name: 'Integrated borehole volume', pwlsProperty: 'borehole volume', quantityClass: 'volume', standardUnit: 'm3',
    displayScale: 'linear', displayRange: { left: 0, right: 100 }, validRange: { min: 0, max: 1e6 }, colour: '#a9a9a9',
    mnemonics: [
      'IHV', 'BHVT', 'AHVT', 'TBHV', 'ABHV', 'BHV', 'IHVT', 'HOLEVOL',
    ],
  },
  {
    id: 'vertical_section', name: 'Vertical section', pwlsProperty: 'vertical section', quantityClass: 'length', standardUnit: 'm',
    displayScale: 'linear', displayRange: { left: 0, right: 5000 }, validRange: { min: -50000, max: 50000 }, colour: '#696969',
    mnemonics: [
      'VSEC', 'VSECT', 'VERTSEC', 'VSECTION',
    ],
  },
  {
    id: 'north_departure', name: 'North departure', pwlsProperty: 'north departure', quantityClass: 'length', standardUnit: 'm',
    displayScale: 'linear', displayRange: { left: -1000, right: 1000 }, validRange: { min: -50000, max: 50000 }, colour: '#696969',
    mnemonics: [
      'ND', 'NS', 'NSDP', 'NORTH', 'DNS', 'NDEP', 'N_S', 'NSDEP', 'LATDEP',
    ],
  },
  {
    id: 'east_departure', name: 'East departure', pwlsProperty: 'east departure', quantityClass: 'length', standardUnit: 'm',
    displayScale: 'linear', displayRange: { left: -1000, right: 1000 }, validRange: { min: -50000, max: 50000 }, colour: '#696969',
    mnemonics: [
      'ED', 'EW', 'EWDP', 'EAST', 'DEW', 'EDEP', 'E_W', 'EWDEP',
    ],
  },
];
