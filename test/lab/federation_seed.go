package main

import (
	"context"
	"fmt"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// seed puts the sample workloads where they belong: through Karmada when it is live (templates and
// policies on the host), else straight onto each member; then OCM's ManagedClusterSet, Placement and
// ManifestWork. It returns once the controllers have made them real: the workloads Available on every
// member, the ManifestWork Available and the Placement decided.
func (l *runningLab) seed(ctx context.Context) error {
	profiles := l.profiles
	if l.modes["karmada"] == "live" {
		if err := seedCluster(ctx, l.host(), nil, []string{"seed/workloads", "seed/karmada"}, seedData{Cluster: "host"}); err != nil {
			return fmt.Errorf("host: Karmada templates and policies: %w", err)
		}
	} else if err := l.eachMember(func(m *cluster) error {
		data := seedData{Cluster: m.Name, Member: profileOf(profiles, m.Name)}
		return l.seedWorkloads(ctx, m, data)
	}); err != nil {
		return err
	}
	if err := l.eachMember(func(m *cluster) error { return waitWorkloadsAvailable(ctx, m, "shop", "web", "api") }); err != nil {
		return err
	}
	if l.modes["ocm"] == "live" {
		if err := seedCluster(ctx, l.host(), nil, []string{"seed/ocm"}, seedData{Cluster: "host"}); err != nil {
			return fmt.Errorf("host: OCM objects: %w", err)
		}
		return l.waitOCMSeed(ctx)
	}
	return nil
}

// seedWorkloads applies the sample workloads to a member directly (no Karmada); without the MCS CRDs
// (--no-crds) the ServiceExport is left out.
func (l *runningLab) seedWorkloads(ctx context.Context, m *cluster, data seedData) error {
	docs, err := renderSeedDir("seed/workloads", data)
	if err != nil {
		return err
	}
	var kept []*unstructured.Unstructured
	for _, doc := range docs {
		if l.opts.noCRDs && doc.GetKind() == "ServiceExport" {
			continue
		}
		kept = append(kept, doc)
	}
	return newClusterClient(m).createAll(ctx, kept)
}

// waitWorkloadsAvailable returns once the named Deployments exist on the member and are Available.
func waitWorkloadsAvailable(ctx context.Context, m *cluster, namespace string, names ...string) error {
	c := newClusterClient(m)
	pending := ""
	err := c.waitFor(ctx, m.Name+": sample workloads Available", m.apiserver.Log, 300*time.Millisecond, func() (bool, error) {
		for _, name := range names {
			d, err := c.typed.AppsV1().Deployments(namespace).Get(ctx, name, getOptions)
			if err != nil || !deploymentAvailable(d) {
				pending = namespace + "/" + name
				return false, nil
			}
		}
		return true, nil
	})
	if err != nil {
		return fmt.Errorf("%w; still waiting for Deployment %s (logs: %s)", err, pending, lastLog(m, "kube-controller-manager"))
	}
	return nil
}

func deploymentAvailable(d *appsv1.Deployment) bool {
	if d.Spec.Replicas == nil || d.Status.AvailableReplicas < *d.Spec.Replicas {
		return false
	}
	for _, c := range d.Status.Conditions {
		if c.Type == appsv1.DeploymentAvailable {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

var (
	manifestWorkGVR      = schema.GroupVersionResource{Group: "work.open-cluster-management.io", Version: "v1", Resource: "manifestworks"}
	placementDecisionGVR = schema.GroupVersionResource{Group: "cluster.open-cluster-management.io", Version: "v1beta1", Resource: "placementdecisions"}
)

func (l *runningLab) waitOCMSeed(ctx context.Context) error {
	h := newClusterClient(l.host())
	work := lastLog(l.members()[0], "ocm-work-agent")
	err := h.waitFor(ctx, "OCM: ManifestWork member1/hello Available", work, 300*time.Millisecond, func() (bool, error) {
		mw, err := h.dynamic.Resource(manifestWorkGVR).Namespace("member1").Get(ctx, "hello", getOptions)
		return err == nil && conditionStatus(mw, "Available") == "True", nil
	})
	if err != nil {
		return err
	}
	return h.waitFor(ctx, "OCM: PlacementDecision of default/prod-aws", lastLog(l.host(), "ocm-placement-controller"), 300*time.Millisecond, func() (bool, error) {
		list, err := h.dynamic.Resource(placementDecisionGVR).Namespace("default").List(ctx, metav1.ListOptions{LabelSelector: "cluster.open-cluster-management.io/placement=prod-aws"})
		if err != nil || len(list.Items) == 0 {
			return false, nil
		}
		decisions, _, _ := unstructured.NestedSlice(list.Items[0].Object, "status", "decisions")
		return len(decisions) > 0, nil
	})
}
