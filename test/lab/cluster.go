package main

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"k8s.io/client-go/rest"
)

// cluster is one Kubernetes cluster of the lab, the host or a member: its kube-apiserver and the components
// that run beside it (controller-manager, scheduler, KWOK, federation agents).
type cluster struct {
	Name       string
	Port       int
	creds      *clusterCredentials
	dir        string
	index      int
	etcdURL    string
	apiserver  *process
	components []*process
	// Kubeconfig is an admin kubeconfig file for this cluster, for the components that need one.
	Kubeconfig string
}

func newCluster(name string, index, port int, workDir, logDir, etcdURL string) (*cluster, error) {
	dir := filepath.Join(workDir, name)
	creds, err := writeClusterCredentials(dir, name)
	if err != nil {
		return nil, fmt.Errorf("%s: writing certificates: %w", name, err)
	}
	apiserver, err := selfProcess(name+"/kube-apiserver", "apiserver",
		"--etcd-servers="+etcdURL,
		"--etcd-prefix=/"+name,
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		// KWOK's nodes carry their name as Hostname, which does not resolve: reach kubelets at 127.0.0.1.
		"--kubelet-preferred-address-types=InternalIP",
		fmt.Sprintf("--secure-port=%d", port),
		"--cert-dir="+dir,
		"--tls-cert-file="+creds.ServingCertFile,
		"--tls-private-key-file="+creds.ServingKeyFile,
		"--client-ca-file="+creds.CAFile,
		"--token-auth-file="+creds.TokenFile,
		"--requestheader-client-ca-file="+creds.FrontProxyCAFile,
		"--requestheader-allowed-names=front-proxy-client",
		"--requestheader-username-headers=X-Remote-User",
		"--requestheader-group-headers=X-Remote-Group",
		"--requestheader-extra-headers-prefix=X-Remote-Extra-",
		"--proxy-client-cert-file="+creds.FrontProxyClientCertFile,
		"--proxy-client-key-file="+creds.FrontProxyClientKeyFile,
		"--service-cluster-ip-range="+serviceCIDR,
		"--service-account-issuer=https://kubernetes.default.svc",
		"--service-account-key-file="+creds.ServiceAccountKeyFile,
		"--service-account-signing-key-file="+creds.ServiceAccountKeyFile,
		"--authorization-mode=RBAC",
		"--disable-admission-plugins=ServiceAccount",
		"--allow-privileged=true",
		"--enable-priority-and-fairness=false",
		"--endpoint-reconciler-type=none",
		"--profiling=false",
		"--v=0",
	)
	if err != nil {
		return nil, err
	}
	c := &cluster{Name: name, index: index, Port: port, creds: creds, dir: dir, etcdURL: etcdURL, apiserver: apiserver, Kubeconfig: filepath.Join(dir, "admin.kubeconfig")}
	apiserver.Ports = []int{port}
	apiserver.Log = filepath.Join(logDir, name+".log")
	client, err := c.adminHTTPClient()
	if err != nil {
		return nil, err
	}
	apiserver.ready = httpGetOK(client, c.URL()+"/readyz")
	if err := writeAdminKubeconfig(c); err != nil {
		return nil, err
	}
	return c, nil
}

// serviceCIDR is every cluster's service range; pod addresses (KWOK) come from each cluster's own /16,
// which must not overlap it.
const serviceCIDR = "10.0.0.0/24"

func (c *cluster) podCIDR() string { return fmt.Sprintf("10.%d.0.0/16", 128+c.index) }

func (c *cluster) URL() string { return fmt.Sprintf("https://127.0.0.1:%d", c.Port) }

func (c *cluster) pid() int { return c.apiserver.pid() }

// add registers a component that runs beside this cluster's apiserver, logging to DIR/logs/<cluster>-<name>.log.
func (c *cluster) add(p *process, logDir string) *process {
	p.Log = filepath.Join(logDir, strings.ReplaceAll(p.Name, "/", "-")+".log")
	c.components = append(c.components, p)
	return p
}

func (c *cluster) restConfig() *rest.Config {
	return &rest.Config{
		Host: c.URL(),
		TLSClientConfig: rest.TLSClientConfig{
			CAData:   c.creds.CAPEM,
			CertData: c.creds.AdminCertPEM,
			KeyData:  c.creds.AdminKeyPEM,
		},
		QPS:   200,
		Burst: 400,
		// Loopback: gzip would only cost the apiserver CPU.
		DisableCompression: true,
	}
}

func (c *cluster) adminHTTPClient() (*http.Client, error) {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(c.creds.CAPEM)
	cert, err := tls.X509KeyPair(c.creds.AdminCertPEM, c.creds.AdminKeyPEM)
	if err != nil {
		return nil, err
	}
	return &http.Client{
		Timeout:   2 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, Certificates: []tls.Certificate{cert}}},
	}, nil
}

// lastErrorLine picks the most telling line of an apiserver log: the last error, else the last line.
func lastErrorLine(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return "no log"
	}
	defer f.Close()
	var last, lastErr string
	scanner := bufio.NewScanner(f)
	scanner.Buffer(make([]byte, 1<<20), 1<<20)
	for scanner.Scan() {
		line := strings.TrimSpace(scanner.Text())
		if line == "" {
			continue
		}
		last = line
		if strings.HasPrefix(line, "E") || strings.HasPrefix(line, "F") || strings.Contains(strings.ToLower(line), "error") {
			lastErr = line
		}
	}
	if lastErr != "" {
		return lastErr
	}
	if last == "" {
		return "empty log"
	}
	return last
}
