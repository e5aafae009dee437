/** Types of scripts/codelists.mjs (see there). */
export const SOURCE_DIR: string;
export const TARGET_DIR: string;
export const CODELISTS: string[];
export function codelistJson(name: string, xml: string): string;
export function activeJson(lists: readonly { name: string; codes: Readonly<Record<string, string>>; withdrawn: readonly string[] }[]): string;
