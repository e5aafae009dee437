import type { Page } from 'playwright-core';

/** Opens `id`'s Insert form in the library and inserts it as `as`, under the parent whose label starts with `parent`. */
export async function insertFromLibrary(page: Page, query: string, id: string, as: string, parent?: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search the library' }).fill(query);
  const entry = page.locator(`rt-library li[data-entry="${id}"]`);
  await entry.getByRole('button', { name: /^Insert into the plan/ }).click();
  await entry.getByRole('combobox', { name: 'Insert as' }).selectOption(as);
  if (parent) {
    const select = entry.getByRole('combobox', { name: 'Under' });
    const value = await select.locator('option', { hasText: parent }).first().getAttribute('value');
    await select.selectOption(value!);
  }
  await entry.getByRole('button', { name: 'Insert', exact: true }).click();
  await page.locator('rt-library [data-library-message]').waitFor();
}
