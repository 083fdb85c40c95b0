package main

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// componentGOGC is the garbage collector target of every component the lab starts (see lightenForLoad).
var componentGOGC = "50"

// process is one component of the lab (an apiserver, a controller, an agent) in its own OS process, logging
// to its own file. It can be stopped and started again with the same command line.
type process struct {
	Name  string
	Path  string
	Args  []string
	Dir   string
	Log   string
	Ports []int
	// ready answers nil once the component is serving; nil means "started is ready".
	ready func(ctx context.Context) error

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
}

// selfProcess runs a subcommand of this binary (the upstream Kubernetes components it embeds).
func selfProcess(name, subcommand string, args ...string) (*process, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return &process{Name: name, Path: self, Args: append([]string{subcommand}, args...)}, nil
}

// start launches the process; it does not wait for readiness.
func (p *process) start() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(p.Log), 0o700); err != nil {
		return err
	}
	logFile, err := os.OpenFile(p.Log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	cmd := exec.Command(p.Path, p.Args...)
	cmd.Dir = p.Dir
	// Some thirty Go processes share one machine: collecting sooner keeps the lab within its memory budget
	// at a small cost in CPU.
	cmd.Env = append(os.Environ(), "GOGC="+componentGOGC)
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return fmt.Errorf("%s: starting %s: %w", p.Name, filepath.Base(p.Path), err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		logFile.Close()
		close(exited)
	}()
	p.cmd, p.exited = cmd, exited
	return nil
}

func (p *process) pid() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd == nil || p.cmd.Process == nil {
		return 0
	}
	select {
	case <-p.exited:
		return 0
	default:
		return p.cmd.Process.Pid
	}
}

// waitReady polls the readiness check until it passes, the process exits, or ctx ends. Errors name the
// component and its log file.
func (p *process) waitReady(ctx context.Context) error {
	p.mu.Lock()
	exited := p.exited
	p.mu.Unlock()
	if p.ready == nil {
		return nil
	}
	ticker := time.NewTicker(100 * time.Millisecond)
	defer ticker.Stop()
	var last error
	for {
		attempt, cancel := context.WithTimeout(ctx, 2*time.Second)
		last = p.ready(attempt)
		cancel()
		if last == nil {
			return nil
		}
		select {
		case <-exited:
			return fmt.Errorf("%s exited before it was ready: %s (log: %s)", p.Name, lastErrorLine(p.Log), p.Log)
		case <-ctx.Done():
			return fmt.Errorf("%s was not ready in time: %v; %s (log: %s)", p.Name, last, lastErrorLine(p.Log), p.Log)
		case <-ticker.C:
		}
	}
}

// stop ends the process: SIGTERM, then SIGKILL after grace, and waits for the exit.
func (p *process) stop(grace time.Duration) {
	p.mu.Lock()
	cmd, exited := p.cmd, p.exited
	p.mu.Unlock()
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

// httpsOK is a readiness check for a loopback HTTPS endpoint whose certificate the lab does not pin
// (health endpoints of controllers with self-signed serving certificates).
func httpsOK(url string) func(context.Context) error {
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	return httpGetOK(client, url)
}

func httpGetOK(client *http.Client, url string) func(context.Context) error {
	if client == nil {
		client = http.DefaultClient
	}
	return func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s answered %s", url, resp.Status)
		}
		return nil
	}
}

// fastHealthChecks says whether Karmada and OCM check members every second, which tests of outages need.
// Each check costs an idle member's apiserver about 5% of a core (Karmada asks /readyz, /livez, /api and
// /apis, OCM /livez), so a lab of more than 8 members checks every 10 s and leaves this machine room to work.
func fastHealthChecks(members int) bool { return members <= 8 }
