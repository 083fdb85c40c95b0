package main

import (
	"fmt"
	"os"
	"time"

	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

// runAPIServer runs one upstream kube-apiserver in this process. The apiserver keeps global state, so the
// orchestrator starts one process per cluster.
func runAPIServer(flags []string) int {
	exitWhenOrphaned()
	cmd := app.NewAPIServerCommand()
	cmd.SetArgs(flags)
	if err := cmd.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// exitWhenOrphaned is a second guard next to Pdeathsig (which follows the parent *thread*): once the
// orchestrator is gone this process is re-parented, and it exits.
func exitWhenOrphaned() {
	parent := os.Getppid()
	go func() {
		for range time.Tick(500 * time.Millisecond) {
			if os.Getppid() != parent {
				os.Exit(3)
			}
		}
	}()
}
