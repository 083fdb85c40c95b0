package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	controllermanager "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	scheduler "k8s.io/kubernetes/cmd/kube-scheduler/app"
)

// runControllerManager and runScheduler run the upstream kube-controller-manager and kube-scheduler of the
// same Kubernetes version as the lab's apiserver, one per process like the apiserver.
func runControllerManager(flags []string) int {
	return runChildCommand(controllermanager.NewControllerManagerCommand(), flags)
}

func runScheduler(flags []string) int {
	return runChildCommand(scheduler.NewSchedulerCommand(), flags)
}

func runChildCommand(cmd *cobra.Command, flags []string) int {
	exitWhenOrphaned()
	cmd.SetArgs(flags)
	if err := cmd.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}
