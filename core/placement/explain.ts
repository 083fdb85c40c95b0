import type { PlacementExplanation } from './lenses';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Markdown for flotilla.explainPlacement: where the replicas go and why each cluster is in or out. */
export function formatExplanation(explanation: PlacementExplanation): string {
  const { outcome } = explanation;
  const lines = [`# Placement by ${explanation.policy}`, ''];
  if (explanation.resource) lines.push(`Resource: ${explanation.resource}`, '');
  if (outcome.strategy) lines.push(`Strategy: ${outcome.strategy}`, '');
  if (outcome.error) {
    lines.push(`**No placement:** ${outcome.error}`, '');
  } else {
    lines.push('| Cluster | Replicas | Why |', '| --- | ---: | --- |');
    for (const c of outcome.clusters) lines.push(`| ${cell(c.name)} | ${c.replicas ?? '-'} | ${cell(c.reason)} |`);
    lines.push('');
  }
  if (outcome.excluded.length) {
    lines.push('## Excluded', '');
    for (const e of outcome.excluded) lines.push(`- **${e.name}**: ${e.reason}`);
    lines.push('');
  }
  if (outcome.notes.length) {
    lines.push('## Notes', '');
    for (const n of outcome.notes) lines.push(`- ${n}`);
    lines.push('');
  }
  return lines.join('\n');
}
