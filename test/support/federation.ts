import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabInfo } from './lab';

/** Any view of a running lab: its directory holds lab.json. */
type Lab = { dir: string };

function modeOf(lab: Lab, federation: Federation): string {
  const info = JSON.parse(readFileSync(join(lab.dir, 'lab.json'), 'utf8')) as Partial<LabInfo>;
  return info.federations?.[federation] ?? 'off';
}

type Federation = 'karmada' | 'ocm' | 'kubefed';

/** Why a test that needs a federation's real control plane cannot run on this lab, or undefined. */
export function needsLive(lab: Lab, federation: 'karmada' | 'ocm'): string | undefined {
  const mode = modeOf(lab, federation);
  return mode === 'live' ? undefined : `the lab runs ${federation} ${mode}: its release archive is not in FLOTILLA_SOURCES_DIR`;
}

/** Why a test that needs a federation's CRDs on the host (live or inert) cannot run, or undefined. */
export function needsCRDs(lab: Lab, ...federations: Federation[]): string | undefined {
  for (const federation of federations) {
    if (modeOf(lab, federation) === 'off') return `the lab runs without ${federation}: no release archive and no upstream CRDs`;
  }
  return undefined;
}

export { UPSTREAM_DIR, upstreamMissing } from './upstream';
