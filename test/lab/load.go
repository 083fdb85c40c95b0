package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sync/errgroup"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/tools/cache"
	watchtools "k8s.io/client-go/tools/watch"
)

// loadNamespace holds the Deployments `--pods-per-member` and `--deployments-per-member` fill each member with.
const loadNamespace = "load"

// loaded says whether the members carry load Deployments, with or without pods.
func (o labOptions) loaded() bool { return o.deploymentsPerMember > 0 }

// defaultLoadReplicas is the size of each load Deployment unless --deployments-per-member says otherwise:
// 2,000 pods per member are 400 Deployments of 5.
const defaultLoadReplicas = 5

// loadDeadline bounds filling every member, each member's progress printed every 30 s meanwhile: ten
// minutes and 100 ms for each pod and for each fifth of a Deployment. On two cores 20 members made about 40
// pods a second running, but their Deployment controllers reported 2,000 one-pod Deployments a member
// available at 2.6 pods a second: each Deployment costs its controllers about what five pods do.
func loadDeadline(pods, deployments, members int) time.Duration {
	return 10*time.Minute + time.Duration((pods+5*deployments)*members)*100*time.Millisecond
}

// lightenForLoad is the lightest configuration found for members carrying thousands of pods (README,
// "What a loaded member costs"): components collect garbage at 25% heap growth instead of 50%, and the
// apiservers keep no store snapshots for lists from the watch cache (ListFromCacheSnapshot, beta since
// 1.34), whose copy-on-write trees held 50 MB of a 10,000-pod member apiserver's heap. Their profiling
// endpoints (the upstream default) stay on, so that a bench can show where a loaded member's time goes.
func (l *runningLab) lightenForLoad() {
	if !l.opts.loaded() {
		return
	}
	componentGOGC = "25"
	for _, c := range l.clusters {
		for i, arg := range c.apiserver.Args {
			if arg == "--profiling=false" {
				c.apiserver.Args[i] = "--profiling=true"
			}
		}
		c.apiserver.Args = append(c.apiserver.Args, "--feature-gates=ListFromCacheSnapshot=false")
	}
}

// favourSharedEtcd raises this process's CPU priority once every component runs (they would inherit it):
// the one etcd it embeds serves every cluster's writes, and among some 120 busy processes on two cores it
// got a sliver, so every member's writes queued behind it (nice -10 gave 27% more pods a minute).
// Components restarted later inherit the priority; loaded labs are for benches, which restart none.
func favourSharedEtcd() {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return
	}
	for _, task := range tasks {
		if tid, err := strconv.Atoi(task.Name()); err == nil {
			_ = syscall.Setpriority(syscall.PRIO_PROCESS, tid, -10) // refused without CAP_SYS_NICE: then as it was
		}
	}
}

// withLoadCapacity raises a member's pod allocatable by the load, so that the scheduler places every
// load pod beside the samples. The profile is copied: members beyond the third share one.
func withLoadCapacity(profile memberProfile, pods int) (memberProfile, error) {
	if pods == 0 {
		return profile, nil
	}
	allocatable := map[string]string{}
	for name, value := range profile.Allocatable {
		allocatable[name] = value
	}
	base, err := resource.ParseQuantity(allocatable["pods"])
	if err != nil {
		return profile, fmt.Errorf("seed/members.yaml: pods: %w", err)
	}
	allocatable["pods"] = strconv.FormatInt(base.Value()+int64(pods), 10)
	profile.Allocatable = allocatable
	return profile, nil
}

// loadMembers creates the load Deployments on every member at once and returns when each member's
// controllers have observed every one and it runs all its load pods (KWOK marks them Running and Ready),
// printing the progress every 30 s.
func (l *runningLab) loadMembers(ctx context.Context) error {
	pods := l.opts.podsPerMember
	if !l.opts.loaded() {
		return nil
	}
	favourSharedEtcd()
	started := time.Now()
	ctx, cancel := context.WithTimeout(ctx, loadDeadline(pods, l.opts.deploymentsPerMember, len(l.members())))
	defer cancel()
	var progress loadProgress
	stopProgress := make(chan struct{})
	go func() {
		ticker := time.NewTicker(30 * time.Second)
		defer ticker.Stop()
		for {
			select {
			case <-stopProgress:
				return
			case <-ticker.C:
				fmt.Fprintf(os.Stderr, "flotilla-lab: load: %d of %d pods available, %d of %d Deployments observed after %.0fs\n",
					progress.available.Load(), pods*l.opts.members, progress.observed.Load(), l.opts.deploymentsPerMember*l.opts.members, time.Since(started).Seconds())
			}
		}
	}()
	defer close(stopProgress)
	err := l.eachMember(func(m *cluster) error { return loadMember(ctx, m, pods, l.opts.deploymentsPerMember, &progress) })
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "flotilla-lab: load: %d pods in %d Deployments on each of %d members available in %.1fs\n", pods, l.opts.deploymentsPerMember, l.opts.members, time.Since(started).Seconds())
	return nil
}

// loadProgress counts every member's available load pods and observed load Deployments.
type loadProgress struct{ available, observed atomic.Int64 }

func loadMember(ctx context.Context, m *cluster, pods, count int, progress *loadProgress) error {
	c := newClusterClient(m)
	if err := c.ensureNamespaces(ctx, loadNamespace); err != nil {
		return fmt.Errorf("%s: load namespace: %w", m.Name, err)
	}
	deployments := c.typed.AppsV1().Deployments(loadNamespace)
	creates, createCtx := errgroup.WithContext(ctx)
	creates.SetLimit(loadCreators)
	for i := 0; i < count; i++ {
		replicas := int32(pods / count)
		if i < pods%count {
			replicas++
		}
		creates.Go(func() error {
			_, err := deployments.Create(createCtx, loadDeployment(fmt.Sprintf("load-%04d", i), replicas), metav1.CreateOptions{FieldManager: "flotilla-lab"})
			if err != nil && !apierrors.IsAlreadyExists(err) {
				return fmt.Errorf("%s: load Deployment %d: %w", m.Name, i, err)
			}
			return nil
		})
	}
	if err := creates.Wait(); err != nil {
		return err
	}
	err := waitForLoad(ctx, c, pods, count, progress)
	if err != nil {
		return fmt.Errorf("%s: %d load pods available in %d Deployments: %w (log: %s)", m.Name, pods, count, err, lastLog(m, "kube-controller-manager"))
	}
	return nil
}

// waitForLoad follows the member's load Deployments through one list and a watch until every one is
// observed by its controller and the pods they run are available. It used to list them every 2 s: at 20
// members of 2,000 Deployments those lists took nearly half of the members' apiservers' CPU.
func waitForLoad(ctx context.Context, c *clusterClient, pods, count int, progress *loadProgress) error {
	type counted struct{ available, observed int64 }
	byName := map[string]counted{}
	var total counted
	lw := cache.NewListWatchFromClient(c.typed.AppsV1().RESTClient(), "deployments", loadNamespace, fields.Everything())
	_, err := watchtools.UntilWithSync(ctx, lw, &appsv1.Deployment{}, nil, func(e watch.Event) (bool, error) {
		d, ok := e.Object.(*appsv1.Deployment)
		if !ok {
			return false, nil
		}
		var now counted
		if e.Type != watch.Deleted {
			now.available = int64(d.Status.AvailableReplicas)
			if d.Status.ObservedGeneration >= d.Generation {
				now.observed = 1
			}
		}
		before := byName[d.Name]
		byName[d.Name] = now
		total.available += now.available - before.available
		total.observed += now.observed - before.observed
		progress.available.Add(now.available - before.available)
		progress.observed.Add(now.observed - before.observed)
		return total.available >= int64(pods) && total.observed >= int64(count), nil
	})
	if err != nil {
		return fmt.Errorf("%w; %d of %d pods available, %d of %d Deployments observed", err, total.available, pods, total.observed, count)
	}
	return nil
}

// loadCreators is how many load Deployments are created at once on each member: one at a time, a create
// waits out a busy machine's latency and 20 members' controllers sit idle meanwhile.
const loadCreators = 8

// loadDeployment is a pod that asks for nothing and tolerates every taint (member3's gpu taint included).
func loadDeployment(name string, replicas int32) *appsv1.Deployment {
	labels := map[string]string{"app": name, "flotilla-lab/load": "true"}
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: loadNamespace, Labels: labels},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": name}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec: corev1.PodSpec{
					Containers:  []corev1.Container{{Name: "app", Image: "registry.k8s.io/pause:3.10"}},
					Tolerations: []corev1.Toleration{{Operator: corev1.TolerationOpExists}},
				},
			},
		},
	}
}
