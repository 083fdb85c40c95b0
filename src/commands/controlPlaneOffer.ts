/** Deploy to Members with a Karmada control plane among the targets: offer to go through it instead of applying the templates there only. */
import * as vscode from 'vscode';
import type { KubeObject } from '../../core/kube/watch';
import { deployThroughControlPlane } from './controlPlane';
import type { CommandEnv } from './deploy';

/** Returns the targets still to deploy to directly. */
export async function offerControlPlane(env: CommandEnv, targets: string[], objects: KubeObject[]): Promise<string[]> {
  const d = await env.session.model.discover();
  const karmada = d.federations.find((f) => f.kind === 'Karmada' && targets.includes(f.context));
  if (!karmada) return targets;
  const choice = await vscode.window.showInformationMessage(
    `${karmada.context} is a Karmada control plane`,
    { modal: true, detail: 'Deploy through it: apply the templates with a PropagationPolicy and follow Karmada until the members run them. Or apply the manifests to it as to any cluster.' },
    'Through Control Plane',
    'Apply Directly',
  );
  if (!choice) return [];
  if (choice === 'Apply Directly') return targets;
  await deployThroughControlPlane(env, undefined, { objects, context: karmada.context, kind: 'Karmada' });
  return targets.filter((t) => t !== karmada.context);
}
