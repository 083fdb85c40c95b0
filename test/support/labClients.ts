import { after } from 'node:test';
import { ClusterClients } from '../../core/kube/clients';
import { loadKubeconfigs } from '../../core/kube/kubeconfig';
import { useLab, type Lab } from './lab';

/** The shared lab and the product's per-context clients onto it, disposed after the calling file's tests. */
export async function labClients(): Promise<{ lab: Lab; clients: ClusterClients }> {
  const lab = await useLab();
  const clients = new ClusterClients(loadKubeconfigs([lab.kubeconfigPath]), { trusted: true });
  after(() => clients.dispose());
  return { lab, clients };
}
