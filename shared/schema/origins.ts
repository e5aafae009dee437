/**
 * Every transaction names who made it. Persistence skips `storage`, the undo manager tracks only
 * the local origin object, and logs print the source.
 */
export type Origin =
  | { readonly source: 'local'; readonly userId: string }
  | { readonly source: 'remote' }
  | { readonly source: 'storage' }
  | { readonly source: 'server'; readonly reason: string };

/** True when `value` has the shape of an {@link Origin}. Any other origin is foreign to Roundtable. */
export function isOrigin(value: unknown): value is Origin {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  switch (v['source']) {
    case 'local':
      return typeof v['userId'] === 'string';
    case 'remote':
    case 'storage':
      return true;
    case 'server':
      return typeof v['reason'] === 'string';
    default:
      return false;
  }
}

/** The origin a browser passes for the person at the keyboard. */
export function localOrigin(userId: string): Origin {
  return { source: 'local', userId };
}
