import { html, type TemplateResult } from 'lit';
import { can, type Right, type Role } from '../shared/access.js';
import { STAGES, type Stage } from '../shared/schema/types.js';
import type { Workspace } from './state/workspace.js';
import { loadDerived } from './state/plan-store.js';
import { loadNamespaces, t } from './i18n.js';
import { VIEW_NAMESPACES } from './i18n-namespaces.js';
import { labelsOf } from './labels.js';

/**
 * The one list of what the workspace can show: the views of the plan (each serving some planning
 * stages) and the panels beside them. The stage bar, the view switch of the workspace, presence
 * ("looking at …") and the views of an opened version all read it; nothing else lists views.
 */

/**
 * Each view's element module, the stage panel's and each side panel's: its own chunk, fetched the first time it is
 * shown, so a plan page's first load carries none of them (issue 16, poor links). Lit keeps the
 * properties set on an element before its definition arrives, so views render at once and upgrade.
 */
const MODULES = {
  poa: () => import('./components/rt-poa.js'),
  scoring: () => import('./components/rt-scoring.js'),
  matrix: () => import('./components/rt-matrix.js'),
  monitoring: () => import('./components/rt-monitoring.js'),
  stage: () => import('./components/rt-stage-panel.js'),
  // The panels beside the views (PANELS below), loaded when one is opened.
  people: () => import('./components/rt-people.js'),
  sectors: () => import('./components/rt-sectors.js'),
  library: () => import('./components/rt-library.js'),
  consult: () => import('./components/rt-consult.js'),
  versions: () => import('./components/rt-versions.js'),
  share: () => import('./components/rt-share.js'),
  audit: () => import('./components/rt-audit.js'),
  iati: () => import('./components/rt-iati.js'),
  archive: () => import('./components/rt-archive.js'),
  profile: () => import('./components/rt-profile.js'),
  // The comments panel (opened from a comment badge, which only views and panels show): loaded
  // with the first of them, so the first screen does not carry it.
  comments: () => import('./components/rt-comments.js'),
  // The home page (rt-app loads it on `/`): prefetched with the rest, so it opens offline too.
  home: () => import('./components/rt-home.js'),
  // The Export menu's content (its button is on the first screen; SPEC BL6): loaded on the first
  // opening, prefetched with the rest.
  exportMenu: () => import('./components/export-menu-body.js'),
} as const;

/**
 * What the first screen does not need but the next click may: the comments panel (opened from a
 * badge), the Export menu's content (SPEC BL6), the API error texts (until they are in, an error shows the server's English message) and
 * the commands' refusals (`client/command-text.ts` also loads them when one is shown first).
 * Started with the first view, not awaited.
 */
function startAfterFirstScreen(): void {
  void loadView('comments').catch(() => undefined);
  void loadView('exportMenu').catch(() => undefined);
  void loadNamespaces(['errors', 'refusals']).catch(() => undefined);
}

/** The views that read the plan store's issues, budget or ranking: loaded after that code (`loadDerived`). */
const READS_DERIVED: ReadonlySet<keyof typeof MODULES> = new Set(['scoring', 'matrix', 'monitoring']);

const loading = new Map<keyof typeof MODULES, Promise<unknown>>();

/**
 * The first view's texts (the stage panel's and the Plan of Action's). Their code is one chunk
 * (`first-view`, vite.config.ts) that other views and panels share for the modules they have in
 * common, and loading it defines `rt-stage-panel` and `rt-poa`; so every view or panel loads these
 * texts before its module, and neither element can render before its texts are in (SPEC BL5).
 * The stage panel shows above every view, so they are wanted anyway.
 */
const FIRST_VIEW_NAMESPACES: readonly string[] = [...VIEW_NAMESPACES.poa, ...VIEW_NAMESPACES.stage];

/**
 * Loads a view's module once, after the message namespaces it reads (SPEC BL4: its element is
 * defined only once its texts are in, so it never shows a raw key) and, for a view that reads
 * them, the code of the plan store's derived values. A failed load is retried next
 * time; its error reaches the page's last-resort handler. After the first, the others follow when
 * the browser is idle, so every view is in the service worker's cache for an offline visit.
 */
export function loadView(id: keyof typeof MODULES): Promise<unknown> {
  let p = loading.get(id);
  if (!p) {
    const first = loading.size === 0;
    const namespaces: readonly string[] = [...((VIEW_NAMESPACES as Partial<Record<string, readonly string[]>>)[id] ?? []), ...FIRST_VIEW_NAMESPACES];
    p = Promise.all([loadNamespaces(namespaces), READS_DERIVED.has(id) ? loadDerived() : undefined])
      .then((): Promise<unknown> => MODULES[id]())
      .catch((err: unknown) => {
        loading.delete(id);
        throw err;
      });
    loading.set(id, p);
    // On a poor link the comments panel and the error texts wait until the first view is in, so
    // they do not share the link with it (SPEC BL5); under tests they start at once, as before, so
    // no load outlives a test file.
    if (first && import.meta.env.PROD) {
      void p.then(() => {
        startAfterFirstScreen();
        // The other views 2 s after the first is in (production only: under tests, components
        // rendered alone, the late loads would outlive the test).
        setTimeout(() => void Promise.all(Object.keys(MODULES).map((k) => loadView(k as keyof typeof MODULES).catch(() => undefined))), 2000);
      }, () => undefined);
    } else if (first) startAfterFirstScreen();
  }
  return p;
}

/** Renders a view's element, starting its module's load. */
const lazy = (id: ViewId, template: TemplateResult): TemplateResult => {
  void loadView(id);
  return template;
};

/** The id of a view of the plan. */
export type ViewId = 'poa' | 'scoring' | 'matrix' | 'monitoring';

/** One view of the plan. */
export interface ViewDef {
  id: ViewId;
  /** Name shown on tabs and in presence. */
  label: string;
  /** Short name (phones, narrow tabs). */
  short: string;
  /** The planning stages it serves (each stage is served by exactly one view). */
  stages: readonly Stage[];
  /** The right needed to see it. */
  right: Right;
  /** Renders the element that shows it for a workspace. */
  render(ws: Workspace): TemplateResult;
  /**
   * A skip link straight to the view's main control: its text, and a CSS selector of the element
   * to focus, looked up in the view's shadow root and the shadow roots inside it.
   */
  skip?: { label: string; target: string };
}

/** Every view, in the order they are offered. */
export const VIEWS: readonly ViewDef[] = [
  {
    id: 'poa',
    get label() {
      return t('shell:view.poa');
    },
    get short() {
      return t('shell:view.poaShort');
    },
    stages: ['preparatory', 'situation-analysis', 'plan-of-action'],
    right: 'read',
    render: (ws) => lazy('poa', html`<rt-poa .ws=${ws}></rt-poa>`),
  },
  {
    id: 'scoring',
    get label() {
      return t('shell:view.scoring');
    },
    get short() {
      return t('shell:view.scoringShort');
    },
    stages: ['strategic-goals'],
    right: 'read',
    render: (ws) => lazy('scoring', html`<rt-scoring .ws=${ws}></rt-scoring>`),
    skip: { get label() { return t('shell:skip.scoring'); }, target: '[role="grid"] [tabindex="0"]' },
  },
  {
    id: 'matrix',
    get label() {
      return t('shell:view.matrix');
    },
    get short() {
      return t('shell:view.matrixShort');
    },
    stages: ['capacity-and-financing', 'implementation'],
    right: 'read',
    render: (ws) => lazy('matrix', html`<rt-matrix .ws=${ws}></rt-matrix>`),
    skip: { get label() { return t('shell:skip.matrix'); }, target: 'div.rows .title input, button[data-act][tabindex="0"], .empty' },
  },
  {
    id: 'monitoring',
    get label() {
      return t('shell:view.monitoring');
    },
    get short() {
      return t('shell:view.monitoringShort');
    },
    stages: ['monitoring-and-evaluation'],
    right: 'read',
    render: (ws) => lazy('monitoring', html`<rt-monitoring .ws=${ws}></rt-monitoring>`),
  },
];

/**
 * A stage's screen (ST1): its deliverables and gate questions (and, in the preparatory phase,
 * the checklists and the representation headline) above the working view that serves it.
 */
export function renderStage(ws: Workspace, stage: Stage): TemplateResult {
  void loadView('stage');
  return html`<rt-stage-panel .ws=${ws} .stage=${stage} .label=${STAGE_LABELS[stage]}></rt-stage-panel>${viewOfStage(stage).render(ws)}`;
}

/** A view by id. */
export function viewById(id: ViewId): ViewDef {
  return VIEWS.find((v) => v.id === id)!;
}

/** The view that serves a stage. */
export function viewOfStage(stage: Stage): ViewDef {
  return VIEWS.find((v) => v.stages.includes(stage)) ?? VIEWS[0]!;
}

/** The views a role may see (every view when the role is not known yet). */
export function viewsFor(role: Role | null): ViewDef[] {
  return VIEWS.filter((v) => role === null || can(role, v.right));
}

/** Short names of the planning-cycle stages, in cycle order, in the reader's language (read at render). */
export const STAGE_LABELS: Record<Stage, string> = labelsOf('shell:stage.', STAGES);

/** The stage named by a URL hash such as `#implementation`, or null. */
export function stageFromHash(hash: string): Stage | null {
  const h = hash.replace(/^#/, '');
  return (STAGES as readonly string[]).includes(h) ? (h as Stage) : null;
}

/** A panel beside the plan's views, opened from the header. */
export type PanelId = 'people' | 'consult' | 'versions' | 'archive' | 'profile' | 'share' | 'audit' | 'iati' | 'sectors' | 'library';

/** One panel: its name and the right needed to open it. */
export interface PanelDef {
  id: PanelId;
  label: string;
  right: Right;
}

/** Every panel, in header order. */
export const PANELS: readonly PanelDef[] = [
  { id: 'people', get label() { return t('shell:panel.people'); }, right: 'read' },
  { id: 'consult', get label() { return t('consult:heading'); }, right: 'read' },
  { id: 'versions', get label() { return t('shell:panel.versions'); }, right: 'read' },
  { id: 'archive', get label() { return t('shell:panel.archive'); }, right: 'read' },
  { id: 'profile', get label() { return t('shell:panel.profile'); }, right: 'write' },
  { id: 'share', get label() { return t('shell:panel.share'); }, right: 'facilitate' },
  { id: 'audit', get label() { return t('shell:panel.audit'); }, right: 'facilitate' },
  { id: 'iati', get label() { return t('shell:panel.iati'); }, right: 'facilitate' },
  { id: 'sectors', get label() { return t('sectors:title'); }, right: 'read' },
  { id: 'library', get label() { return t('library:title'); }, right: 'read' },
];

/** The panels a role may open (versions only, while the role is not known). */
export function panelsFor(role: Role | null): PanelDef[] {
  return PANELS.filter((p) => (role === null ? p.right === 'read' : can(role, p.right)));
}
