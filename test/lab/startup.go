package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// startClusters brings every cluster up: apiservers in parallel, then beside each its controller-manager,
// and on members and spares a scheduler, KWOK and its Nodes; then what every cluster holds (the viewer's
// RBAC) and what every member needs (the MCS API CRDs).
func (l *runningLab) startClusters(ctx context.Context) error {
	if err := l.eachCluster(func(c *cluster) error {
		if err := c.apiserver.start(); err != nil {
			return err
		}
		return c.apiserver.waitReady(ctx)
	}); err != nil {
		return err
	}
	profiles := l.profiles
	return l.eachCluster(func(c *cluster) error {
		if c == l.host() {
			if err := l.addControllerManager(c, hostControllers); err != nil {
				return err
			}
			if err := startComponents(ctx, c); err != nil {
				return err
			}
			return seedCluster(ctx, c, nil, []string{"seed/all"}, seedData{Cluster: c.Name})
		}
		profile, err := withLoadCapacity(profileOf(profiles, c.Name), l.opts.podsPerMember)
		if err != nil {
			return err
		}
		if err := l.addControllerManager(c, "*"); err != nil {
			return err
		}
		if err := l.addScheduler(c); err != nil {
			return err
		}
		if err := l.addKWOK(c); err != nil {
			return err
		}
		if err := startComponents(ctx, c); err != nil {
			return err
		}
		if err := createNodes(ctx, c, profile, l.opts.nodes); err != nil {
			return err
		}
		if err := waitNodesReady(ctx, c, l.opts.nodes); err != nil {
			return err
		}
		var crds []string
		if !l.opts.noCRDs {
			crds = append(crds, l.opts.mcsCRDs)
		}
		return seedClusterFrom(ctx, c, crds, []string{"seed/all"}, seedData{Cluster: c.Name, Member: profile})
	})
}

func profileOf(profiles []memberProfile, name string) memberProfile {
	for _, p := range profiles {
		if p.Name == name {
			return p
		}
	}
	return memberProfile{Name: name}
}

// federationMode says how the lab runs a federation: "live" (its real control plane), "inert" (its CRDs
// only) or "off".
func (l *runningLab) federationMode(name string) string {
	if !l.opts.federations[name] {
		return "off"
	}
	switch name {
	case "karmada":
		if l.opts.karmadaBin != "" {
			return "live"
		}
	case "ocm":
		if l.opts.ocmBin != "" {
			return "live"
		}
	}
	if dirExists(filepath.Join(l.opts.upstream, "crds", name)) {
		return "inert"
	}
	return "off"
}

func dirExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

func (l *runningLab) describeFederations() string {
	var parts []string
	for _, name := range []string{"karmada", "ocm", "kubefed"} {
		parts = append(parts, name+" "+l.modes[name])
	}
	return strings.Join(parts, ", ")
}

// startFederations runs each federation the way its mode says: live control planes with their members
// joined (spares only registered with OCM, never accepted), or inert CRDs on the host.
func (l *runningLab) startFederations(ctx context.Context) error {
	l.modes = map[string]string{}
	for _, name := range []string{"karmada", "ocm", "kubefed"} {
		l.modes[name] = l.federationMode(name)
		if l.modes[name] == "inert" {
			if err := seedClusterFrom(ctx, l.host(), []string{filepath.Join(l.opts.upstream, "crds", name)}, nil, seedData{}); err != nil {
				return fmt.Errorf("%s CRDs: %w", name, err)
			}
		}
	}
	profiles := l.profiles
	if l.modes["karmada"] == "live" {
		if err := l.startKarmada(ctx, profiles); err != nil {
			return err
		}
	}
	if l.modes["ocm"] == "live" {
		if err := l.startOCM(ctx, profiles); err != nil {
			return err
		}
	}
	if l.modes["kubefed"] != "off" {
		data := seedData{Cluster: "host", Members: profiles[:l.opts.members]}
		if err := seedCluster(ctx, l.host(), nil, []string{"seed/kubefed"}, data); err != nil {
			return fmt.Errorf("host: KubeFed objects: %w", err)
		}
	}
	return nil
}

func (l *runningLab) startKarmada(ctx context.Context, profiles []memberProfile) error {
	plane, err := newKarmadaPlane(l, l.host())
	if err != nil {
		return err
	}
	l.karmada = plane
	if err := plane.start(ctx, l); err != nil {
		return err
	}
	if err := l.eachMember(func(m *cluster) error { return plane.join(ctx, m, profileOf(profiles, m.Name)) }); err != nil {
		return err
	}
	return plane.waitClustersReady(ctx, l.memberNames())
}

func (l *runningLab) startOCM(ctx context.Context, profiles []memberProfile) error {
	hub := &ocmHub{src: l.opts.ocmSrc, bin: l.opts.ocmBin, host: l.host()}
	l.ocm = hub
	if err := hub.start(ctx, l); err != nil {
		return err
	}
	spokes := l.clusters[1:]
	if err := eachOf(spokes, func(c *cluster) error { return hub.startAgent(ctx, l, c) }); err != nil {
		return err
	}
	if err := l.eachMember(func(m *cluster) error { return hub.accept(ctx, l, m, profileOf(profiles, m.Name)) }); err != nil {
		return err
	}
	return hub.waitAvailable(ctx, l.memberNames())
}

func (l *runningLab) memberNames() []string {
	var names []string
	for _, m := range l.members() {
		names = append(names, m.Name)
	}
	sort.Strings(names)
	return names
}

func (l *runningLab) eachMember(fn func(*cluster) error) error { return eachOf(l.members(), fn) }
