import { css } from 'lit';

/** Shared look: colours, spacing, focus ring, form controls, tables. Components adopt it first. */
export const base = css`
  :host {
    --rt-ink: #1d2430;
    --rt-muted: #4a5466;
    --rt-line: #dde1e8;
    --rt-line-strong: #9aa3b2;
    --rt-bg: #f6f7f9;
    --rt-card: #fff;
    --rt-accent: #1f5fbf;
    --rt-accent-soft: #e6eefb;
    --rt-ok: #1e6b34;
    --rt-ok-soft: #d8f1de;
    --rt-warn: #7a4b00;
    --rt-warn-soft: #fff1cc;
    --rt-bad: #a4161a;
    --rt-bad-soft: #fde2e1;
    --rt-focus: #f0b400;
    --rt-radius: 8px;
    color: var(--rt-ink);
    box-sizing: border-box;
  }
  /* Not "inherit": inside <details> the flat-tree parent is the UA shadow root's slot (content-box). */
  *, *::before, *::after { box-sizing: border-box; }
  :focus-visible { outline: 3px solid var(--rt-focus); outline-offset: 2px; }
  h2 { font-size: 1.2rem; margin: 1.25rem 0 0.5rem; }
  h3 { font-size: 1rem; margin: 1rem 0 0.4rem; }
  p { margin: 0.4rem 0; }
  button, select, input, textarea { font: inherit; color: inherit; }
  input, select, textarea {
    padding: 0.4rem 0.5rem; border: 1px solid var(--rt-line-strong); border-radius: 6px; background: #fff; min-width: 0; max-width: 100%;
  }
  textarea { width: 100%; resize: vertical; line-height: 1.45; }
  input[readonly], textarea[readonly] { background: #f0f2f5; }
  button {
    padding: 0.4rem 0.8rem; border-radius: 6px; border: 1px solid var(--rt-accent); background: var(--rt-accent); color: #fff; cursor: pointer;
  }
  button.secondary { background: #fff; color: var(--rt-accent); }
  button.quiet { background: transparent; border-color: transparent; color: var(--rt-accent); padding: 0.3rem 0.5rem; }
  button:disabled { opacity: 0.5; cursor: not-allowed; }
  .card { background: var(--rt-card); border: 1px solid var(--rt-line); border-radius: var(--rt-radius); padding: 0.75rem 1rem; margin-bottom: 0.75rem; }
  .card > h2:first-child, .card > h3:first-child { margin-top: 0; }
  .empty { color: var(--rt-muted); background: #fff; border: 1px dashed #b8bfcc; padding: 1rem; border-radius: var(--rt-radius); }
  .muted { color: var(--rt-muted); }
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  .grow { flex: 1 1 12rem; min-width: 0; }
  .badge { display: inline-block; font-size: 0.78rem; padding: 0.05rem 0.45rem; border-radius: 999px; background: #e7ebf2; white-space: nowrap; }
  .badge.error { background: var(--rt-bad-soft); color: var(--rt-bad); }
  .badge.warning { background: var(--rt-warn-soft); color: var(--rt-warn); }
  .badge.info { background: var(--rt-accent-soft); color: var(--rt-accent); }
  .badge.ok { background: var(--rt-ok-soft); color: var(--rt-ok); }
  .warning-box { background: var(--rt-warn-soft); border: 1px solid #e0c36a; border-radius: var(--rt-radius); padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
  .error-box { background: var(--rt-bad-soft); border: 1px solid #e3a1a0; border-radius: var(--rt-radius); padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
  .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  label { font-size: 0.9rem; }
  .field { display: flex; flex-direction: column; gap: 0.2rem; min-width: 0; }
  .field > span { font-size: 0.82rem; color: var(--rt-muted); }
  rt-text { display: block; min-width: 0; }
  rt-text input { width: 100%; }
  .field-error { color: var(--rt-bad); font-size: 0.85rem; }
  table { border-collapse: collapse; }
  .scroll-x { overflow-x: auto; max-width: 100%; }
  /* Read-only views (observers, opened snapshots): nothing that writes is offered. */
  :host([data-readonly]) form,
  :host([data-readonly]) button:not([data-nav]) { display: none !important; }
  /* Phone: a disclosure's summary and a box's label are touch targets of at least 24 px (L132). */
  @media (max-width: 600px) {
    summary, label:has(> input:is([type='checkbox'], [type='radio'])) { min-block-size: 24px; align-content: center; }
  }
`;
