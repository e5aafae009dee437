import { expect } from 'vitest';
import * as Y from 'yjs';
import type { Page } from 'playwright-core';
import { localOrigin, readPlan, type Origin, type PlanData } from '../../shared/model.js';
import type enCatalogue from '../../shared/i18n/en/index.js';
import frCatalogue from '../../shared/i18n/fr/index.js';
import esCatalogue from '../../shared/i18n/es/index.js';
import arCatalogue from '../../shared/i18n/ar/index.js';
import type { RunningServer } from '../../server/server.js';
import { openProvider, waitFor, waitSynced } from './provider.js';
import { createPlan, syncUrl } from './test-server.js';

/** The shape of every catalogue (English is the reference, SPEC L4). */
export type Catalogue = typeof enCatalogue;
export const fr = frCatalogue as unknown as Catalogue;
export const es = esCatalogue as unknown as Catalogue;
export const ar = arCatalogue as unknown as Catalogue;

/** Fills `{{name}}` placeholders of a catalogue string (as i18next does). */
export const fill = (s: string, params: Record<string, string>): string => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => params[k] ?? '');

/** Picks a language with the header's picker (whatever language the page is in now). */
export async function pick(page: Page, locale: string): Promise<void> {
  await page.locator('rt-workspace-header rt-locale-picker select').selectOption(locale);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
}

/** Reads the id a shared command returned (the seeds below always succeed). */
export const must = (r: { ok: boolean; value?: unknown }): string => r.value as string;

/**
 * Creates a plan, writes `write` into it through a real y-websocket client (the commands go
 * through the update gate as an honest client's edits do), and waits until a second client
 * sees `ready` on the server's copy. Returns the plan id.
 */
export async function seedPlan(server: RunningServer, title: string, write: (doc: Y.Doc, origin: Origin) => void, ready: (plan: PlanData) => boolean): Promise<string> {
  const planId = await createPlan(server, title);
  const doc = new Y.Doc();
  const provider = openProvider(syncUrl(server), planId, doc);
  await waitSynced(provider);
  write(doc, localOrigin('seed'));
  const watcher = openProvider(syncUrl(server), planId);
  await waitFor(() => ready(readPlan(watcher.doc)), 'the server has the seeded plan');
  watcher.destroy();
  provider.destroy();
  return planId;
}
