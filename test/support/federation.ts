import type { Lab } from './lab';

/** Why a test that needs a federation's real control plane cannot run on this lab, or undefined. */
export function needsLive(lab: Lab, federation: 'karmada' | 'ocm'): string | undefined {
  const mode = lab.readInfo().federations?.[federation] ?? 'off';
  return mode === 'live' ? undefined : `the lab runs ${federation} ${mode}: its release archive is not in FLOTILLA_SOURCES_DIR`;
}
