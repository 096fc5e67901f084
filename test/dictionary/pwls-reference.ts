/** Finds the PWLS v3.0 CSVs in ../shared/reference; tests that need them skip visibly without them. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../../shared/reference/geosoft-as__pwls/excel-as-csv/', import.meta.url));
export const PWLS_CURVES = DIR + 'curves.csv';
export const PWLS_PROPERTIES = DIR + 'properties.csv';
export const HAVE_PWLS = existsSync(PWLS_CURVES) && existsSync(PWLS_PROPERTIES);

export const readPwlsCurves = (): string => readFileSync(PWLS_CURVES, 'utf8');
export const readPwlsProperties = (): string => readFileSync(PWLS_PROPERTIES, 'utf8');
