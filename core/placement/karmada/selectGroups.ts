/**
 * Karmada's group selection (spreadconstraint/select_groups.go): among the combinations of groups whose
 * summed value reaches `target` with a length in [min, max] (found depth-first over groups sorted by value
 * ascending), take the best by weight, then value, then discovery order, preferring a shorter prefix of it.
 */
export interface Group {
  name: string;
  value: number;
  weight: number;
}

interface Path {
  id: number;
  groups: Group[];
  weight: number;
  value: number;
}

/** Beyond this many groups the exhaustive search is replaced by a greedy pick (best value first). */
export const EXHAUSTIVE_LIMIT = 16;

const byName = (a: Group, b: Group) => b.weight - a.weight || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function feasiblePaths(groups: Group[], min: number, max: number, target: number): Path[] {
  const sorted = [...groups].sort((a, b) => a.value - b.value || b.weight - a.weight || (a.name < b.name ? -1 : 1));
  const paths: Path[] = [];
  const stack: Group[] = [];
  let id = 0;
  const dfs = (sum: number, begin: number) => {
    if (sum >= target && stack.length >= min && stack.length <= max) {
      const chosen = [...stack].sort(byName);
      paths.push({ id: ++id, groups: chosen, weight: chosen.reduce((s, g) => s + g.weight, 0), value: chosen.reduce((s, g) => s + g.value, 0) });
      return;
    }
    if (stack.length >= max) return;
    for (let i = begin; i < sorted.length; i++) {
      stack.push(sorted[i]);
      dfs(sum + sorted[i].value, i + 1);
      stack.pop();
    }
  };
  dfs(0, 0);
  return paths;
}

function isPrefixOf(shorter: Path, longer: Path): boolean {
  return shorter.groups.length < longer.groups.length && shorter.groups.every((g, i) => longer.groups[i].name === g.name);
}

function greedy(groups: Group[], min: number, max: number, target: number): Group[] | undefined {
  const ordered = [...groups].sort((a, b) => b.weight - a.weight || b.value - a.value || (a.name < b.name ? -1 : 1));
  const picked: Group[] = [];
  let sum = 0;
  for (const g of ordered) {
    if (picked.length >= max) break;
    if (sum >= target && picked.length >= min) break;
    picked.push(g);
    sum += g.value;
  }
  return sum >= target && picked.length >= min ? picked : undefined;
}

export function selectGroups(groups: Group[], min: number, max: number, target: number): Group[] | undefined {
  if (groups.length === 0) return undefined;
  if (groups.length > EXHAUSTIVE_LIMIT) return greedy(groups, min, max, target);
  const paths = feasiblePaths(groups, min, max, target);
  if (paths.length === 0) return undefined;
  paths.sort((a, b) => b.weight - a.weight || b.value - a.value || a.id - b.id);
  let best = paths[0];
  for (const path of paths.slice(1)) if (isPrefixOf(path, best)) best = path;
  return best.groups;
}
