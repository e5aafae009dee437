export function percentile(values: ArrayLike<number>, p: number): number;
export function median(values: Array<number | boolean | null | undefined>): number;
export function sleep(ms: number): Promise<void>;
export function waitFor(cond: () => unknown, ms: number, every?: number): Promise<boolean>;
