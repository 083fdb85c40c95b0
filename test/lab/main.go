// Command flotilla-lab runs a local federation of real kube-apiservers for Flotilla's tests and sandbox.
//
//	flotilla-lab run --members N [--out DIR] [--upstream DIR] [--base-port P] [--no-crds]
//	flotilla-lab apiserver <kube-apiserver flags>   (internal: one kube-apiserver per process)
//	flotilla-lab controller-manager <flags>         (internal: kube-controller-manager)
//	flotilla-lab scheduler <flags>                  (internal: kube-scheduler)
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: flotilla-lab run --members N [--out DIR] [--upstream DIR] [--base-port P] [--no-crds]")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "run":
		os.Exit(runLab(os.Args[2:]))
	case "apiserver":
		os.Exit(runAPIServer(os.Args[2:]))
	case "controller-manager":
		os.Exit(runControllerManager(os.Args[2:]))
	case "scheduler":
		os.Exit(runScheduler(os.Args[2:]))
	default:
		fmt.Fprintf(os.Stderr, "flotilla-lab: unknown command %q (expected run)\n", os.Args[1])
		os.Exit(2)
	}
}
