package main

import (
	"fmt"
	"net"
)

// freePort asks the kernel for a free loopback port. The port is released before use, so a rare race
// with another process is possible; the apiserver then fails to bind and the lab reports it.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// checkPortFree fails with a readable error when something already listens on the port.
func checkPortFree(port int, purpose string) error {
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return fmt.Errorf("port 127.0.0.1:%d (%s) is already in use; pick another --base-port or omit it", port, purpose)
	}
	return l.Close()
}
