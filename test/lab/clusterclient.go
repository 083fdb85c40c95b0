package main

import (
	"context"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/restmapper"
)

var getOptions = metav1.GetOptions{}

// clusterClient is the lab's admin access to one cluster: typed, dynamic, and a discovery-backed mapper
// for objects read from YAML.
type clusterClient struct {
	name    string
	typed   kubernetes.Interface
	dynamic dynamic.Interface
	mapper  *restmapper.DeferredDiscoveryRESTMapper
}

func newClusterClient(c *cluster) *clusterClient {
	config := c.restConfig()
	return &clusterClient{
		name:    c.Name,
		typed:   kubernetes.NewForConfigOrDie(config),
		dynamic: dynamic.NewForConfigOrDie(config),
		mapper:  restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(discovery.NewDiscoveryClientForConfigOrDie(config))),
	}
}

func (c *clusterClient) ensureNamespaces(ctx context.Context, names ...string) error {
	return c.ensureLabeledNamespaces(ctx, nil, names...)
}

func (c *clusterClient) ensureLabeledNamespaces(ctx context.Context, labels map[string]string, names ...string) error {
	for _, name := range names {
		ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}}
		if _, err := c.typed.CoreV1().Namespaces().Create(ctx, ns, metav1.CreateOptions{FieldManager: "flotilla-lab"}); err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("%s: namespace %s: %w", c.name, name, err)
		}
	}
	return nil
}

// installCRDs creates the CRDs (existing ones are kept) and waits until every one is Established.
func (c *clusterClient) installCRDs(ctx context.Context, crds []*unstructured.Unstructured) error {
	for _, crd := range crds {
		if err := createIgnoringExisting(ctx, c.dynamic.Resource(crdGVR), crd); err != nil {
			return fmt.Errorf("%s: CRD %s: %w", c.name, crd.GetName(), err)
		}
	}
	for _, crd := range crds {
		if err := waitEstablished(ctx, c.dynamic, crd.GetName()); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
	}
	c.mapper.Reset()
	return nil
}

// resource resolves an object's kind to the client for its resource (namespaced where the kind is).
func (c *clusterClient) resource(ctx context.Context, obj *unstructured.Unstructured) (dynamic.ResourceInterface, error) {
	mapping, err := restMapping(ctx, c.mapper, obj.GroupVersionKind())
	if err != nil {
		return nil, err
	}
	if mapping.Scope.Name() == meta.RESTScopeNameNamespace {
		return c.dynamic.Resource(mapping.Resource).Namespace(obj.GetNamespace()), nil
	}
	return c.dynamic.Resource(mapping.Resource), nil
}

// createAll creates each object in order, keeping those that already exist.
func (c *clusterClient) createAll(ctx context.Context, objs []*unstructured.Unstructured) error {
	for _, obj := range objs {
		resource, err := c.resource(ctx, obj)
		if err != nil {
			return fmt.Errorf("%s %s: %w", obj.GetKind(), obj.GetName(), err)
		}
		if err := createIgnoringExisting(ctx, resource, obj); err != nil {
			return fmt.Errorf("%s: %s %s/%s: %w", c.name, obj.GetKind(), obj.GetNamespace(), obj.GetName(), err)
		}
	}
	return nil
}

func (c *clusterClient) waitAPIServiceAvailable(ctx context.Context, name, log string) error {
	return c.waitFor(ctx, "APIService "+name+" Available", log, 200*time.Millisecond, func() (bool, error) {
		obj, err := c.dynamic.Resource(apiServiceGVR).Get(ctx, name, getOptions)
		return err == nil && conditionStatus(obj, "Available") == "True", nil
	})
}

// waitFor polls check until it is true; on timeout the error names what was awaited and the log to read.
func (c *clusterClient) waitFor(ctx context.Context, what, log string, every time.Duration, check func() (bool, error)) error {
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		done, err := check()
		if err != nil {
			return err
		}
		if done {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: not in time (log: %s)", what, log)
		case <-ticker.C:
		}
	}
}

// conditionStatus is the status of one condition in .status.conditions, or "" when absent.
func conditionStatus(obj *unstructured.Unstructured, kind string) string {
	conditions, _, _ := unstructured.NestedSlice(obj.Object, "status", "conditions")
	for _, c := range conditions {
		if m, ok := c.(map[string]any); ok && m["type"] == kind {
			s, _ := m["status"].(string)
			return s
		}
	}
	return ""
}

// createIfAbsent creates obj, or returns the object of that name that already exists.
func createIfAbsent(ctx context.Context, resource dynamic.ResourceInterface, obj *unstructured.Unstructured) (*unstructured.Unstructured, error) {
	created, err := resource.Create(ctx, obj, createOptions)
	if apierrors.IsAlreadyExists(err) {
		return resource.Get(ctx, obj.GetName(), getOptions)
	}
	return created, err
}
