package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
)

type labOptions struct {
	members  int
	out      string
	upstream string
	basePort int
	noCRDs   bool
}

// badInput is an error the user can fix (a taken port, a missing folder): exit code 2.
type badInput struct{ error }

func runLab(args []string) int {
	opts, err := parseOptions(args)
	if err != nil {
		fmt.Fprintln(os.Stderr, "flotilla-lab:", err)
		return 2
	}
	ctx, stopSignals := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stopSignals()
	ctx = cancelWhenOrphaned(ctx)

	lab := &runningLab{opts: opts}
	defer lab.shutdown()
	if err := lab.start(ctx); err != nil {
		if ctx.Err() != nil {
			return 130
		}
		fmt.Fprintln(os.Stderr, "flotilla-lab:", err)
		var bad badInput
		if errors.As(err, &bad) {
			return 2
		}
		return 1
	}
	<-ctx.Done()
	return 0
}

func parseOptions(args []string) (labOptions, error) {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var o labOptions
	fs.IntVar(&o.members, "members", 3, "number of member clusters")
	fs.StringVar(&o.out, "out", "", "directory for kubeconfig and lab.json (kept after exit); default: a temporary one")
	fs.StringVar(&o.upstream, "upstream", defaultUpstream(), "upstream folder with crds/ and openapi/")
	fs.IntVar(&o.basePort, "base-port", 0, "host port; member N gets base+N (default: free ports)")
	fs.BoolVar(&o.noCRDs, "no-crds", false, "skip the federation CRDs and the host's federation objects")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.members < 1 || o.members > 20 {
		return o, fmt.Errorf("--members must be between 1 and 20, got %d", o.members)
	}
	return o, nil
}

func defaultUpstream() string {
	if dir := os.Getenv("FLOTILLA_UPSTREAM_DIR"); dir != "" {
		return dir
	}
	exe, err := os.Executable()
	if err != nil {
		return "../shared/upstream"
	}
	// <repo>/test/lab/bin/flotilla-lab -> <repo>/../shared/upstream
	return filepath.Join(filepath.Dir(exe), "..", "..", "..", "..", "shared", "upstream")
}

type runningLab struct {
	opts     labOptions
	workDir  string
	outDir   string
	etcd     *embed.Etcd
	clusters []*cluster
	control  *controlServer
}

func (l *runningLab) start(ctx context.Context) error {
	started := time.Now()
	removeStaleWorkDirs()
	crdDir := filepath.Join(l.opts.upstream, "crds")
	if !l.opts.noCRDs {
		if st, err := os.Stat(crdDir); err != nil || !st.IsDir() {
			return badInput{fmt.Errorf("no CRD folder at %s (set FLOTILLA_UPSTREAM_DIR or --upstream, or pass --no-crds)", crdDir)}
		}
	}
	ports, err := l.pickPorts()
	if err != nil {
		return err
	}

	if l.workDir, err = os.MkdirTemp("", "flotilla-lab-"); err != nil {
		return err
	}
	if err := claimWorkDir(l.workDir); err != nil {
		return err
	}
	l.outDir = l.workDir
	if l.opts.out != "" {
		if l.outDir, err = filepath.Abs(l.opts.out); err != nil {
			return err
		}
		if err := os.MkdirAll(l.outDir, 0o755); err != nil {
			return err
		}
	}

	var etcdURL string
	if l.etcd, etcdURL, err = startEtcd(l.workDir); err != nil {
		return err
	}
	for i, port := range ports {
		name := "host"
		if i > 0 {
			name = fmt.Sprintf("member%d", i)
		}
		c, err := newCluster(name, port, l.workDir, etcdURL)
		if err != nil {
			return err
		}
		c.log = filepath.Join(l.outDir, "logs", name+".log")
		l.clusters = append(l.clusters, c)
	}
	readyCtx, cancel := context.WithTimeout(ctx, 180*time.Second)
	defer cancel()
	if err := l.eachCluster(func(c *cluster) error {
		if err := c.start(); err != nil {
			return err
		}
		return c.waitReady(readyCtx)
	}); err != nil {
		return err
	}
	if err := seedLab(readyCtx, l.clusters, l.opts); err != nil {
		return err
	}

	kubeconfig := filepath.Join(l.outDir, "kubeconfig")
	if err := writeKubeconfig(kubeconfig, l.clusters); err != nil {
		return err
	}
	labJSON := filepath.Join(l.outDir, "lab.json")
	if l.control, err = startControlServer(l.clusters, func() { _ = writeLabInfo(labJSON, l.clusters, l.control.URL) }); err != nil {
		return err
	}
	if err := writeLabInfo(labJSON, l.clusters, l.control.URL); err != nil {
		return err
	}
	fmt.Printf("flotilla-lab ready: %s (host + %d members) in %.1fs\n", kubeconfig, l.opts.members, time.Since(started).Seconds())
	return nil
}

func (l *runningLab) pickPorts() ([]int, error) {
	ports := make([]int, l.opts.members+1)
	for i := range ports {
		purpose := "host"
		if i > 0 {
			purpose = fmt.Sprintf("member%d", i)
		}
		if l.opts.basePort > 0 {
			ports[i] = l.opts.basePort + i
			if err := checkPortFree(ports[i], purpose); err != nil {
				return nil, badInput{err}
			}
			continue
		}
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		ports[i] = port
	}
	return ports, nil
}

// eachCluster runs fn for every cluster in parallel and returns the first error.
func (l *runningLab) eachCluster(fn func(*cluster) error) error {
	errs := make([]error, len(l.clusters))
	var wg sync.WaitGroup
	for i, c := range l.clusters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn(c)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (l *runningLab) shutdown() {
	if l.control != nil {
		l.control.close()
	}
	_ = l.eachCluster(func(c *cluster) error {
		c.stop(5 * time.Second)
		return nil
	})
	if l.etcd != nil {
		l.etcd.Close()
	}
	if l.workDir != "" {
		_ = os.RemoveAll(l.workDir)
	}
}

// cancelWhenOrphaned ends the lab when the process that started it dies without signalling us.
func cancelWhenOrphaned(ctx context.Context) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	parent := os.Getppid()
	go func() {
		ticker := time.NewTicker(500 * time.Millisecond)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
				if os.Getppid() != parent {
					cancel()
					return
				}
			}
		}
	}()
	return ctx
}
