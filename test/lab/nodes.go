package main

import (
	"context"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

const kwokNodeAnnotation = "kwok.x-k8s.io/node"

// createNodes registers a member's fake Nodes for KWOK: each a share of the member's allocatable resources,
// with its topology labels and its addresses; KWOK fills the kubelet endpoint the apiserver uses.
func createNodes(ctx context.Context, c *cluster, profile memberProfile, count int) error {
	client, err := kubernetes.NewForConfig(c.restConfig())
	if err != nil {
		return err
	}
	capacity := corev1.ResourceList{}
	for name, total := range profile.Allocatable {
		q, err := resource.ParseQuantity(total)
		if err != nil {
			return fmt.Errorf("seed/members.yaml: %s of %s: %w", name, c.Name, err)
		}
		if name == string(corev1.ResourcePods) {
			// A pod count must be whole: each node gets its share rounded down.
			capacity[corev1.ResourcePods] = *resource.NewQuantity(q.Value()/int64(count), resource.DecimalSI)
			continue
		}
		capacity[corev1.ResourceName(name)] = *resource.NewMilliQuantity(q.MilliValue()/int64(count), q.Format)
	}
	for i := 1; i <= count; i++ {
		name := fmt.Sprintf("%s-node-%d", c.Name, i)
		disk := "hdd"
		if i <= profile.SSDNodes {
			disk = "ssd"
		}
		node := &corev1.Node{
			ObjectMeta: metav1.ObjectMeta{
				Name:        name,
				Annotations: map[string]string{kwokNodeAnnotation: "fake"},
				Labels: map[string]string{
					"kubernetes.io/hostname":           name,
					"kubernetes.io/os":                 "linux",
					"kubernetes.io/arch":               "amd64",
					"type":                             "kwok",
					"disk":                             disk,
					"topology.kubernetes.io/region":    profile.Region,
					"topology.kubernetes.io/zone":      profile.Zone,
					"node.kubernetes.io/instance-type": profile.Provider + "-standard",
				},
			},
			// Both addresses from the start: KWOK's node-initialize stage rewrites `addresses` whenever one
			// is missing, and renders an empty list once InternalIP is there (its NodeName is empty here),
			// which cleared them when a stopped member's nodes went NotReady and logs/exec/port-forward
			// then had no kubelet address.
			Status: corev1.NodeStatus{
				Capacity:    capacity,
				Allocatable: capacity,
				Addresses:   []corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: "127.0.0.1"}, {Type: corev1.NodeHostName, Address: name}},
			},
		}
		if _, err := client.CoreV1().Nodes().Create(ctx, node, metav1.CreateOptions{FieldManager: "flotilla-lab"}); err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("%s: node %s: %w", c.Name, name, err)
		}
	}
	return nil
}

// waitNodesReady returns once every Node of the cluster reports Ready (KWOK has taken them over).
func waitNodesReady(ctx context.Context, c *cluster, count int) error {
	client := newClusterClient(c)
	ready := 0
	err := client.waitFor(ctx, c.Name+": KWOK nodes Ready", lastLog(c, "kwok"), 200*time.Millisecond, func() (bool, error) {
		nodes, err := client.typed.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
		if err != nil {
			return false, nil
		}
		ready = 0
		for _, n := range nodes.Items {
			for _, cond := range n.Status.Conditions {
				if cond.Type == corev1.NodeReady && cond.Status == corev1.ConditionTrue {
					ready++
				}
			}
		}
		return ready >= count, nil
	})
	if err != nil {
		return fmt.Errorf("%w; %d of %d Ready", err, ready, count)
	}
	return nil
}

func lastLog(c *cluster, component string) string {
	for _, p := range c.components {
		if p.Name == c.Name+"/"+component {
			return p.Log
		}
	}
	return "no log"
}
