package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"k8s.io/client-go/rest"
)

// cluster is one kube-apiserver of the lab: the host or a member.
type cluster struct {
	Name  string
	Port  int
	creds *clusterCredentials
	args  []string
	log   string

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
}

func newCluster(name string, port int, workDir, etcdURL string) (*cluster, error) {
	dir := filepath.Join(workDir, name)
	creds, err := writeClusterCredentials(dir, name)
	if err != nil {
		return nil, fmt.Errorf("%s: writing certificates: %w", name, err)
	}
	return &cluster{
		Name:  name,
		Port:  port,
		creds: creds,
		log:   filepath.Join(workDir, "logs", name+".log"),
		args: []string{
			"--etcd-servers=" + etcdURL,
			"--etcd-prefix=/" + name,
			"--bind-address=127.0.0.1",
			"--advertise-address=127.0.0.1",
			fmt.Sprintf("--secure-port=%d", port),
			"--cert-dir=" + dir,
			"--tls-cert-file=" + creds.ServingCertFile,
			"--tls-private-key-file=" + creds.ServingKeyFile,
			"--client-ca-file=" + creds.CAFile,
			"--token-auth-file=" + creds.TokenFile,
			"--service-cluster-ip-range=10.0.0.0/24",
			"--service-account-issuer=https://kubernetes.default.svc",
			"--service-account-key-file=" + creds.ServiceAccountKeyFile,
			"--service-account-signing-key-file=" + creds.ServiceAccountKeyFile,
			"--authorization-mode=RBAC",
			"--disable-admission-plugins=ServiceAccount",
			"--allow-privileged=true",
			"--enable-priority-and-fairness=false",
			"--endpoint-reconciler-type=none",
			"--profiling=false",
			"--v=0",
		},
	}, nil
}

func (c *cluster) URL() string { return fmt.Sprintf("https://127.0.0.1:%d", c.Port) }

// start launches the apiserver process; it does not wait for readiness.
func (c *cluster) start() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(c.log), 0o700); err != nil {
		return err
	}
	logFile, err := os.OpenFile(c.log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(self, append([]string{"apiserver"}, c.args...)...)
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return fmt.Errorf("%s: starting kube-apiserver: %w", c.Name, err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		logFile.Close()
		close(exited)
	}()
	c.cmd, c.exited = cmd, exited
	return nil
}

func (c *cluster) pid() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cmd == nil || c.cmd.Process == nil {
		return 0
	}
	select {
	case <-c.exited:
		return 0
	default:
		return c.cmd.Process.Pid
	}
}

// waitReady polls /readyz until it answers ok, the process exits, or ctx ends.
func (c *cluster) waitReady(ctx context.Context) error {
	c.mu.Lock()
	exited := c.exited
	c.mu.Unlock()
	client, err := c.adminHTTPClient()
	if err != nil {
		return err
	}
	ticker := time.NewTicker(100 * time.Millisecond)
	defer ticker.Stop()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.URL()+"/readyz", nil)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-exited:
			return fmt.Errorf("%s: kube-apiserver exited before it was ready: %s", c.Name, lastErrorLine(c.log))
		case <-ctx.Done():
			return fmt.Errorf("%s: kube-apiserver was not ready in time (log: %s)", c.Name, lastErrorLine(c.log))
		case <-ticker.C:
		}
	}
}

// stop ends the apiserver: SIGTERM, then SIGKILL after grace, and waits for the exit.
func (c *cluster) stop(grace time.Duration) {
	c.mu.Lock()
	cmd, exited := c.cmd, c.exited
	c.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(grace):
		_ = cmd.Process.Kill()
		<-exited
	}
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
