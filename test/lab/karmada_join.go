package main

import (
	"context"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
)

var karmadaSystemLabels = map[string]string{"karmada.io/system": "true"}

// join registers a member with Karmada in Push mode, creating the objects `karmadactl join` creates
// (pkg/karmadactl/join, pkg/util/credential.go): on the member a namespace, two ServiceAccounts with token
// Secrets filled by the member's token controller, and a ClusterRole for the controller manager; on the
// host the two Secrets and the Cluster, which then owns them.
func (k *karmadaPlane) join(ctx context.Context, member *cluster, profile memberProfile) error {
	m := newClusterClient(member)
	h := newClusterClient(k.host)
	const ns = "karmada-cluster"
	if err := m.ensureNamespaces(ctx, ns); err != nil {
		return err
	}
	impersonator, err := m.serviceAccountToken(ctx, ns, "karmada-impersonator")
	if err != nil {
		return err
	}
	account := "karmada-" + member.Name
	role := "karmada-controller-manager:" + account
	rules := []rbacv1.PolicyRule{
		{APIGroups: []string{"*"}, Resources: []string{"*"}, Verbs: []string{"*"}},
		{NonResourceURLs: []string{"*"}, Verbs: []string{"get"}},
	}
	if _, err := m.typed.RbacV1().ClusterRoles().Create(ctx, &rbacv1.ClusterRole{ObjectMeta: metav1.ObjectMeta{Name: role, Labels: karmadaSystemLabels}, Rules: rules}, createOptions); err != nil && !apierrors.IsAlreadyExists(err) {
		return fmt.Errorf("%s: ClusterRole %s: %w", member.Name, role, err)
	}
	binding := &rbacv1.ClusterRoleBinding{
		ObjectMeta: metav1.ObjectMeta{Name: role, Labels: karmadaSystemLabels},
		Subjects:   []rbacv1.Subject{{Kind: "ServiceAccount", Name: account, Namespace: ns}},
		RoleRef:    rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "ClusterRole", Name: role},
	}
	if _, err := m.typed.RbacV1().ClusterRoleBindings().Create(ctx, binding, createOptions); err != nil && !apierrors.IsAlreadyExists(err) {
		return fmt.Errorf("%s: ClusterRoleBinding %s: %w", member.Name, role, err)
	}
	credentials, err := m.serviceAccountToken(ctx, ns, account)
	if err != nil {
		return err
	}
	kubeSystem, err := m.typed.CoreV1().Namespaces().Get(ctx, "kube-system", getOptions)
	if err != nil {
		return fmt.Errorf("%s: reading kube-system for the cluster ID: %w", member.Name, err)
	}

	if err := h.ensureNamespaces(ctx, ns); err != nil {
		return err
	}
	secrets := []*corev1.Secret{
		{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: member.Name, Labels: karmadaSystemLabels},
			Data: map[string][]byte{"caBundle": credentials.Data["ca.crt"], "token": credentials.Data["token"]}},
		{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: member.Name + "-impersonator", Labels: karmadaSystemLabels},
			Data: map[string][]byte{"token": impersonator.Data["token"]}},
	}
	for _, s := range secrets {
		if _, err := h.typed.CoreV1().Secrets(ns).Create(ctx, s, createOptions); err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("host: Secret %s/%s: %w", ns, s.Name, err)
		}
	}
	created, err := createIfAbsent(ctx, h.dynamic.Resource(karmadaCluster), karmadaClusterObject(member, profile, string(kubeSystem.UID)))
	if err != nil {
		return fmt.Errorf("host: Karmada Cluster %s: %w", member.Name, err)
	}
	owner := fmt.Sprintf(`{"metadata":{"ownerReferences":[{"apiVersion":"cluster.karmada.io/v1alpha1","kind":"Cluster","name":%q,"uid":%q,"controller":true,"blockOwnerDeletion":true}]}}`, created.GetName(), created.GetUID())
	for _, s := range secrets {
		if _, err := h.typed.CoreV1().Secrets(ns).Patch(ctx, s.Name, types.MergePatchType, []byte(owner), metav1.PatchOptions{}); err != nil {
			return fmt.Errorf("host: owning Secret %s/%s: %w", ns, s.Name, err)
		}
	}
	return nil
}

func karmadaClusterObject(member *cluster, p memberProfile, id string) *unstructured.Unstructured {
	spec := map[string]any{
		"id":                    id,
		"syncMode":              "Push",
		"apiEndpoint":           member.URL(),
		"secretRef":             map[string]any{"namespace": "karmada-cluster", "name": member.Name},
		"impersonatorSecretRef": map[string]any{"namespace": "karmada-cluster", "name": member.Name + "-impersonator"},
		"provider":              p.Provider,
		"region":                p.Region,
		"zones":                 []any{p.Zone},
	}
	if p.Tainted {
		spec["taints"] = []any{map[string]any{"key": "dedicated", "value": "gpu", "effect": "NoSchedule"}}
	}
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "cluster.karmada.io/v1alpha1",
		"kind":       "Cluster",
		"metadata":   map[string]any{"name": member.Name, "labels": p.labels()},
		"spec":       spec,
	}}
}

func (p memberProfile) labels() map[string]any {
	return map[string]any{
		"topology.kubernetes.io/region": p.Region,
		"topology.kubernetes.io/zone":   p.Zone,
		"provider":                      p.Provider,
		"env":                           p.Env,
	}
}

// serviceAccountToken creates a ServiceAccount and a token Secret for it, and waits for the token controller
// to fill the Secret (as karmadactl's WaitForServiceAccountSecretCreation does).
func (c *clusterClient) serviceAccountToken(ctx context.Context, namespace, name string) (*corev1.Secret, error) {
	sa := &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name, Labels: karmadaSystemLabels}}
	if _, err := c.typed.CoreV1().ServiceAccounts(namespace).Create(ctx, sa, createOptions); err != nil && !apierrors.IsAlreadyExists(err) {
		return nil, fmt.Errorf("%s: ServiceAccount %s/%s: %w", c.name, namespace, name, err)
	}
	secret := &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name, Annotations: map[string]string{corev1.ServiceAccountNameKey: name}},
		Type:       corev1.SecretTypeServiceAccountToken,
	}
	if _, err := c.typed.CoreV1().Secrets(namespace).Create(ctx, secret, createOptions); err != nil && !apierrors.IsAlreadyExists(err) {
		return nil, fmt.Errorf("%s: token Secret %s/%s: %w", c.name, namespace, name, err)
	}
	var filled *corev1.Secret
	err := c.waitFor(ctx, c.name+": token of ServiceAccount "+namespace+"/"+name, "the cluster's kube-controller-manager log", 200*time.Millisecond, func() (bool, error) {
		s, err := c.typed.CoreV1().Secrets(namespace).Get(ctx, name, getOptions)
		if err != nil {
			return false, nil
		}
		filled = s
		return len(s.Data["token"]) > 0, nil
	})
	return filled, err
}

var createOptions = metav1.CreateOptions{FieldManager: "flotilla-lab"}
