// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { readPlan } from '../../shared/model.js';
import type { SnapshotMeta } from '../../shared/versions.js';
import { RtVersionList, type VersionActions } from '../../client/components/rt-version-list.js';
import { RtVersionViewer } from '../../client/components/rt-version-viewer.js';
import { localWorkspace, mount } from './helpers.js';
// The viewer shows a version in a view, which `client/views.ts` loads on demand (with the comments
// panel after the first): loaded here first, so no module load outlives the test file.
import '../../client/components/rt-poa.js';
import '../../client/components/rt-scoring.js';
import '../../client/components/rt-matrix.js';
import '../../client/components/rt-monitoring.js';
import '../../client/components/rt-comments.js';

afterEach(() => document.body.replaceChildren());

const meta = (id: string, status: SnapshotMeta['status']): SnapshotMeta => ({
  id,
  planId: 'plan-1',
  name: `Version ${id}`,
  note: '',
  status,
  author: 'Ana',
  createdAt: '2026-03-12T10:00:00.000Z',
  changedAt: null,
  sha256: '0'.repeat(64),
  bytes: 10,
});

/** Actions that record what the list asked for. */
function recorder(): VersionActions & { calls: string[] } {
  const calls: string[] = [];
  const rec = (name: string) => (m?: SnapshotMeta | string) => void calls.push(`${name} ${typeof m === 'string' ? m : (m?.id ?? '')}`.trim());
  return { calls, choose: (side, id) => calls.push(`choose ${side} ${id}`), compare: (from) => calls.push(`compare ${from ?? ''}`.trim()), open: rec('open'), fork: rec('fork'), restore: rec('restore'), setStatus: rec('status'), endorse: rec('endorse'), rename: rec('rename'), remove: rec('remove') };
}

async function list(role: { writer: boolean; facilitator: boolean }, actions: VersionActions) {
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  document.body.append(host);
  const el = new RtVersionList();
  Object.assign(el, { planId: 'plan-1', snapshots: [meta('a', 'draft'), meta('b', 'endorsed')], from: 'a', to: 'live', actions, ...role });
  root.append(el);
  await el.updateComplete;
  await Promise.all([...el.querySelectorAll('rt-export-menu')].map((m) => m.updateComplete));
  return el;
}

/** The controls of one version: its buttons and its Export menu (named by its toggle's label). */
const buttons = (el: Element, id: string) =>
  [...el.querySelectorAll<HTMLElement>(`li[data-snapshot="${id}"] button, li[data-snapshot="${id}"] rt-export-menu`)].map((b) =>
    b.localName === 'rt-export-menu' ? b.shadowRoot!.querySelector('button.toggle')!.getAttribute('aria-label')! : b.textContent!.trim(),
  );

describe('the versions list (a part of the versions panel)', () => {
  it('offers each role only what it may do; an endorsed version is locked', async () => {
    const editor = await list({ writer: true, facilitator: false }, recorder());
    expect(buttons(editor, 'a')).toEqual(['Open', 'Compare with live', 'Export Version a', 'Fork']);
    const observer = await list({ writer: false, facilitator: false }, recorder());
    expect(buttons(observer, 'a')).toEqual(['Open', 'Compare with live', 'Export Version a']);
    const fac = await list({ writer: true, facilitator: true }, recorder());
    expect(buttons(fac, 'a')).toEqual(['Open', 'Compare with live', 'Export Version a', 'Fork', 'Restore', 'Endorse', 'Rename', 'Delete']);
    expect(buttons(fac, 'b')).toEqual(['Open', 'Compare with live', 'Export Version b', 'Fork', 'Restore']);
    expect(fac.querySelector('li[data-snapshot="b"] svg[aria-label="locked"]')).not.toBeNull();
  });

  it('asks the panel to open, compare and restore; renders into its host shadow root', async () => {
    const actions = recorder();
    const el = await list({ writer: true, facilitator: true }, actions);
    expect(el.shadowRoot).toBeNull();
    el.querySelector<HTMLButtonElement>('button[aria-label="Open Version a"]')!.click();
    el.querySelector<HTMLButtonElement>('button[aria-label="Compare with live: Version b"]')!.click();
    el.querySelector<HTMLButtonElement>('button[aria-label="Restore Version b"]')!.click();
    const from = el.querySelector<HTMLSelectElement>('select[aria-label="Compare from"]')!;
    from.value = 'b';
    from.dispatchEvent(new Event('change'));
    expect(actions.calls).toEqual(['open a', 'compare b', 'restore b', 'choose from b']);
  });
});

describe('an opened version (a part of the versions panel)', () => {
  it('shows the version read-only in the chosen view and drops its document when closed', async () => {
    const ws = localWorkspace();
    const viewer = new RtVersionViewer();
    viewer.meta = meta('a', 'workshop');
    viewer.plan = readPlan(ws.doc);
    viewer.view = 'scoring';
    await mount(viewer);
    expect(viewer.querySelector('.readonly-note')!.textContent).toContain('Workshop version');
    const view = viewer.querySelector('rt-scoring')!;
    expect(view).not.toBeNull();
    const opened = viewer.workspace!;
    expect(opened.readonly).toBe(true);
    expect(opened.store.plan.title).toBe('National POA on M&D');
    const chosen: string[] = [];
    viewer.addEventListener('view', (e) => chosen.push((e as CustomEvent<string>).detail));
    [...viewer.querySelectorAll<HTMLButtonElement>('.tabs button')].find((b) => b.textContent === 'Monitoring')!.click();
    expect(chosen).toEqual(['monitoring']);
    viewer.remove();
    expect(opened.doc.isDestroyed).toBe(true);
    expect(viewer.workspace).toBeNull();
  });
});
