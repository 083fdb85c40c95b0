/**
 * What to do about a cluster Flotilla cannot use: a command the Federation view runs when the row
 * saying so is clicked (choose kubeconfig files, trust the workspace, open the kubeconfig to renew
 * credentials). Commands are named by id, so the core stays free of VS Code.
 */
import type { ClusterError } from './errors';

export interface ProblemFix {
  title: string;
  command: string;
  arguments?: unknown[];
}

export const EXEC_NEEDS_TRUST = 'exec credentials need a trusted workspace';
export const NO_MEMBER_CONTEXT = 'no kubeconfig context reaches this member';

export const CHOOSE_KUBECONFIGS: ProblemFix = { title: 'Choose kubeconfig files (flotilla.kubeconfigs)', command: 'flotilla.chooseKubeconfigs' };
export const TRUST_WORKSPACE: ProblemFix = { title: 'Trust this workspace: exec credential plugins run only in a trusted workspace', command: 'workbench.trust.manage' };
export const REFRESH: ProblemFix = { title: 'Refresh the Federation view', command: 'flotilla.refresh' };

export function openKubeconfig(file: string, why: string): ProblemFix {
  return { title: `Open ${file} ${why}`, command: 'flotilla.openKubeconfig', arguments: [file] };
}

/** The fix for a context's configuration problem (`ClusterClients.problem`); `file` holds the context. */
export function fixForProblem(problem: string, file: string | undefined): ProblemFix {
  if (problem === EXEC_NEEDS_TRUST) return TRUST_WORKSPACE;
  if (problem === NO_MEMBER_CONTEXT || !file) return CHOOSE_KUBECONFIGS;
  return openKubeconfig(file, 'to fix this context');
}

/** The fix for an error a cluster answered with; unreachable clusters are retried, a refresh retries now. */
export function fixForError(error: ClusterError, file: string | undefined): ProblemFix | undefined {
  switch (error.kind) {
    case 'unauthorized':
    case 'forbidden':
      return file ? openKubeconfig(file, 'to renew or change the credentials the cluster refused') : CHOOSE_KUBECONFIGS;
    case 'tls':
    case 'config':
      return file ? openKubeconfig(file, 'to fix the certificate or server settings') : CHOOSE_KUBECONFIGS;
    case 'unreachable':
    case 'timeout':
      return REFRESH;
    default:
      return undefined;
  }
}
