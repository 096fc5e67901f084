/**
 * Corpus files where lasio's read is wrong and ours differs on purpose, each with the
 * reason and the lines of the file that show it.
 */
export const LASIO_WRONG: Record<string, string> = {};
