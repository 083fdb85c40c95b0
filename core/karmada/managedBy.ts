/** What Karmada leaves on the objects it propagates to a member: policy, binding and Work. */
import type { ManagedBy, ObjectRef } from '../kube/managedBy';
import { refText } from '../kube/managedBy';
import type { KubeObject } from '../kube/watch';
import { CPP_NAME, CRB_NAME, KARMADA_MANAGED_LABEL, mark, PP_NAME, PP_NAMESPACE, RB_NAME, RB_NAMESPACE, WORK_NAME, WORK_NAMESPACE } from './labels';

export function karmadaManagedBy(obj: KubeObject): ManagedBy | undefined {
  const ppName = mark(obj, PP_NAME);
  const cppName = mark(obj, CPP_NAME);
  const rbName = mark(obj, RB_NAME);
  const crbName = mark(obj, CRB_NAME);
  const workName = mark(obj, WORK_NAME);
  if (!ppName && !cppName && !rbName && !crbName && !workName && obj.metadata.labels?.[KARMADA_MANAGED_LABEL] !== 'true') return undefined;
  const policy: ObjectRef | undefined = ppName
    ? { kind: 'PropagationPolicy', namespace: mark(obj, PP_NAMESPACE) ?? obj.metadata.namespace, name: ppName }
    : cppName
      ? { kind: 'ClusterPropagationPolicy', name: cppName }
      : undefined;
  const binding: ObjectRef | undefined = rbName
    ? { kind: 'ResourceBinding', namespace: mark(obj, RB_NAMESPACE) ?? obj.metadata.namespace, name: rbName }
    : crbName
      ? { kind: 'ClusterResourceBinding', name: crbName }
      : undefined;
  const work: ObjectRef | undefined = workName ? { kind: 'Work', namespace: mark(obj, WORK_NAMESPACE), name: workName } : undefined;
  const parts = [policy && `policy ${refText(policy)}`, binding && `binding ${refText(binding)}`].filter(Boolean);
  return { federation: 'Karmada', summary: `managed by Karmada${parts.length ? ` ${parts.join(' / ')}` : ''}`, policy, binding, work };
}
