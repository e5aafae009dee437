import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../../shared/access.js';
import type { RunningServer } from '../../server/server.js';
import type { PlanData } from '../../shared/schema/types.js';
import { rememberLinks, removeDir, startTestServer, tempDir } from '../helpers/test-server.js';
import { handbookMatrix } from '../shared/helpers/fixtures.js';

/** The official IATI reference files beside the repository. */
export const IATI_DIR = path.resolve(import.meta.dirname, '../../../shared/iati');
/** The official 2.03 activity schema. */
export const IATI_XSD = path.join(IATI_DIR, 'schemas/iati-activities-schema.xsd');

/**
 * The handbook matrix (output 1 = 39,000 USD) with what IATI needs and something in every field
 * the export maps: reporting organisation, horizon, country, DAC sectors, SDG targets and GCM
 * objectives on the goal, a secured external funder, responsible parties, risks and means of
 * verification, an indicator with baseline and target, and a review with an expenditure and a reading.
 */
export function iatiPlan(): PlanData {
  const p = handbookMatrix();
  Object.assign(p, {
    title: 'Moldova M&D plan <2026> & "beyond"',
    reportingOrgName: 'Ministry of Economy',
    reportingOrgRef: 'XM-DAC-47066',
    reportingOrgType: '10',
    horizonStart: '2026-03-01',
    horizonEnd: '2028-12-31',
    country: 'MD',
    stage: 'implementation',
  });
  Object.assign(p.goals[0]!, { dacSectors: ['15190', '24050'], sdgTargets: ['10.7', '10.c'], gcmObjectives: [19, 20], responsibleParties: ['Ministry of Labour'] });
  Object.assign(p.outputs[0]!, { responsible: 'Central bank' });
  Object.assign(p.activities[0]!, {
    funding: { kind: 'external', modality: 'project', funder: 'IOM', status: 'secured' },
    responsible: 'Ministry of Finance',
    start: '2026-03-01',
    end: '2027-08-31',
    risks: 'Elections \u0001delay <consultations> & more',
    verification: 'Minutes of the consultations',
    result: 'Stakeholders consulted',
    dacSectors: ['15190'],
  });
  p.indicators.push({
    id: 'i1', nodeId: 'op1', name: 'Policy adopted', kind: 'direct', level: 'output', unit: '%',
    baseline: { value: 0, date: '2026-01-01' }, target: { value: 100, date: '2028-12-31' },
    disaggregation: ['sex'], verification: 'Official gazette', source: 'Ministry of Finance', order: 'i', archived: false,
    measurement: 'quantitative', frequency: 'yearly',
    periodTargets: [],
  });
  p.reviews.push({
    id: 'rv1', kind: 'yearly', label: 'Year 1', start: '2026-03-01', end: '2027-02-28', archived: false, reporting: 'period', baselineSnapshotId: null,
    activities: [{ activityId: 'a11', expenditure: { amount: 9_000, currency: 'USD' }, result: '', progress: '', risksMaterialised: '' }],
    indicators: [{ indicatorId: 'i1', value: 40, note: 'draft adopted by cabinet', parts: [] }],
  });
  return p;
}

/** Runs xmllint with the official XSD on `xml`; returns its complaints ('' when valid). */
export function xsdProblems(xml: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rt-iati-')), 'doc.xml');
  fs.writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', IATI_XSD, file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    return err.stderr?.toString() || err.message;
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** A real server on port 0 for the tests of one file: started before them, closed after. */
export function serverForFile(): () => RunningServer {
  let server: RunningServer | undefined;
  let dir = '';
  beforeAll(async () => {
    dir = tempDir();
    server = await startTestServer(dir);
  });
  afterAll(async () => {
    await server?.close();
    removeDir(dir);
  });
  return () => server!;
}

/** Imports `plan` as a new plan over HTTP and remembers its links; resolves with its id. */
export async function importPlan(server: RunningServer, plan: PlanData): Promise<string> {
  const res = await fetch(`${server.url}/api/plans/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(plan) });
  if (res.status !== 201) throw new Error(`import refused: ${res.status} ${await res.text()}`);
  const created = (await res.json()) as { id: string; links: Record<Role, string> };
  rememberLinks(created);
  return created.id;
}
