package main

import (
	"fmt"
	"math/rand"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
)

// Listening ports come from below the kernel's ephemeral range: a port the kernel hands out with
// 127.0.0.1:0 is released before the component binds it, and with twenty members opening hundreds of
// client connections, one of those could take it as its local port first (a scheduler then failed with
// "bind: address already in use"). Below the range only listeners compete, and this process hands out
// each port once.
type portAllocator struct {
	mu        sync.Mutex
	next, low int
	high      int
	handedOut map[int]bool
}

var ports = newPortAllocator()

func newPortAllocator() *portAllocator {
	low, high := 20000, ephemeralLow()
	if high-low < 2000 {
		low = 10000
	}
	// Labs started side by side (tests beside a sandbox) begin at different places.
	return &portAllocator{next: low + rand.Intn(high-low), low: low, high: high, handedOut: map[int]bool{}}
}

// ephemeralLow is the start of the kernel's ephemeral port range (32768 when it cannot be read).
func ephemeralLow() int {
	data, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range")
	if err == nil {
		if fields := strings.Fields(string(data)); len(fields) == 2 {
			if n, err := strconv.Atoi(fields[0]); err == nil && n > 1024 {
				return n
			}
		}
	}
	return 32768
}

// freePort returns a loopback port nothing listens on, never the same one twice in this lab.
func freePort() (int, error) {
	p := ports
	p.mu.Lock()
	defer p.mu.Unlock()
	for tries := 0; tries < p.high-p.low; tries++ {
		port := p.next
		p.next++
		if p.next >= p.high {
			p.next = p.low
		}
		if p.handedOut[port] {
			continue
		}
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err != nil {
			continue
		}
		l.Close()
		p.handedOut[port] = true
		return port, nil
	}
	return 0, fmt.Errorf("no free loopback port between %d and %d", p.low, p.high)
}

// checkPortFree fails with a readable error when something already listens on the port.
func checkPortFree(port int, purpose string) error {
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return fmt.Errorf("port 127.0.0.1:%d (%s) is already in use; pick another --base-port or omit it", port, purpose)
	}
	return l.Close()
}
