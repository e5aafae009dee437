/** Roles an invite link can carry, from most to least powerful. */
export const ROLES = ['facilitator', 'editor', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** What a request or connection may do. */
export const RIGHTS = {
  /** See the plan, its exports, ranking, issues, budget, snapshots and diffs; presence. */
  read: ['facilitator', 'editor', 'observer'],
  /** Change the live plan (websocket writes) and score. */
  write: ['facilitator', 'editor'],
  /** Take a snapshot that is not endorsed; fork a snapshot into a new plan. */
  snapshot: ['facilitator', 'editor'],
  /** Endorse, rename, re-note, delete and restore snapshots. */
  manageVersions: ['facilitator'],
  /** Issue and revoke invite links, read and export the audit trail, lock criteria. */
  facilitate: ['facilitator'],
} as const satisfies Record<string, readonly Role[]>;
export type Right = keyof typeof RIGHTS;

/** True when `role` has `right`. */
export function can(role: Role, right: Right): boolean {
  return (RIGHTS[right] as readonly Role[]).includes(role);
}
