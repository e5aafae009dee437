import { describe, expect, it } from 'vitest';
import { RIGHTS, ROLES, can } from '../../shared/access.js';

describe('roles and rights', () => {
  it('[A1] observers only read; editors read, write and snapshot; facilitators may do everything', () => {
    const table = Object.fromEntries(ROLES.map((r) => [r, Object.keys(RIGHTS).filter((right) => can(r, right as keyof typeof RIGHTS))]));
    expect(table).toEqual({
      facilitator: ['read', 'write', 'snapshot', 'manageVersions', 'facilitate'],
      editor: ['read', 'write', 'snapshot'],
      observer: ['read'],
    });
  });
});
