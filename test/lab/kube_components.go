package main

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

//go:embed kwok
var kwokFiles embed.FS

// hostControllers are the controllers a federation control plane runs (Karmada's own list): no Deployment or
// ReplicaSet controller, so resource templates on the host never make pods.
const hostControllers = "namespace,garbagecollector,serviceaccount-token,ttl-after-finished,bootstrapsigner,tokencleaner,csrcleaner,csrsigning,clusterrole-aggregation"

// addControllerManager runs the upstream kube-controller-manager beside a cluster's apiserver. Its CSR signer
// uses the cluster's own CA, so the client certificates it issues log in.
func (l *runningLab) addControllerManager(c *cluster, controllers string) error {
	args := []string{
		"--kubeconfig=" + c.Kubeconfig,
		"--authentication-kubeconfig=" + c.Kubeconfig,
		"--authorization-kubeconfig=" + c.Kubeconfig,
		"--client-ca-file=" + c.creds.CAFile,
		"--authentication-skip-lookup",
		"--leader-elect=false",
		"--controllers=" + controllers,
		"--use-service-account-credentials",
		"--service-account-private-key-file=" + c.creds.ServiceAccountKeyFile,
		"--root-ca-file=" + c.creds.CAFile,
		"--cluster-signing-cert-file=" + c.creds.CAFile,
		"--cluster-signing-key-file=" + c.creds.CAKeyFile,
		"--cluster-name=" + c.Name,
		"--service-cluster-ip-range=" + serviceCIDR,
		// Longer than the apiserver outages the tests make (under a minute). At 40 s the node controller,
		// whose informers are still reconnecting after the restart, marked every node Unknown and its pods
		// NotReady for a second at some moment after the test that stopped the member had finished.
		"--node-monitor-grace-period=2m",
	}
	if qps, burst, loaded := l.loadClientRate(); loaded {
		args = append(args, "--kube-api-qps="+qps, "--kube-api-burst="+burst)
	}
	return l.addSelfComponent(c, "kube-controller-manager", "controller-manager", args...)
}

func (l *runningLab) addScheduler(c *cluster) error {
	config := filepath.Join(c.dir, "scheduler.yaml")
	connection := fmt.Sprintf("kubeconfig: %q", c.Kubeconfig)
	if qps, burst, loaded := l.loadClientRate(); loaded {
		connection += fmt.Sprintf(", qps: %s, burst: %s", qps, burst)
	}
	text := fmt.Sprintf("apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nclientConnection: {%s}\nleaderElection: {leaderElect: false}\n", connection)
	if err := os.WriteFile(config, []byte(text), 0o600); err != nil {
		return err
	}
	return l.addSelfComponent(c, "kube-scheduler", "scheduler",
		"--config="+config,
		"--authentication-kubeconfig="+c.Kubeconfig,
		"--authorization-kubeconfig="+c.Kubeconfig,
	)
}

// loadClientRate raises the members' controller-manager and scheduler client rates (upstream: 20 and 50
// requests a second) when members are filled with load: at 20 a second the ReplicaSet controller alone
// would take 100 s to create 2,000 pods.
func (l *runningLab) loadClientRate() (qps, burst string, loaded bool) {
	return "200", "400", l.opts.loaded()
}

// addSelfComponent runs a Kubernetes component embedded in this binary beside a cluster, serving on a free
// loopback port; it is ready once its /healthz answers.
func (l *runningLab) addSelfComponent(c *cluster, component, subcommand string, args ...string) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	p, err := selfProcess(c.Name+"/"+component, subcommand, append(args, "--bind-address=127.0.0.1", fmt.Sprintf("--secure-port=%d", port), "--v=1")...)
	if err != nil {
		return err
	}
	p.Ports = []int{port}
	p.ready = httpsOK(fmt.Sprintf("https://127.0.0.1:%d/healthz", port))
	c.add(p, l.logDir)
	return nil
}

// kwokServerData fills kwok/server.yaml for one member.
type kwokServerData struct {
	Cluster, LogsFile, PreviousLogsFile, ExecDir string
	EchoPort                                     int
}

// addKWOK runs KWOK beside a member: it keeps the member's fake Nodes alive, moves pods through their
// lifecycle and answers logs, exec and port-forward for them.
func (l *runningLab) addKWOK(c *cluster) error {
	// One port serves both: the apiserver reaches it over TLS as the nodes' kubelet, the lab over plain HTTP.
	port, err := freePort()
	if err != nil {
		return err
	}
	configs, err := l.writeKWOKConfigs(c)
	if err != nil {
		return err
	}
	args := []string{
		"--kubeconfig=" + c.Kubeconfig,
		"--manage-all-nodes=false",
		"--manage-nodes-with-annotation-selector=" + kwokNodeAnnotation + "=fake",
		"--node-ip=127.0.0.1",
		fmt.Sprintf("--node-port=%d", port),
		fmt.Sprintf("--server-address=127.0.0.1:%d", port),
		"--cidr=" + c.podCIDR(),
		"--node-lease-duration-seconds=40",
	}
	for _, config := range configs {
		args = append(args, "--config="+config)
	}
	p := &process{Name: c.Name + "/kwok", Path: l.opts.kwok, Args: args, Ports: []int{port}}
	p.ready = httpGetOK(nil, fmt.Sprintf("http://127.0.0.1:%d/healthz", port))
	c.add(p, l.logDir)
	return nil
}

// writeKWOKConfigs writes KWOK's own stages (read from its module, as fetched for its build), the lab's
// re-ready stage and the member's server configuration.
func (l *runningLab) writeKWOKConfigs(c *cluster) ([]string, error) {
	stages := []string{
		"node/fast/node-initialize.yaml",
		"node/heartbeat-with-lease/node-heartbeat-with-lease.yaml",
		"pod/fast/pod-ready.yaml",
		"pod/fast/pod-complete.yaml",
		"pod/fast/pod-delete.yaml",
	}
	var docs []string
	for _, stage := range stages {
		data, err := os.ReadFile(filepath.Join(l.opts.kwokStages, stage))
		if err != nil {
			return nil, fmt.Errorf("KWOK stage: %w (is --kwok-stages the module's kustomize/stage folder?)", err)
		}
		docs = append(docs, string(data))
	}
	reReady, err := kwokFiles.ReadFile("kwok/pod-re-ready.yaml")
	if err != nil {
		return nil, err
	}
	docs = append(docs, string(reReady))
	stagesFile := filepath.Join(c.dir, "kwok-stages.yaml")
	if err := os.WriteFile(stagesFile, []byte(strings.Join(docs, "\n---\n")), 0o600); err != nil {
		return nil, err
	}

	logs, err := l.podLogs.forMember(c.Name, c.dir)
	if err != nil {
		return nil, err
	}
	execDir := filepath.Join(c.dir, "exec")
	if err := os.MkdirAll(execDir, 0o700); err != nil {
		return nil, err
	}
	serverTemplate, err := kwokFiles.ReadFile("kwok/server.yaml")
	if err != nil {
		return nil, err
	}
	tmpl, err := template.New("server").Option("missingkey=error").Parse(string(serverTemplate))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	data := kwokServerData{Cluster: c.Name, LogsFile: logs.current, PreviousLogsFile: logs.previous, ExecDir: execDir, EchoPort: l.echo.port}
	if err := tmpl.Execute(&out, data); err != nil {
		return nil, err
	}
	serverFile := filepath.Join(c.dir, "kwok-server.yaml")
	if err := os.WriteFile(serverFile, out.Bytes(), 0o600); err != nil {
		return nil, err
	}
	return []string{stagesFile, serverFile}, nil
}

// startComponents starts every component of a cluster in order, each once the one before it is ready.
func startComponents(ctx context.Context, c *cluster) error {
	for _, p := range c.components {
		if err := startAndWait(ctx, p); err != nil {
			return err
		}
	}
	return nil
}
