package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// podLogs keeps one CRI-format log file per member that KWOK serves as every container's log, and appends
// a line to each every second so that following logs shows lines arriving.
type podLogs struct {
	mu    sync.Mutex
	files map[string]*memberLogs
	stop  chan struct{}
}

type memberLogs struct{ current, previous string }

func newPodLogs() *podLogs {
	return &podLogs{files: map[string]*memberLogs{}, stop: make(chan struct{})}
}

func criLine(at time.Time, stream, text string) string {
	return fmt.Sprintf("%s %s F %s\n", at.UTC().Format(time.RFC3339Nano), stream, text)
}

func (l *podLogs) forMember(member, dir string) (*memberLogs, error) {
	logs := &memberLogs{current: filepath.Join(dir, "pods.log"), previous: filepath.Join(dir, "pods-previous.log")}
	now := time.Now()
	current := criLine(now, "stdout", "started on "+member) + criLine(now, "stdout", "listening on :8080")
	previous := criLine(now.Add(-time.Minute), "stdout", "started on "+member) + criLine(now.Add(-time.Second), "stderr", "fatal: lost connection to the database; exiting")
	if err := os.WriteFile(logs.current, []byte(current), 0o600); err != nil {
		return nil, err
	}
	if err := os.WriteFile(logs.previous, []byte(previous), 0o600); err != nil {
		return nil, err
	}
	l.mu.Lock()
	l.files[member] = logs
	l.mu.Unlock()
	return logs, nil
}

// run appends "GET /healthz 200 (<member>)" to each member's file every second until close.
func (l *podLogs) run() {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		select {
		case <-l.stop:
			return
		case at := <-ticker.C:
			l.mu.Lock()
			for member, logs := range l.files {
				if f, err := os.OpenFile(logs.current, os.O_APPEND|os.O_WRONLY, 0o600); err == nil {
					_, _ = io.WriteString(f, criLine(at, "stdout", "GET /healthz 200 ("+member+")"))
					f.Close()
				}
			}
			l.mu.Unlock()
		}
	}
}

func (l *podLogs) close() { close(l.stop) }

// echoServer is where KWOK forwards every pod port: it answers with the path it was asked for.
type echoServer struct {
	port   int
	server *http.Server
}

func startEchoServer() (*echoServer, error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &echoServer{port: listener.Addr().(*net.TCPAddr).Port}
	s.server = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "flotilla-lab echo: %s %s\n", r.Method, r.URL.Path)
	})}
	go func() { _ = s.server.Serve(listener) }()
	return s, nil
}

func (s *echoServer) close() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = s.server.Shutdown(ctx)
}
