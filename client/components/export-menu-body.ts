/**
 * The open Export menu's content and actions (SPEC BL6): the formats of `EXPORTS`, the download
 * or print-view run, its progress and failure, and the live plan's export settings. The menu's
 * button (`rt-export-menu`) is on every plan page's first screen; this module is not: the button
 * loads it (through `client/views.ts`, with the `export` texts) on its first opening, and the
 * views' prefetch and the service worker bring it in beforehand, so a click stays instant, offline
 * too. It renders into the button element's shadow root, whose styles and state it uses.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { setPlanField } from '../../shared/commands/meta.js';
import type { PlanData } from '../../shared/schema/types.js';
import { LOCALES, LOCALE_NAMES, isLocale } from '../../shared/i18n/locales.js';
import { t } from '../i18n.js';
import { EXPORTS, fetchExport, saveBlob, showInTab, type ClientExport } from '../state/exports.js';
import { errorBox, failureText } from '../command-text.js';
import type { RtExportMenu } from './rt-export-menu.js';

/** The catalogue key of an export format (its sheet for the CSV files). */
function formatKey(f: ClientExport): string {
  const sheet = (f.query as Record<string, string> | undefined)?.['sheet'];
  return sheet ? `csv_${sheet}` : f.name.replace('.', '_');
}

/** The catalogue key of an export's label and hint. */
const messagesOf = (f: ClientExport): string => f.messages ?? `shell:export.format.${formatKey(f)}`;
/** An export format's name in the reader's language. */
const labelOf = (f: ClientExport): string => t(`${messagesOf(f)}.label`);
/** What an export format gives, in the reader's language. */
const hintOf = (f: ClientExport): string => t(`${messagesOf(f)}.hint`);

/** Makes one export for `host`: a download, or the print view in a tab opened now (so no popup blocker stops it). */
async function run(host: RtExportMenu, format: ClientExport): Promise<void> {
  if (host.busy) return;
  host.error = '';
  host.fallback = '';
  const win = format.print ? window.open('', '_blank') : null;
  if (win) {
    win.document.title = t('shell:export.preparingPrint');
    win.document.body.textContent = t('shell:export.preparingPrint');
  }
  host.busy = format;
  const abort = new AbortController();
  host.abort = abort;
  const signal = abort.signal;
  try {
    const { blob, name } = await fetchExport(host.planId, format, host.snapshot?.id ?? null, host.period || null, (input, init) => fetch(input, { ...init, signal }), host.withComments);
    if (!format.print) saveBlob(blob, name);
    else if (win && !win.closed) showInTab(win, blob);
    else host.fallback = URL.createObjectURL(new Blob([blob], { type: 'text/html;charset=utf-8' }));
  } catch (err) {
    win?.close();
    // Worded at render, so a language switch re-words it (the server's error included).
    host.error = signal.aborted ? () => t('shell:export.cancelled') : () => t('shell:export.failed', { format: labelOf(format), error: failureText(err, host) });
  } finally {
    host.busy = null;
    host.abort = null;
  }
}

/** Sets a plan field from the menu (the server's gate refuses it from anyone but a facilitator, G12). */
function setField<K extends 'exportNamedScores' | 'language'>(host: RtExportMenu, field: K, value: PlanData[K]): void {
  if (!host.ws) return;
  const r = setPlanField(host.ws.doc, field, value, host.ws.origin);
  if (!r.ok) host.error = r.error;
}

/** The plan's export language (L8): facilitators choose it; others see it. Shown above the formats (a phone need not scroll past them). */
function renderLanguage(host: RtExportMenu): TemplateResult | typeof nothing {
  if (!host.plan || host.snapshot) return nothing;
  const current = host.plan.language ?? 'en';
  if (host.ws && host.role === 'facilitator' && !host.ws.readonly) {
    return html`<div class="setting lang"><label>${t('export:ui.language')}
      <select .value=${current} @change=${(e: Event) => {
        const value = (e.target as HTMLSelectElement).value;
        if (isLocale(value)) setField(host, 'language', value);
      }}>
        ${LOCALES.map((l) => html`<option value=${l} ?selected=${l === current} lang=${l}>${LOCALE_NAMES[l]}</option>`)}
      </select></label></div>`;
  }
  return html`<p class="setting lang muted">${t('export:ui.languageFixed', { language: LOCALE_NAMES[current] })}</p>`;
}

/** Whether exports name scorers: facilitators switch it; others see it. */
function renderSetting(host: RtExportMenu): TemplateResult | typeof nothing {
  if (!host.plan || host.snapshot) return nothing;
  const on = host.plan.exportNamedScores === true;
  if (host.ws && host.role === 'facilitator' && !host.ws.readonly) {
    return html`<div class="setting">
      <label><input type="checkbox" .checked=${on} @change=${(e: Event) => setField(host, 'exportNamedScores', (e.target as HTMLInputElement).checked)} />
        <span>${t('shell:export.named')}<br /><span class="hint">${t('shell:export.namedOff')}</span></span></label>
    </div>`;
  }
  return html`<p class="setting muted">${on ? t('shell:export.namedOn') : t('shell:export.namedNot')} ${t('shell:export.facilitatorDecides')}</p>`;
}

/** The open menu's items (under its title): period, the comments annex, every format, progress, failure, settings. */
export function renderMenuItems(host: RtExportMenu): TemplateResult {
  const periods = (host.plan?.reviews ?? []).filter((r) => !r.archived);
  return html`${periods.length > 1
      ? html`<label class="field"><span>${t('shell:export.periodOf')}</span>
          <select aria-label=${t('shell:export.periodLabel')} @change=${(e: Event) => (host.period = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${host.period === ''}>${t('shell:export.latestPeriod')}</option>
            ${periods.map((r) => html`<option value=${r.id} ?selected=${host.period === r.id}>${r.label || r.kind} ${r.start ?? ''}${r.end ? `–${r.end}` : ''}</option>`)}
          </select></label>`
      : nothing}
    ${renderLanguage(host)}
    <label class="row"><input type="checkbox" data-nav .checked=${host.withComments} @change=${(e: Event) => (host.withComments = (e.target as HTMLInputElement).checked)} />
      <span>${t('shell:export.comments')}</span></label>
    <ul>
      ${EXPORTS.filter((f) => !f.named || (host.plan?.exportNamedScores === true && !host.plan.anonymousScoring)).map(
        (f) => html`<li><button data-format=${f.name} ?disabled=${host.busy !== null} @click=${() => void run(host, f)}>
          <span class="label">${labelOf(f)}</span><span class="hint">${hintOf(f)}</span></button></li>`,
      )}
    </ul>
    ${host.busy
      ? html`<div class="busy" role="status"><span>${t('shell:export.preparing', { format: labelOf(host.busy) })}</span><progress aria-label=${t('shell:export.progress')}></progress>
          <button class="quiet" @click=${() => host.abort?.abort()}>${t('cancel')}</button></div>`
      : nothing}
    ${errorBox(host.error, host)}
    ${host.fallback
      ? html`<p class="warning-box" role="status">${t('shell:export.blocked')} <a href=${host.fallback} target="_blank" rel="noopener">${t('shell:export.openPrint')}</a></p>`
      : nothing}
    ${renderSetting(host)}`;
}
