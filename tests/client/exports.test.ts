import { describe, expect, it } from 'vitest';
import { EXPORTS, exportPath } from '../../client/state/exports.js';

const format = (name: string) => EXPORTS.find((f) => f.name === name)!;

describe('export paths of the Export menu', () => {
  it('[CM10] the print view and Word take the discussion annex when asked; other formats never send it', () => {
    expect(exportPath('p1', format('docx'), null, null, true)).toBe('/api/plans/p1/export.docx?comments=1');
    expect(exportPath('p1', format('html'), 's1', 'r2', true)).toBe('/api/plans/p1/snapshots/s1/export.html?period=r2&comments=1');
    expect(exportPath('p1', format('docx'), null, null, false)).toBe('/api/plans/p1/export.docx');
    expect(exportPath('p1', format('xlsx'), null, null, true)).toBe('/api/plans/p1/export.xlsx');
  });
});
