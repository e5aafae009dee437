/**
 * Document formats the Export menu offers: `name` is what follows `export.` in
 * `GET /api/plans/:id/export.<name>` (with its query, for one sheet as CSV), `label` what the
 * menu shows. Each entry is served by a module of server/export/.
 */
export const EXPORT_FORMATS: readonly { name: string; label: string }[] = [
  { name: 'xlsx', label: 'Excel workbook (.xlsx)' },
  { name: 'csv?sheet=matrix', label: 'Matrix as CSV' },
  { name: 'csv?sheet=budget', label: 'Budget by funding source as CSV' },
  { name: 'csv?sheet=scores', label: 'Scores as CSV' },
  { name: 'csv?sheet=indicators', label: 'Indicators as CSV' },
];
