/** Types of scripts/codelists.mjs (see there). */
export const SOURCE_DIR: string;
export const TARGET_DIR: string;
export const CODELISTS: string[];
export function codelistJson(name: string, xml: string): string;
