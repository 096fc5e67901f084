/**
 * Mnemonics as files write them carry noise around the name: lasio's duplicate suffix ("GR:1"),
 * array elements ("NMR[3]"), case. Vendors also decorate a base mnemonic with a run number or a
 * tool suffix ("GR_1", "ECGR_EDTC"); `stripDecorations` removes those for a second exact look-up.
 */
export function normaliseMnemonic(mnemonic: string): string {
  return mnemonic.trim().toUpperCase().replace(/:\d+$/, '').replace(/\[\d+\]$/, '').trim();
}

const DECORATIONS = /[_.-](?:EDTC|HILT|HRLT|HRLA|SL|RT|RM|MWD|LWD|WL|AVG|CORR|COR|FINAL|FIN|LOG|RAW|NORM|ED|EC|DESPIKED|INT|\d+)$|[.]$/;

export function stripDecorations(mnemonic: string): string | undefined {
  const stripped = mnemonic.replace(DECORATIONS, '');
  return stripped !== mnemonic && stripped.length >= 2 ? stripped : undefined;
}

/** Lower case, punctuation and digits as spaces, single spaces: descriptions compared by keywords. */
export function normaliseDescription(description: string): string {
  return description
    .toLowerCase()
    .replace(/\{[^}]*\}/g, ' ') // lasio-style format hints such as {F13.4}
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Service company names and RP66 organisation codes, for scoping loaded PWLS mappings. */
const COMPANY_CODES: readonly (readonly [RegExp, string])[] = [
  [/schlumberger|\bslb\b/, '440'],
  [/halliburton|sperry/, '280'],
  [/inteq/, '15'],
  [/baker atlas|western atlas|\batlas\b|baker hughes/, '150'],
  [/pason/, '341'],
  [/numar/, '281'],
  [/\bbp\b/, '35'],
];

export function companyCode(company: string | undefined): string | undefined {
  if (!company) return undefined;
  const t = company.trim();
  if (/^\d+$/.test(t)) return String(Number(t));
  const lower = t.toLowerCase();
  return COMPANY_CODES.find(([re]) => re.test(lower))?.[1];
}
