export interface PaletteItem {
  id: string;
  label: string;
  hint?: string | undefined;
  run: () => void;
}

/**
 * Items whose label contains every word typed (in any order, case-insensitive), best first: a label that
 * starts with the query, then one where a word starts with it, then the rest in their given order.
 */
export function matchCommands<T extends { label: string }>(items: readonly T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...items];
  const words = q.split(/\s+/);
  const scored: { item: T; score: number; i: number }[] = [];
  items.forEach((item, i) => {
    const label = item.label.toLowerCase();
    if (!words.every((w) => label.includes(w))) return;
    const score = label.startsWith(q) ? 0 : new RegExp(`\\b${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(label) ? 1 : 2;
    scored.push({ item, score, i });
  });
  return scored.sort((a, b) => a.score - b.score || a.i - b.i).map((s) => s.item);
}
