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
	"strings"
	"sync"
	"syscall"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
)

type labOptions struct {
	members int
	spare   int
	nodes   int
	// podsPerMember fills each member with that many running pods (see load.go).
	podsPerMember int
	// deploymentsPerMember divides those pods (default one Deployment per 5 pods); Deployments beyond the
	// pods have 0 replicas.
	deploymentsPerMember int
	federations          map[string]bool
	out                  string
	upstream             string
	basePort             int
	noCRDs               bool
	// Binaries and the data that goes with them, found or built by scripts/lab-build.mjs.
	kwok, kwokStages       string
	karmadaSrc, karmadaBin string
	ocmSrc, ocmBin         string
	mcsCRDs                string
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
	var federations string
	fs.IntVar(&o.members, "members", 3, "number of member clusters")
	fs.IntVar(&o.spare, "spare", 1, "extra clusters that no federation has joined")
	fs.IntVar(&o.nodes, "nodes", 3, "KWOK nodes per member")
	fs.IntVar(&o.podsPerMember, "pods-per-member", 0, "fill each member with this many running pods (Deployments of 5 in namespace load)")
	fs.IntVar(&o.deploymentsPerMember, "deployments-per-member", 0, "divide --pods-per-member among this many Deployments (default: one per 5 pods; beyond the pods, Deployments of 0 replicas)")
	fs.StringVar(&federations, "federation", "karmada,ocm,kubefed", "federations to run (karmada, ocm, kubefed)")
	fs.StringVar(&o.out, "out", "", "directory for kubeconfig and lab.json (kept after exit); default: a temporary one")
	fs.StringVar(&o.upstream, "upstream", defaultUpstream(), "upstream folder with crds/ and openapi/")
	fs.IntVar(&o.basePort, "base-port", 0, "host port; member N gets base+N (default: free ports)")
	fs.BoolVar(&o.noCRDs, "no-crds", false, "no federation: skip every federation CRD, control plane and federation object")
	fs.StringVar(&o.kwok, "kwok", "", "KWOK binary (required)")
	fs.StringVar(&o.kwokStages, "kwok-stages", "", "KWOK's kustomize/stage folder (required)")
	fs.StringVar(&o.karmadaSrc, "karmada-src", "", "unpacked Karmada release (CRDs, webhook configuration)")
	fs.StringVar(&o.karmadaBin, "karmada-bin", "", "folder with Karmada's aggregated-apiserver, webhook, controller-manager and scheduler")
	fs.StringVar(&o.ocmSrc, "ocm-src", "", "unpacked OCM release (CRDs)")
	fs.StringVar(&o.ocmBin, "ocm-bin", "", "folder with OCM's registration, placement and work binaries")
	fs.StringVar(&o.mcsCRDs, "mcs-crds", "", "folder with the MCS API CRDs (default: <upstream>/crds/mcs-api)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.members < 1 || o.members > 20 {
		return o, fmt.Errorf("--members must be between 1 and 20, got %d", o.members)
	}
	if o.spare < 0 || o.spare > 5 || o.nodes < 1 || o.nodes > 100 {
		return o, fmt.Errorf("--spare must be 0 to 5 and --nodes 1 to 100")
	}
	if o.podsPerMember < 0 || o.podsPerMember > 20000 {
		return o, fmt.Errorf("--pods-per-member must be 0 to 20000, got %d", o.podsPerMember)
	}
	if o.deploymentsPerMember == 0 {
		o.deploymentsPerMember = (o.podsPerMember + defaultLoadReplicas - 1) / defaultLoadReplicas
	}
	if o.deploymentsPerMember < 0 || o.deploymentsPerMember > 20000 {
		return o, fmt.Errorf("--deployments-per-member must be 0 to 20000, got %d", o.deploymentsPerMember)
	}
	if o.kwok == "" || o.kwokStages == "" {
		return o, fmt.Errorf("--kwok and --kwok-stages are required (scripts/lab.mjs passes them)")
	}
	o.federations = map[string]bool{}
	for _, f := range strings.Split(federations, ",") {
		switch f = strings.TrimSpace(f); f {
		case "karmada", "ocm", "kubefed":
			o.federations[f] = !o.noCRDs
		case "":
		default:
			return o, fmt.Errorf("--federation: unknown federation %q (expected karmada, ocm, kubefed)", f)
		}
	}
	if o.mcsCRDs == "" {
		o.mcsCRDs = filepath.Join(o.upstream, "crds", "mcs-api")
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
	logDir   string
	etcd     *embed.Etcd
	etcdURL  string
	clusters []*cluster
	control  *controlServer
	podLogs  *podLogs
	echo     *echoServer
	karmada  *karmadaPlane
	ocm      *ocmHub
	modes    map[string]string
	// profiles are the members' and spares' identities from seed/members.yaml, in cluster order.
	profiles []memberProfile
}

func (l *runningLab) host() *cluster { return l.clusters[0] }

// members are the clusters the federations join; spares follow them and join nothing.
func (l *runningLab) members() []*cluster { return l.clusters[1 : 1+l.opts.members] }

func (l *runningLab) start(ctx context.Context) error {
	started := time.Now()
	removeStaleWorkDirs()
	ports, err := l.pickPorts()
	if err != nil {
		return err
	}
	if err := l.makeDirs(); err != nil {
		return err
	}
	if l.etcd, l.etcdURL, err = startEtcd(l.workDir); err != nil {
		return err
	}
	for i, port := range ports {
		c, err := newCluster(clusterName(i, l.opts.members), i, port, l.workDir, l.logDir, l.etcdURL)
		if err != nil {
			return err
		}
		l.clusters = append(l.clusters, c)
	}
	l.lightenForLoad()
	if l.profiles, err = memberProfiles(l.clusters[1:]); err != nil {
		return err
	}
	if l.echo, err = startEchoServer(); err != nil {
		return err
	}
	l.podLogs = newPodLogs()
	go l.podLogs.run()

	readyCtx, cancel := context.WithTimeout(ctx, 240*time.Second)
	defer cancel()
	if err := l.startClusters(readyCtx); err != nil {
		return err
	}
	if err := l.startFederations(readyCtx); err != nil {
		return err
	}
	if err := l.seed(readyCtx); err != nil {
		return err
	}
	if err := l.loadMembers(ctx); err != nil {
		return err
	}
	return l.announce(started)
}

func clusterName(i, members int) string {
	switch {
	case i == 0:
		return "host"
	case i <= members:
		return fmt.Sprintf("member%d", i)
	default:
		return fmt.Sprintf("spare%d", i-members)
	}
}

func (l *runningLab) makeDirs() error {
	var err error
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
	l.logDir = filepath.Join(l.outDir, "logs")
	return os.MkdirAll(l.logDir, 0o755)
}

// announce writes the kubeconfig and lab.json and prints the one ready line.
func (l *runningLab) announce(started time.Time) error {
	kubeconfig := filepath.Join(l.outDir, "kubeconfig")
	if err := writeKubeconfig(kubeconfig, l.clusters); err != nil {
		return err
	}
	labJSON := filepath.Join(l.outDir, "lab.json")
	var err error
	if l.control, err = startControlServer(l.clusters, func() { _ = writeLabInfo(labJSON, l) }); err != nil {
		return err
	}
	if err := writeLabInfo(labJSON, l); err != nil {
		return err
	}
	fmt.Printf("flotilla-lab ready: %s (host + %d members) in %.1fs; %s\n", kubeconfig, l.opts.members, time.Since(started).Seconds(), l.describeFederations())
	return nil
}

func (l *runningLab) pickPorts() ([]int, error) {
	ports := make([]int, 1+l.opts.members+l.opts.spare)
	for i := range ports {
		if l.opts.basePort > 0 {
			ports[i] = l.opts.basePort + i
			if err := checkPortFree(ports[i], clusterName(i, l.opts.members)); err != nil {
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
func (l *runningLab) eachCluster(fn func(*cluster) error) error { return eachOf(l.clusters, fn) }

func eachOf(clusters []*cluster, fn func(*cluster) error) error {
	errs := make([]error, len(clusters))
	var wg sync.WaitGroup
	for i, c := range clusters {
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
	// Federation components first, so that none of them logs a storm about apiservers going away.
	_ = l.eachCluster(func(c *cluster) error {
		for i := len(c.components) - 1; i >= 0; i-- {
			c.components[i].stop(5 * time.Second)
		}
		return nil
	})
	_ = l.eachCluster(func(c *cluster) error {
		c.apiserver.stop(5 * time.Second)
		return nil
	})
	if l.podLogs != nil {
		l.podLogs.close()
	}
	if l.echo != nil {
		l.echo.close()
	}
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
