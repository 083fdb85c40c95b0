package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"

	certificatesv1 "k8s.io/api/certificates/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// ocmHub runs Open Cluster Management's hub on the host (registration and placement controllers) and, on
// each member, the klusterlet's registration and work agents, all built from the release archive. Members
// register through the real CSR flow and are accepted as `clusteradm accept` does.
type ocmHub struct {
	src, bin string
	host     *cluster
}

const (
	ocmHubNamespace   = "open-cluster-management-hub"
	ocmAgentNamespace = "open-cluster-management-agent"
	ocmBootstrapSA    = "agent-registration-bootstrap"
)

var karmadaSkipPropagation = map[string]string{"namespace.karmada.io/skip-auto-propagation": "true"}

var managedClusterGVR = schema.GroupVersionResource{Group: "cluster.open-cluster-management.io", Version: "v1", Resource: "managedclusters"}

// The add-on CRDs ship a conversion webhook that only the add-on manager serves; the lab stores them as is.
var addonConversion = regexp.MustCompile(`(?s)\n  conversion:\n    strategy: Webhook\n.*?\n  group:`)

func (o *ocmHub) binary(name string) string { return filepath.Join(o.bin, name) }

func (o *ocmHub) hubCRDs() ([]*unstructured.Unstructured, error) {
	return o.crdsIn(filepath.Join(o.src, "manifests", "cluster-manager", "hub", "crds"))
}

// spokeCRDs are the klusterlet's CRDs every member needs (AppliedManifestWork, ClusterClaim, ...).
func (o *ocmHub) spokeCRDs() ([]*unstructured.Unstructured, error) {
	return o.crdsIn(filepath.Join(o.src, "manifests", "klusterlet", "managed"))
}

func (o *ocmHub) crdsIn(dir string) ([]*unstructured.Unstructured, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.crd.yaml"))
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("no OCM CRDs in %s", dir)
	}
	var crds []*unstructured.Unstructured
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		text := addonConversion.ReplaceAllString(string(data), "\n  conversion:\n    strategy: None\n  group:")
		docs, err := decodeYAMLDocuments(path, []byte(text))
		if err != nil {
			return nil, err
		}
		crds = append(crds, docs...)
	}
	return crds, nil
}

func (o *ocmHub) controller(name, subcommand string) (*process, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	p := &process{Name: o.host.Name + "/ocm-" + name, Path: o.binary(subcommand), Ports: []int{port}, Args: []string{
		"controller",
		"--kubeconfig=" + o.host.Kubeconfig,
		"--namespace=" + ocmHubNamespace,
		fmt.Sprintf("--listen=127.0.0.1:%d", port),
		"--disable-leader-election",
	}}
	p.ready = httpsOK(fmt.Sprintf("https://127.0.0.1:%d/healthz", port))
	return p, nil
}

// start installs the hub: CRDs, namespaces, the bootstrap identity agents register with, and the
// registration and placement controllers.
func (o *ocmHub) start(ctx context.Context, l *runningLab) error {
	h := newClusterClient(o.host)
	crds, err := o.hubCRDs()
	if err != nil {
		return fmt.Errorf("OCM hub CRDs: %w", err)
	}
	if err := h.installCRDs(ctx, crds); err != nil {
		return fmt.Errorf("OCM hub CRDs: %w", err)
	}
	// OCM's namespaces on the host are the hub's own business: Karmada, on the same host, would otherwise
	// propagate them (and each ManagedCluster's namespace) to every member.
	hubNamespaces := []string{ocmHubNamespace, "open-cluster-management"}
	for _, c := range l.clusters[1:] {
		hubNamespaces = append(hubNamespaces, c.Name)
	}
	if err := h.ensureLabeledNamespaces(ctx, karmadaSkipPropagation, hubNamespaces...); err != nil {
		return err
	}
	bootstrap, err := decodeYAMLDocuments("OCM bootstrap", []byte(ocmBootstrapRBAC))
	if err != nil {
		return err
	}
	if err := h.createAll(ctx, bootstrap); err != nil {
		return fmt.Errorf("OCM bootstrap identity: %w", err)
	}
	for _, c := range []struct{ name, binary string }{{"registration-controller", "registration"}, {"placement-controller", "placement"}} {
		p, err := o.controller(c.name, c.binary)
		if err != nil {
			return err
		}
		o.host.add(p, l.logDir)
		if err := startAndWait(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// ocmBootstrapRBAC is the identity klusterlets first register with (the cluster-manager chart's bootstrap
// ClusterRole, bound to a ServiceAccount).
const ocmBootstrapRBAC = `apiVersion: v1
kind: ServiceAccount
metadata: {name: agent-registration-bootstrap, namespace: open-cluster-management}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "open-cluster-management:bootstrap"}
rules:
- {apiGroups: [""], resources: [configmaps], verbs: [get]}
- {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [create, get, list, watch]}
- {apiGroups: [cluster.open-cluster-management.io], resources: [managedclusters], verbs: [get, create, list, watch]}
- {apiGroups: [cluster.open-cluster-management.io], resources: [managedclustersets/join], verbs: [create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "open-cluster-management:bootstrap:agent-registration"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "open-cluster-management:bootstrap"}
subjects: [{kind: ServiceAccount, name: agent-registration-bootstrap, namespace: open-cluster-management}]
`

// ocmAgentDir holds one member's bootstrap kubeconfig and the hub kubeconfig its registration agent writes.
func ocmAgentDir(member *cluster) string { return filepath.Join(member.dir, "ocm-agent") }

// startAgent registers a member with the hub: spoke CRDs, a bootstrap kubeconfig, and the registration
// agent, which creates the ManagedCluster and a CSR on the hub. Acceptance is separate (accept).
func (o *ocmHub) startAgent(ctx context.Context, l *runningLab, member *cluster) error {
	m := newClusterClient(member)
	crds, err := o.spokeCRDs()
	if err != nil {
		return err
	}
	if err := m.installCRDs(ctx, crds); err != nil {
		return fmt.Errorf("OCM klusterlet CRDs: %w", err)
	}
	if err := m.ensureNamespaces(ctx, ocmAgentNamespace); err != nil {
		return err
	}
	token, err := newClusterClient(o.host).serviceAccountToken(ctx, "open-cluster-management", ocmBootstrapSA)
	if err != nil {
		return err
	}
	dir := ocmAgentDir(member)
	if err := os.MkdirAll(filepath.Join(dir, "hub"), 0o700); err != nil {
		return err
	}
	bootstrap := clientcmdapi.NewConfig()
	bootstrap.Clusters["hub"] = &clientcmdapi.Cluster{Server: o.host.URL(), CertificateAuthorityData: o.host.creds.CAPEM}
	bootstrap.AuthInfos["bootstrap"] = &clientcmdapi.AuthInfo{Token: string(token.Data["token"])}
	bootstrap.Contexts["hub"] = &clientcmdapi.Context{Cluster: "hub", AuthInfo: "bootstrap"}
	bootstrap.CurrentContext = "hub"
	bootstrapFile := filepath.Join(dir, "bootstrap.kubeconfig")
	if err := clientcmd.WriteToFile(*bootstrap, bootstrapFile); err != nil {
		return err
	}
	agent, err := o.agent(member, "registration-agent", "registration",
		"--bootstrap-kubeconfig="+bootstrapFile,
		// The URL the hub shows in the ManagedCluster's managedClusterClientConfigs.
		"--spoke-external-server-urls="+member.URL(),
		// Probe the member every second (default 1 min) while the lab checks fast: with client-go retrying a
		// refused GET for about 10 s, an outage then shows on the hub in 15 to 21 s.
		fmt.Sprintf("--cluster-healthcheck-period=%s", ocmHealthcheckPeriod(l.opts.members)),
	)
	if err != nil {
		return err
	}
	member.add(agent, l.logDir)
	return startAndWait(ctx, agent)
}

func (o *ocmHub) agent(member *cluster, name, binary string, extra ...string) (*process, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	args := append([]string{
		"agent",
		"--kubeconfig=" + member.Kubeconfig,
		"--spoke-cluster-name=" + member.Name,
		"--agent-id=" + member.Name + "-agent",
		"--hub-kubeconfig-dir=" + filepath.Join(ocmAgentDir(member), "hub"),
		"--namespace=" + ocmAgentNamespace,
		fmt.Sprintf("--listen=127.0.0.1:%d", port),
		"--disable-leader-election",
	}, extra...)
	p := &process{Name: member.Name + "/ocm-" + name, Path: o.binary(binary), Ports: []int{port}, Args: args}
	p.ready = httpsOK(fmt.Sprintf("https://127.0.0.1:%d/healthz", port))
	return p, nil
}

// accept does what `clusteradm accept` does: approve the member's pending CSRs and set hubAcceptsClient.
// Then it labels (and taints) the ManagedCluster after the member's profile and starts the work agent once
// the registration agent has written its hub kubeconfig.
func (o *ocmHub) accept(ctx context.Context, l *runningLab, member *cluster, profile memberProfile) error {
	h := newClusterClient(o.host)
	err := h.waitFor(ctx, "OCM: "+member.Name+"'s ManagedCluster and CSR", lastLog(member, "ocm-registration-agent"), 200*time.Millisecond, func() (bool, error) {
		if _, err := h.dynamic.Resource(managedClusterGVR).Get(ctx, member.Name, getOptions); err != nil {
			return false, nil
		}
		return h.approveCSRs(ctx, member.Name)
	})
	if err != nil {
		return err
	}
	patch := map[string]any{"metadata": map[string]any{"labels": profile.ocmLabels()}, "spec": map[string]any{"hubAcceptsClient": true}}
	if profile.Tainted {
		patch["spec"].(map[string]any)["taints"] = []any{map[string]any{"key": "dedicated", "value": "gpu", "effect": "NoSelect"}}
	}
	if err := h.mergePatch(ctx, managedClusterGVR, member.Name, patch); err != nil {
		return fmt.Errorf("OCM: accepting %s: %w", member.Name, err)
	}
	hubKubeconfig := filepath.Join(ocmAgentDir(member), "hub", "kubeconfig")
	err = h.waitFor(ctx, "OCM: hub kubeconfig of "+member.Name, lastLog(member, "ocm-registration-agent"), 200*time.Millisecond, func() (bool, error) {
		_, err := os.Stat(hubKubeconfig)
		return err == nil, nil
	})
	if err != nil {
		return err
	}
	work, err := o.agent(member, "work-agent", "work", "--workload-source-driver=kube", "--workload-source-config="+hubKubeconfig)
	if err != nil {
		return err
	}
	member.add(work, l.logDir)
	return startAndWait(ctx, work)
}

func (p memberProfile) ocmLabels() map[string]any {
	labels := p.labels()
	set := "default"
	if p.Env == "prod" {
		set = "prod"
	}
	labels["cluster.open-cluster-management.io/clusterset"] = set
	return labels
}

// approveCSRs approves every pending CSR the member's registration agent made; true once one was approved.
func (c *clusterClient) approveCSRs(ctx context.Context, clusterName string) (bool, error) {
	csrs, err := c.typed.CertificatesV1().CertificateSigningRequests().List(ctx, metav1.ListOptions{LabelSelector: "open-cluster-management.io/cluster-name=" + clusterName})
	if err != nil {
		return false, nil
	}
	approved := false
	for _, csr := range csrs.Items {
		if len(csr.Status.Conditions) > 0 {
			approved = approved || csr.Status.Conditions[0].Type == certificatesv1.CertificateApproved
			continue
		}
		csr.Status.Conditions = append(csr.Status.Conditions, certificatesv1.CertificateSigningRequestCondition{
			Type: certificatesv1.CertificateApproved, Status: corev1.ConditionTrue, Reason: "AutoApprovedByFlotillaLab", Message: "approved as clusteradm accept does",
		})
		if _, err := c.typed.CertificatesV1().CertificateSigningRequests().UpdateApproval(ctx, csr.Name, &csr, metav1.UpdateOptions{}); err != nil {
			return false, fmt.Errorf("approving CSR %s: %w", csr.Name, err)
		}
		approved = true
	}
	return approved, nil
}

func (c *clusterClient) mergePatch(ctx context.Context, gvr schema.GroupVersionResource, name string, patch map[string]any) error {
	data, err := json.Marshal(patch)
	if err != nil {
		return err
	}
	_, err = c.dynamic.Resource(gvr).Patch(ctx, name, types.MergePatchType, data, metav1.PatchOptions{FieldManager: "flotilla-lab"})
	return err
}

// waitAvailable returns once every accepted member's ManagedCluster is Joined and Available.
func (o *ocmHub) waitAvailable(ctx context.Context, names []string) error {
	h := newClusterClient(o.host)
	return h.waitFor(ctx, "OCM ManagedClusters Available", lastLog(o.host, "ocm-registration-controller"), 300*time.Millisecond, func() (bool, error) {
		for _, name := range names {
			obj, err := h.dynamic.Resource(managedClusterGVR).Get(ctx, name, getOptions)
			if err != nil || conditionStatus(obj, "ManagedClusterConditionAvailable") != "True" {
				return false, nil
			}
		}
		return true, nil
	})
}

func ocmHealthcheckPeriod(members int) string {
	if fastHealthChecks(members) {
		return "1s"
	}
	return "10s"
}
