package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/yaml"
)

// karmadaPlane runs Karmada's four real components beside the host apiserver, built from the release
// archive: the aggregated apiserver (Cluster objects, clusters/{name}/proxy), the webhook, the controller
// manager and the scheduler.
type karmadaPlane struct {
	src, bin    string
	host        *cluster
	certDir     string
	webhookPort int
	aggPort     int
	members     int
	// loaded members: see withoutResourceModeling.
	loaded bool
}

var (
	apiServiceGVR  = schema.GroupVersionResource{Group: "apiregistration.k8s.io", Version: "v1", Resource: "apiservices"}
	karmadaCluster = schema.GroupVersionResource{Group: "cluster.karmada.io", Version: "v1alpha1", Resource: "clusters"}
)

func newKarmadaPlane(l *runningLab, host *cluster) (*karmadaPlane, error) {
	k := &karmadaPlane{src: l.opts.karmadaSrc, bin: l.opts.karmadaBin, host: host, certDir: filepath.Join(host.dir, "karmada"), members: l.opts.members, loaded: l.opts.loaded()}
	if err := os.MkdirAll(k.certDir, 0o700); err != nil {
		return nil, err
	}
	err := host.creds.servingPair(filepath.Join(k.certDir, "tls.crt"), filepath.Join(k.certDir, "tls.key"), "karmada",
		"karmada-aggregated-apiserver.karmada-system.svc", "karmada-webhook.karmada-system.svc")
	if err != nil {
		return nil, err
	}
	if k.webhookPort, err = freePort(); err != nil {
		return nil, err
	}
	if k.aggPort, err = freePort(); err != nil {
		return nil, err
	}
	return k, nil
}

func (k *karmadaPlane) binary(name string) string { return filepath.Join(k.bin, name) }

func (k *karmadaPlane) caBundle() string {
	return base64.StdEncoding.EncodeToString(k.host.creds.CAPEM)
}

// crds reads the CRDs the archive's kustomization lists, with the conversion webhook of the bindings
// pointed at the lab's webhook.
func (k *karmadaPlane) crds() ([]*unstructured.Unstructured, error) {
	dir := filepath.Join(k.src, "charts", "karmada", "_crds")
	data, err := os.ReadFile(filepath.Join(dir, "kustomization.yaml"))
	if err != nil {
		return nil, err
	}
	var kustomization struct {
		Resources []string `json:"resources"`
	}
	if err := yaml.Unmarshal(data, &kustomization); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	var crds []*unstructured.Unstructured
	for _, path := range kustomization.Resources {
		docs, err := readYAMLDocuments(filepath.Join(dir, path))
		if err != nil {
			return nil, err
		}
		for _, doc := range docs {
			if doc.GetName() == "resourcebindings.work.karmada.io" || doc.GetName() == "clusterresourcebindings.work.karmada.io" {
				conversion := map[string]any{
					"strategy": "Webhook",
					"webhook": map[string]any{
						"clientConfig":             map[string]any{"url": k.webhookURL("/convert"), "caBundle": k.caBundle()},
						"conversionReviewVersions": []any{"v1"},
					},
				}
				if err := unstructured.SetNestedField(doc.Object, conversion, "spec", "conversion"); err != nil {
					return nil, err
				}
			}
			crds = append(crds, doc)
		}
	}
	return crds, nil
}

func (k *karmadaPlane) webhookURL(path string) string {
	return fmt.Sprintf("https://127.0.0.1:%d%s", k.webhookPort, path)
}

// hostObjects are what registers the aggregated apiserver and the webhooks with the host apiserver.
func (k *karmadaPlane) hostObjects() ([]*unstructured.Unstructured, error) {
	registration := fmt.Sprintf(`apiVersion: v1
kind: Service
metadata: {name: karmada-aggregated-apiserver, namespace: karmada-system}
spec:
  type: ExternalName
  externalName: 127.0.0.1
  ports: [{port: %d, protocol: TCP}]
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1alpha1.cluster.karmada.io, labels: {app: karmada-aggregated-apiserver, apiserver: "true"}}
spec:
  caBundle: %s
  group: cluster.karmada.io
  groupPriorityMinimum: 2000
  service: {name: karmada-aggregated-apiserver, namespace: karmada-system, port: %d}
  version: v1alpha1
  versionPriority: 10
`, k.aggPort, k.caBundle(), k.aggPort)
	return decodeYAMLDocuments("karmada registration", []byte(registration))
}

func (k *karmadaPlane) webhookConfigurations() ([]*unstructured.Unstructured, error) {
	path := filepath.Join(k.src, "artifacts", "deploy", "webhook-configuration.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	text := strings.ReplaceAll(string(data), "https://karmada-webhook.karmada-system.svc:443", k.webhookURL(""))
	text = strings.ReplaceAll(text, "{{caBundle}}", k.caBundle())
	return decodeYAMLDocuments(path, []byte(text))
}

// processes are Karmada's components in start order; each waits for the one before it.
func (k *karmadaPlane) processes() []*process {
	kubeconfig := "--kubeconfig=" + k.host.Kubeconfig
	agg := &process{Name: k.host.Name + "/karmada-aggregated-apiserver", Path: k.binary("aggregated-apiserver"), Ports: []int{k.aggPort}, Args: []string{
		kubeconfig,
		"--authentication-kubeconfig=" + k.host.Kubeconfig,
		"--authorization-kubeconfig=" + k.host.Kubeconfig,
		"--etcd-servers=" + k.host.etcdURL,
		"--etcd-prefix=/karmada-aggregated",
		"--bind-address=127.0.0.1",
		fmt.Sprintf("--secure-port=%d", k.aggPort),
		"--tls-cert-file=" + filepath.Join(k.certDir, "tls.crt"),
		"--tls-private-key-file=" + filepath.Join(k.certDir, "tls.key"),
		"--audit-log-path=-",
		"--audit-log-maxage=0",
		"--audit-log-maxbackup=0",
	}}
	agg.ready = httpsOK(fmt.Sprintf("https://127.0.0.1:%d/readyz", k.aggPort))

	webhookProbe, _ := freePort()
	webhook := &process{Name: k.host.Name + "/karmada-webhook", Path: k.binary("webhook"), Ports: []int{k.webhookPort, webhookProbe}, Args: []string{
		kubeconfig,
		"--bind-address=127.0.0.1",
		fmt.Sprintf("--secure-port=%d", k.webhookPort),
		"--cert-dir=" + k.certDir,
		"--metrics-bind-address=0",
		fmt.Sprintf("--health-probe-bind-address=127.0.0.1:%d", webhookProbe),
	}}
	webhook.ready = httpsOK(k.webhookURL("/readyz/"))

	controllers := k.controller("karmada-controller-manager", "controller-manager", append([]string{
		"--controllers=*",
		// Alpha and off by default: the MultiClusterService, EndpointSlice collect and dispatch controllers.
		"--feature-gates=MultiClusterService=true",
	}, append(clusterHealthTimings(k.members), k.withoutResourceModeling()...)...)...)
	scheduler := k.controller("karmada-scheduler", "scheduler", "--enable-scheduler-estimator=false")
	return []*process{agg, webhook, controllers, scheduler}
}

// withoutResourceModeling: with it (the default) the cluster status controller keeps an informer on every
// member's pods and nodes to sum their resources, which grew the controller manager about 16 KB for each
// pod and Deployment on a loaded member (test/lab/README.md). Without it Clusters carry no node or resource
// summary, so the scheduler cannot estimate available replicas; loaded labs are for the explorer's benches,
// which divide none.
func (k *karmadaPlane) withoutResourceModeling() []string {
	if !k.loaded {
		return nil
	}
	return []string{"--enable-cluster-resource-modeling=false"}
}

// clusterHealthTimings: a stopped member is NotReady in about 6 s and Ready again in about 8 s while the
// lab checks fast; otherwise every 10 s.
func clusterHealthTimings(members int) []string {
	if fastHealthChecks(members) {
		return []string{"--cluster-status-update-frequency=1s", "--cluster-failure-threshold=3s", "--cluster-success-threshold=1s"}
	}
	return []string{"--cluster-status-update-frequency=10s", "--cluster-failure-threshold=30s", "--cluster-success-threshold=1s"}
}

// start installs Karmada on the host and runs its components: CRDs, then the aggregated apiserver and its
// APIService, then the webhook and its configurations, then the controllers and the scheduler.
func (k *karmadaPlane) start(ctx context.Context, l *runningLab) error {
	h := newClusterClient(k.host)
	if err := h.ensureNamespaces(ctx, "karmada-system", "karmada-cluster"); err != nil {
		return fmt.Errorf("karmada: %w", err)
	}
	crds, err := k.crds()
	if err != nil {
		return fmt.Errorf("karmada CRDs: %w", err)
	}
	if err := h.installCRDs(ctx, crds); err != nil {
		return fmt.Errorf("karmada CRDs: %w", err)
	}
	procs := k.processes()
	for _, p := range procs {
		k.host.add(p, l.logDir)
	}
	if err := startAndWait(ctx, procs[0]); err != nil {
		return err
	}
	registration, err := k.hostObjects()
	if err != nil {
		return err
	}
	if err := h.createAll(ctx, registration); err != nil {
		return fmt.Errorf("karmada-aggregated-apiserver registration: %w", err)
	}
	if err := h.waitAPIServiceAvailable(ctx, "v1alpha1.cluster.karmada.io", procs[0].Log); err != nil {
		return err
	}
	if err := startAndWait(ctx, procs[1]); err != nil {
		return err
	}
	webhooks, err := k.webhookConfigurations()
	if err != nil {
		return fmt.Errorf("karmada-webhook configuration: %w", err)
	}
	if err := h.createAll(ctx, webhooks); err != nil {
		return fmt.Errorf("karmada-webhook configuration: %w", err)
	}
	for _, p := range procs[2:] {
		if err := startAndWait(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// controller is a Karmada controller process: no leader election, no metrics, healthy when its probe says so.
func (k *karmadaPlane) controller(name, binary string, args ...string) *process {
	probe, _ := freePort()
	p := &process{Name: k.host.Name + "/" + name, Path: k.binary(binary), Ports: []int{probe}, Args: append([]string{
		"--kubeconfig=" + k.host.Kubeconfig,
		"--leader-elect=false",
		"--metrics-bind-address=0",
		fmt.Sprintf("--health-probe-bind-address=127.0.0.1:%d", probe),
	}, args...)}
	p.ready = httpGetOK(nil, fmt.Sprintf("http://127.0.0.1:%d/healthz", probe))
	return p
}

func startAndWait(ctx context.Context, p *process) error {
	if err := p.start(); err != nil {
		return err
	}
	return p.waitReady(ctx)
}

// waitClustersReady returns once every joined member's Cluster reports Ready=True.
func (k *karmadaPlane) waitClustersReady(ctx context.Context, names []string) error {
	h := newClusterClient(k.host)
	return h.waitFor(ctx, "Karmada Clusters Ready ("+strings.Join(names, ", ")+")", lastLog(k.host, "karmada-controller-manager"), 500*time.Millisecond, func() (bool, error) {
		for _, name := range names {
			obj, err := h.dynamic.Resource(karmadaCluster).Get(ctx, name, getOptions)
			if err != nil || conditionStatus(obj, "Ready") != "True" {
				return false, nil
			}
		}
		return true, nil
	})
}
