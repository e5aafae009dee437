export interface Table { header: string[]; body: string[][] }
export function table(results: Record<string, unknown>, kinds: string[], labels: Record<string, string>): Table;
export function toMarkdown(t: Table): string;
export function toText(t: Table): string;
