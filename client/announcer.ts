/** How many sentences the live region keeps (the older ones were read already; removals are not announced). */
const KEEP = 3;

/**
 * Says `text` in a polite live region (SPEC L90): each sentence is a node of its own, appended
 * after the others, so two sentences a moment apart both reach a screen reader instead of the
 * second replacing the first. A sentence still in the region is moved to the end (said again,
 * never held twice); only the last {@link KEEP} stay.
 */
export function announceIn(region: Element, text: string): void {
  for (const node of [...region.children]) if (node.textContent === text) node.remove();
  const node = region.ownerDocument.createElement('span');
  node.textContent = text;
  region.append(node);
  while (region.children.length > KEEP) region.firstElementChild!.remove();
}
