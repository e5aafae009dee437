// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render } from 'lit';
import { STAGES } from '../../shared/model.js';
import { PANELS, STAGE_LABELS, VIEWS, loadView, panelsFor, stageFromHash, viewById, viewOfStage, viewsFor } from '../../client/views.js';
import { localWorkspace } from './helpers.js';

describe('the view registry', () => {
  it('serves every planning stage with exactly one view, with the labels people know', () => {
    for (const stage of STAGES) expect(VIEWS.filter((v) => v.stages.includes(stage)).map((v) => v.id)).toHaveLength(1);
    expect(STAGES.map((s) => viewOfStage(s).id)).toEqual(['poa', 'poa', 'scoring', 'poa', 'matrix', 'matrix', 'monitoring']);
    expect(VIEWS.map((v) => v.label)).toEqual(['Plan of Action', 'Goals and scoring', 'Implementation matrix', 'Monitoring']);
    expect(new Set(VIEWS.map((v) => v.short)).size).toBe(VIEWS.length);
    expect(Object.keys(STAGE_LABELS)).toEqual([...STAGES]);
  });

  it('reads a stage from the URL hash and nothing else', () => {
    expect(stageFromHash('#implementation')).toBe('implementation');
    expect(stageFromHash('implementation')).toBe('implementation');
    expect(stageFromHash('#constructor')).toBeNull();
    expect(stageFromHash('#')).toBeNull();
  });

  it('offers the share and audit panels to facilitators only, the profile to writers, versions and the archive bin to everyone', () => {
    expect(panelsFor('facilitator').map((p) => p.id)).toEqual(PANELS.map((p) => p.id));
    expect(panelsFor('editor').map((p) => p.id)).toEqual(['people', 'consult', 'versions', 'archive', 'profile', 'sectors', 'library']);
    expect(panelsFor('observer').map((p) => p.id)).toEqual(['people', 'consult', 'versions', 'archive', 'sectors', 'library']);
    expect(panelsFor(null).map((p) => p.id)).toEqual(['people', 'consult', 'versions', 'archive', 'sectors', 'library']);
    expect(viewsFor('observer')).toHaveLength(VIEWS.length);
  });

  it('renders each view as its element', async () => {
    const ws = localWorkspace();
    for (const v of VIEWS) {
      const host = document.createElement('div');
      render(viewById(v.id).render(ws), host);
      expect(host.firstElementChild?.tagName.toLowerCase()).toBe(`rt-${v.id}`);
      expect((host.firstElementChild as unknown as { ws: unknown }).ws).toBe(ws);
    }
    // Each view's module loads on first show (its own chunk); once loaded the element is upgraded.
    await Promise.all([...VIEWS.map((v) => loadView(v.id)), loadView('stage')]);
    for (const v of VIEWS) expect(customElements.get(`rt-${v.id}`)).toBeDefined();
  });
});
