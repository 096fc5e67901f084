/**
 * Corpus files where lasio's read is wrong and ours differs on purpose, each with the
 * reason and the lines of the file that show it. The conformance test fails if a file
 * listed here stops differing (so the list cannot go stale).
 */
export const LASIO_WRONG: Record<string, string> = {
  // ---- LAS 1.2 / 2.0
  'kinverarity1__lasio/tests/examples/barebones2.las':
    'No ~Curve section; the ~A title names the columns: "~A  DEPTH     DT       RHOB     NPHI ..." — we name the curves DEPTH, DT, ... from it, lasio calls them all UNKNOWN.',
  'kinverarity1__lasio/tests/examples/null_policy_ind.las':
    'Columns CN and CD hold the same text "-1.#IND0000" on every row ("2450.000 141.53386454     -1.#IND0000      -1.#IND0000"), Microsoft C\'s spelling of NaN; lasio reads CN as -1 and CD as NULL. We read both as NULL.',
  'matthewoestreich__liblas/las_files/ascii_not_last.las':
    'The ~A section has two rows ("   -25.0000   -999.2500 ..." twice) and is followed by "~Other Information Section"; lasio drops the last data row of a ~A section that is not last in the file. We read 2 rows.',
  'softlandia__glasio/data/2.0/cp1251_2.0_well_name.las':
    'Section titles are lower case ("~c", "~a"); lasio only recognises upper-case titles and reads no curves. We read ETIM, BFR1, BSG1 and their rows.',
  'softlandia__glasio/data/broken_parameter.las':
    'Section titles are lower case ("~c", "~p", "~a"); lasio reads no curves. We read ETIM, BFR1, BSG1 and their rows.',
  'softlandia__glasio/data/expand_points_01.las':
    'The mnemonic bytes A0 8F 91 are "АПС" in CP866 (the file is Russian); chardet guessed Windows-1253, where 0x8F is undefined, and lasio reads "\\ufffd‘". Decoded with that same wrong code page, we keep U+008F rather than replacing it.',
  'softlandia__glasio/examples/lasin/ex01.las':
    'The mnemonic bytes A0 8F 91 are "АПС" in CP866 ("12-\\xa0\\x8f\\x91  .\\xa4.\\xa5\\xa4."); chardet guessed Windows-1253, where 0x8F is undefined, and lasio reads "\\ufffd‘".',
  'softlandia__glasio/data/step-2-data-without-step-case2.las':
    'The first data row\'s depth is the Cyrillic letter "а" (" а  2" under "~ASCII Log Data"); lasio turns the whole DEPT index into text. We skip that row with a warning and keep DEPT numeric (1 row: 1.1).',
  // ---- LAS 3.0 (checked by eye; see las3-sets.test.ts for the shapes and values we read)
  'agilescientific__LASinfections/examples/ex12_1046114346.las':
    'DLM COMMA: lasio puts every value into the first column ("79.0000,207.4832,239.8575,..."). We read 7585 rows x 55 curves, and the Tops, IQ_Control and IQ_Geo_Report sets.',
  'agilescientific__welly/tutorial/data/Wellington_KGS-1-32-wDST2_LASv3.las':
    'DLM COMMA: lasio puts every value into the first column. We read 9341 rows x 38 curves plus the IQ_Brine, Tops, Test[1..4], IQ_Control and IQ_Geo_Report sets.',
  'agilescientific__striplog/docs/tutorial/P-129_striplog_from_cuttings.las':
    'The only data set is ~Lithology_Data with ~Lithology_Definition (LITHT, LITHB, LITHD {S}); lasio names the columns UNKNOWN and splits the quoted descriptions ("Red, siltstone, very fine"). We read the Lithology set: 155 rows x 3 curves.',
  'kinverarity1__lasio/tests/examples/3.0/Curve-Param Error #11 (SS).las':
    '~LOG_DEFINITION defines 31 curves (DEPT.m, DBTM.m, ...) and ~LOG_DATA holds 96 rows; lasio reads 0 curves.',
  'kinverarity1__lasio/tests/examples/3.0/Curve-Param Error #8 (SS).las':
    '~LOG_DEFINITION defines 10 curves (DEPT.m, HYDC1.ppm, ROPA.m/hr, ...) and ~LOG_DATA holds 201 rows ("1450.0  6142.8340  3.5468 ..."); lasio reads 0 curves.',
  'kinverarity1__lasio/tests/examples/3.0/Curve-Param Unknown #1(SS).las':
    '~Drilling_Definition names the columns ("ETIM .S : 1 ELAPSED TIME", "Weight_On_Hook .klbm", ...); lasio ignores it and calls them UNKNOWN.',
  'kinverarity1__lasio/tests/examples/3.0/Curve-Param Unknown #2 (SS).LAS':
    '~Drilling_Definition names 45 columns (ETIM, Bit_Depth, Total_Depth, ...); lasio ignores it and calls them UNKNOWN.',
};
