/**
 * A list's items, each with its apiVersion and kind. Built-in resources and aggregated apiservers (Karmada's
 * serves Cluster) leave both out of list items; watch events and CRD lists carry them.
 */
export function itemsWithKinds<T extends object>(list: { apiVersion?: string; kind?: string; items?: T[] } | undefined): T[] {
  const kind = list?.kind?.replace(/List$/, '');
  if (!list?.items) return [];
  if (!kind) return list.items;
  return list.items.map((item) => ('kind' in item && 'apiVersion' in item ? item : { apiVersion: list.apiVersion, kind, ...item }));
}
