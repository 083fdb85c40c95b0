/**
 * How the schema sources read in the status bar: kinds per source in precedence order, and a tooltip
 * naming where each came from (contexts, files). Pure, so that the wording is tested without VS Code.
 */
import type { SchemaSourceCount } from '../protocol';

export interface SchemaStatusSummary {
  text: string;
  tooltip: string;
}

const ORIGINS_SHOWN = 5;

export function schemaStatusSummary(counts: SchemaSourceCount[]): SchemaStatusSummary {
  const used = counts.filter((c) => c.kinds > 0);
  if (!used.length) return { text: 'Schemas: none', tooltip: 'Flotilla has no schemas yet: no cluster reachable, no schema file set, and no bundled schemas found.' };
  const text = `Schemas: ${used.map((c) => `${c.kinds} ${c.source}`).join(' · ')}`;
  const lines = ['Flotilla schema sources, highest precedence first:'];
  for (const c of used) {
    const shown = c.origins.slice(0, ORIGINS_SHOWN).join(', ');
    const more = c.origins.length > ORIGINS_SHOWN ? ` and ${c.origins.length - ORIGINS_SHOWN} more` : '';
    lines.push(`${c.source}: ${c.kinds} ${c.kinds === 1 ? 'kind' : 'kinds'} from ${shown}${more}`);
  }
  return { text, tooltip: lines.join('\n') };
}
