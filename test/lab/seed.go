package main

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"text/template"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/restmapper"
	"sigs.k8s.io/yaml"
)

// Seed data lives in YAML templates so that anyone can read what the lab contains:
// seed/all: every cluster; seed/host: the federation control plane; seed/member: each member.
//
//go:embed seed
var seedFiles embed.FS

// memberProfile is one member's identity (labels, provider, capacity), read from seed/members.yaml.
type memberProfile struct {
	Name        string            `json:"name"`
	Index       int               `json:"-"`
	URL         string            `json:"url"`
	Region      string            `json:"region"`
	Zone        string            `json:"zone"`
	Provider    string            `json:"provider"`
	Env         string            `json:"env"`
	Tainted     bool              `json:"tainted"`
	Allocatable map[string]string `json:"allocatable"`
	Allocated   map[string]string `json:"allocated"`
}

type seedData struct {
	Cluster string
	Member  memberProfile
	Members []memberProfile
	Now     string
}

var (
	crdGVR       = schema.GroupVersionResource{Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"}
	seedTemplate = template.New("seed").Option("missingkey=error").Funcs(template.FuncMap{"lower": strings.ToLower})
)

func seedLab(ctx context.Context, clusters []*cluster, opts labOptions) error {
	profiles, err := memberProfiles(clusters[1:])
	if err != nil {
		return err
	}
	now := time.Now().UTC().Format(time.RFC3339)
	lab := &runningLab{clusters: clusters}
	return lab.eachCluster(func(c *cluster) error {
		data := seedData{Cluster: c.Name, Members: profiles, Now: now}
		dirs := []string{"seed/all"}
		var crds []*unstructured.Unstructured
		if c.Name == "host" {
			if !opts.noCRDs {
				hostCRDList, err := hostCRDs(opts.upstream)
				if err != nil {
					return err
				}
				crds = hostCRDList
				dirs = append(dirs, "seed/host")
			}
		} else {
			for _, p := range profiles {
				if p.Name == c.Name {
					data.Member = p
				}
			}
			if !opts.noCRDs {
				mcs, err := loadCRDs(filepath.Join(opts.upstream, "crds", "mcs-api"))
				if err != nil {
					return err
				}
				crds = mcs
			}
			dirs = append(dirs, "seed/member")
		}
		if err := seedCluster(ctx, c, crds, dirs, data); err != nil {
			return fmt.Errorf("%s: seeding: %w", c.Name, err)
		}
		return nil
	})
}

func hostCRDs(upstream string) ([]*unstructured.Unstructured, error) {
	crds, err := loadCRDs(filepath.Join(upstream, "crds"))
	if err != nil {
		return nil, err
	}
	cluster, err := karmadaClusterCRD(filepath.Join(upstream, "openapi", "karmada", "swagger.json"))
	if err != nil {
		return nil, err
	}
	return append(crds, cluster), nil
}

func memberProfiles(members []*cluster) ([]memberProfile, error) {
	data, err := seedFiles.ReadFile("seed/members.yaml")
	if err != nil {
		return nil, err
	}
	var base []memberProfile
	if err := yaml.Unmarshal(data, &base); err != nil {
		return nil, fmt.Errorf("seed/members.yaml: %w", err)
	}
	profiles := make([]memberProfile, len(members))
	for i, m := range members {
		profiles[i] = base[i%len(base)]
		profiles[i].Name = m.Name
		profiles[i].Index = i + 1
		profiles[i].URL = m.URL()
	}
	return profiles, nil
}

func seedCluster(ctx context.Context, c *cluster, crds []*unstructured.Unstructured, dirs []string, data seedData) error {
	client, err := dynamic.NewForConfig(c.restConfig())
	if err != nil {
		return err
	}
	discoveryClient, err := discovery.NewDiscoveryClientForConfig(c.restConfig())
	if err != nil {
		return err
	}
	for _, crd := range crds {
		if err := createIgnoringExisting(ctx, client.Resource(crdGVR), crd); err != nil {
			return fmt.Errorf("CRD %s: %w", crd.GetName(), err)
		}
	}
	for _, crd := range crds {
		if err := waitEstablished(ctx, client, crd.GetName()); err != nil {
			return err
		}
	}
	mapper := restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(discoveryClient))
	for _, dir := range dirs {
		docs, err := renderSeedDir(dir, data)
		if err != nil {
			return err
		}
		for _, doc := range docs {
			if err := applySeed(ctx, client, mapper, doc); err != nil {
				return fmt.Errorf("%s %s/%s: %w", doc.GetKind(), doc.GetNamespace(), doc.GetName(), err)
			}
		}
	}
	return nil
}

func renderSeedDir(dir string, data seedData) ([]*unstructured.Unstructured, error) {
	entries, err := seedFiles.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var docs []*unstructured.Unstructured
	for _, e := range entries {
		path := dir + "/" + e.Name()
		text, err := seedFiles.ReadFile(path)
		if err != nil {
			return nil, err
		}
		tmpl, err := template.Must(seedTemplate.Clone()).Parse(string(text))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		var out bytes.Buffer
		if err := tmpl.Execute(&out, data); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		fileDocs, err := decodeYAMLDocuments(path, out.Bytes())
		if err != nil {
			return nil, err
		}
		docs = append(docs, fileDocs...)
	}
	return docs, nil
}

// applySeed creates one object, then writes its status through the status subresource (where the type has
// one), the way a controller would.
func applySeed(ctx context.Context, client dynamic.Interface, mapper *restmapper.DeferredDiscoveryRESTMapper, doc *unstructured.Unstructured) error {
	mapping, err := restMapping(ctx, mapper, doc.GroupVersionKind())
	if err != nil {
		return err
	}
	var resource dynamic.ResourceInterface = client.Resource(mapping.Resource)
	if mapping.Scope.Name() == meta.RESTScopeNameNamespace {
		resource = client.Resource(mapping.Resource).Namespace(doc.GetNamespace())
	}
	status, hasStatus := doc.Object["status"]
	created, err := resource.Create(ctx, doc, metav1.CreateOptions{FieldManager: "flotilla-lab"})
	if apierrors.IsAlreadyExists(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if !hasStatus {
		return nil
	}
	created.Object["status"] = status
	_, err = resource.UpdateStatus(ctx, created, metav1.UpdateOptions{FieldManager: "flotilla-lab"})
	if apierrors.IsNotFound(err) {
		return nil // no status subresource: the status was stored with the object
	}
	return err
}

// restMapping resolves a kind, refreshing discovery while a just-established CRD is not yet listed there.
func restMapping(ctx context.Context, mapper *restmapper.DeferredDiscoveryRESTMapper, gvk schema.GroupVersionKind) (*meta.RESTMapping, error) {
	deadline := time.Now().Add(10 * time.Second)
	for {
		mapping, err := mapper.RESTMapping(gvk.GroupKind(), gvk.Version)
		if err == nil || !meta.IsNoMatchError(err) || time.Now().After(deadline) || ctx.Err() != nil {
			return mapping, err
		}
		mapper.Reset()
		time.Sleep(100 * time.Millisecond)
	}
}

func createIgnoringExisting(ctx context.Context, resource dynamic.ResourceInterface, obj *unstructured.Unstructured) error {
	_, err := resource.Create(ctx, obj, metav1.CreateOptions{FieldManager: "flotilla-lab"})
	if apierrors.IsAlreadyExists(err) {
		return nil
	}
	return err
}

func waitEstablished(ctx context.Context, client dynamic.Interface, name string) error {
	ticker := time.NewTicker(50 * time.Millisecond)
	defer ticker.Stop()
	for {
		crd, err := client.Resource(crdGVR).Get(ctx, name, metav1.GetOptions{})
		if err == nil && crdCondition(crd, "Established") == "True" {
			return nil
		}
		if err == nil && crdCondition(crd, "NamesAccepted") == "False" {
			return fmt.Errorf("CRD %s: names not accepted", name)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("CRD %s was not Established in time", name)
		case <-ticker.C:
		}
	}
}

func crdCondition(crd *unstructured.Unstructured, kind string) string {
	conditions, _, _ := unstructured.NestedSlice(crd.Object, "status", "conditions")
	for _, c := range conditions {
		if m, ok := c.(map[string]any); ok && m["type"] == kind {
			s, _ := m["status"].(string)
			return s
		}
	}
	return ""
}
