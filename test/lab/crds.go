package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
)

// loadCRDs reads every CustomResourceDefinition under dir (other documents are skipped). When two files
// define the same CRD name (karmada/multicluster and mcs-api both ship ServiceExport), the one serving more
// versions wins, ties going to the first path in lexical order.
func loadCRDs(dir string) ([]*unstructured.Unstructured, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	byName := map[string]*unstructured.Unstructured{}
	var order []string
	for _, path := range paths {
		docs, err := readYAMLDocuments(path)
		if err != nil {
			return nil, err
		}
		for _, doc := range docs {
			if doc.GetKind() != "CustomResourceDefinition" {
				continue
			}
			delete(doc.Object, "status")
			name := doc.GetName()
			if previous, ok := byName[name]; ok {
				if versionCount(doc) > versionCount(previous) {
					byName[name] = doc
				}
				continue
			}
			byName[name] = doc
			order = append(order, name)
		}
	}
	crds := make([]*unstructured.Unstructured, 0, len(order))
	for _, name := range order {
		crds = append(crds, byName[name])
	}
	return crds, nil
}

func versionCount(crd *unstructured.Unstructured) int {
	versions, _, _ := unstructured.NestedSlice(crd.Object, "spec", "versions")
	return len(versions)
}

func readYAMLDocuments(path string) ([]*unstructured.Unstructured, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return decodeYAMLDocuments(path, data)
}

func decodeYAMLDocuments(name string, data []byte) ([]*unstructured.Unstructured, error) {
	decoder := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	var docs []*unstructured.Unstructured
	for {
		var obj map[string]any
		if err := decoder.Decode(&obj); err != nil {
			if err == io.EOF {
				return docs, nil
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(obj) == 0 {
			continue
		}
		docs = append(docs, &unstructured.Unstructured{Object: obj})
	}
}
