package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

const karmadaClusterDefinition = "com.github.karmada-io.karmada.pkg.apis.cluster.v1alpha1.Cluster"

// karmadaClusterCRD builds a CRD for cluster.karmada.io/v1alpha1 Cluster from Karmada's swagger document.
// Upstream serves Cluster from an aggregated apiserver; a CRD with the same group, version, kind and schema
// gives the lab the same API shape. $refs are inlined and the schema is made structural.
func karmadaClusterCRD(swaggerPath string) (*unstructured.Unstructured, error) {
	data, err := os.ReadFile(swaggerPath)
	if err != nil {
		return nil, fmt.Errorf("reading Karmada's OpenAPI document for the Cluster CRD: %w", err)
	}
	var doc struct {
		Definitions map[string]map[string]any `json:"definitions"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", swaggerPath, err)
	}
	root, ok := doc.Definitions[karmadaClusterDefinition]
	if !ok {
		return nil, fmt.Errorf("%s has no %s definition", swaggerPath, karmadaClusterDefinition)
	}
	s := &schemaInliner{definitions: doc.Definitions}
	schema := s.convert(root, 0)
	props := schema["properties"].(map[string]any)
	props["metadata"] = map[string]any{"type": "object"}

	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "apiextensions.k8s.io/v1",
		"kind":       "CustomResourceDefinition",
		"metadata": map[string]any{
			"name":        "clusters.cluster.karmada.io",
			"annotations": map[string]any{"flotilla.dev/generated-from": "openapi/karmada/swagger.json " + karmadaClusterDefinition},
		},
		"spec": map[string]any{
			"group": "cluster.karmada.io",
			"scope": "Cluster",
			"names": map[string]any{
				"kind": "Cluster", "listKind": "ClusterList", "plural": "clusters", "singular": "cluster",
			},
			"versions": []any{map[string]any{
				"name": "v1alpha1", "served": true, "storage": true,
				"schema":       map[string]any{"openAPIV3Schema": schema},
				"subresources": map[string]any{"status": map[string]any{}},
				"additionalPrinterColumns": []any{
					map[string]any{"name": "Version", "type": "string", "jsonPath": ".status.kubernetesVersion"},
					map[string]any{"name": "Mode", "type": "string", "jsonPath": ".spec.syncMode"},
					map[string]any{"name": "Ready", "type": "string", "jsonPath": `.status.conditions[?(@.type=="Ready")].status`},
					map[string]any{"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"},
				},
			}},
		},
	}}, nil
}

type schemaInliner struct {
	definitions map[string]map[string]any
}

// Keywords a structural CRD schema may carry; swagger-only ones (x-kubernetes-patch-*, group-version-kind)
// are dropped.
var keptKeywords = map[string]bool{
	"description": true, "type": true, "format": true, "enum": true, "required": true,
	"x-kubernetes-list-type": true, "x-kubernetes-list-map-keys": true, "x-kubernetes-map-type": true,
	"minimum": true, "maximum": true, "pattern": true, "minItems": true, "maxItems": true,
}

func (s *schemaInliner) convert(node map[string]any, depth int) map[string]any {
	if ref, ok := node["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/definitions/")
		switch name {
		case "io.k8s.apimachinery.pkg.api.resource.Quantity", "io.k8s.apimachinery.pkg.util.intstr.IntOrString":
			return map[string]any{"x-kubernetes-int-or-string": true, "anyOf": []any{
				map[string]any{"type": "integer"}, map[string]any{"type": "string"},
			}}
		case "io.k8s.apimachinery.pkg.apis.meta.v1.Time", "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime":
			return map[string]any{"type": "string", "format": "date-time"}
		case "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta":
			return map[string]any{"type": "object"}
		}
		target, ok := s.definitions[name]
		if !ok || depth > 12 {
			return map[string]any{"type": "object", "x-kubernetes-preserve-unknown-fields": true}
		}
		out := s.convert(target, depth+1)
		if d, ok := node["description"]; ok {
			out["description"] = d
		}
		return out
	}
	out := map[string]any{}
	for k, v := range node {
		if keptKeywords[k] {
			out[k] = v
		}
	}
	if props, ok := node["properties"].(map[string]any); ok {
		converted := map[string]any{}
		for name, p := range props {
			converted[name] = s.convert(p.(map[string]any), depth+1)
		}
		out["properties"] = converted
		out["type"] = "object"
	}
	if items, ok := node["items"].(map[string]any); ok {
		out["items"] = s.convert(items, depth+1)
	}
	if extra, ok := node["additionalProperties"].(map[string]any); ok {
		out["additionalProperties"] = s.convert(extra, depth+1)
		out["type"] = "object"
	}
	if _, typed := out["type"]; !typed {
		out["type"] = "object"
		out["x-kubernetes-preserve-unknown-fields"] = true
	}
	if out["type"] == "object" && out["properties"] == nil && out["additionalProperties"] == nil {
		out["x-kubernetes-preserve-unknown-fields"] = true
	}
	return out
}
