/** Manifests more than one test layer opens. */

/** PropagationPolicy `web` for Deployment `web`, with `placement` lines indented under it (4 spaces). */
export const propagationPolicy = (placement: string): string => `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: web
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
  placement:
${placement}
`;

/** A PropagationPolicy whose replicaSchedulingType has the wrong case (`divided`): one enum error. */
export const POLICY_WITH_ENUM_ERROR = propagationPolicy('    replicaScheduling:\n      replicaSchedulingType: divided');

/** A PropagationPolicy whose schema is satisfied and that Karmada's webhook denies twice (maxGroups < minGroups, no cluster constraint). */
export const POLICY_DENIED_BY_WEBHOOK = propagationPolicy('    spreadConstraints:\n      - {spreadByField: region, minGroups: 3, maxGroups: 2}');

/** A valid Deployment `web` in namespace `shop`, 2 replicas, its selector matching its pod labels. */
export const WEB_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx
`;
