// Types for the part of bench/lib/servers.mjs the tests use.
/** The Node flags Roundtable runs with in the bench: `npm start`'s (from `start`), or BENCH_NODE_FLAGS when set. */
export function roundtableNodeFlags(start?: string): string[];
