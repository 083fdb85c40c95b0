/** Manifests more than one test layer opens. */

/** A PropagationPolicy whose replicaSchedulingType has the wrong case (`divided`): one enum error. */
export const POLICY_WITH_ENUM_ERROR = `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata:
  name: web
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
  placement:
    replicaScheduling:
      replicaSchedulingType: divided
`;

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
