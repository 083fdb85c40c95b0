package main

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"sort"
	"strings"
	"text/template"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
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
	SSDNodes    int               `json:"ssdNodes"`
	Allocatable map[string]string `json:"allocatable"`
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

// seedClusterFrom installs the CRDs found in crdDirs, then seeds the cluster like seedCluster.
func seedClusterFrom(ctx context.Context, c *cluster, crdDirs, dirs []string, data seedData) error {
	var crds []*unstructured.Unstructured
	for _, dir := range crdDirs {
		found, err := loadCRDs(dir)
		if err != nil {
			return fmt.Errorf("%s: %w", c.Name, err)
		}
		crds = append(crds, found...)
	}
	return seedCluster(ctx, c, crds, dirs, data)
}

func memberProfiles(clusters []*cluster) ([]memberProfile, error) {
	data, err := seedFiles.ReadFile("seed/members.yaml")
	if err != nil {
		return nil, err
	}
	var base []memberProfile
	if err := yaml.Unmarshal(data, &base); err != nil {
		return nil, fmt.Errorf("seed/members.yaml: %w", err)
	}
	profiles := make([]memberProfile, len(clusters))
	for i, m := range clusters {
		profiles[i] = base[i%len(base)]
		profiles[i].Name = m.Name
		profiles[i].Index = i + 1
		profiles[i].URL = m.URL()
	}
	return profiles, nil
}

func seedCluster(ctx context.Context, c *cluster, crds []*unstructured.Unstructured, dirs []string, data seedData) error {
	client := newClusterClient(c)
	if err := client.installCRDs(ctx, crds); err != nil {
		return err
	}
	for _, dir := range dirs {
		docs, err := renderSeedDir(dir, data)
		if err != nil {
			return err
		}
		if err := client.createAll(ctx, docs); err != nil {
			return err
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
		if err == nil && conditionStatus(crd, "Established") == "True" {
			return nil
		}
		if err == nil && conditionStatus(crd, "NamesAccepted") == "False" {
			return fmt.Errorf("CRD %s: names not accepted", name)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("CRD %s was not Established in time", name)
		case <-ticker.C:
		}
	}
}
