package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// controlServer lets tests stop and start one cluster while the lab runs:
// POST /clusters/{name}/stop returns once that apiserver has exited, POST /clusters/{name}/start once it is
// ready again on the same port with the same certificates.
type controlServer struct {
	clusters map[string]*cluster
	onChange func()
	mu       sync.Mutex // one stop/start at a time
	server   *http.Server
	URL      string
}

func startControlServer(clusters []*cluster, onChange func()) (*controlServer, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &controlServer{clusters: map[string]*cluster{}, onChange: onChange, URL: "http://" + l.Addr().String()}
	for _, c := range clusters {
		s.clusters[c.Name] = c
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /clusters/{name}/stop", s.handle(func(ctx context.Context, c *cluster) error {
		c.apiserver.stop(5 * time.Second)
		return nil
	}))
	mux.HandleFunc("POST /clusters/{name}/start", s.handle(func(ctx context.Context, c *cluster) error {
		if c.pid() != 0 {
			return nil
		}
		if err := c.apiserver.start(); err != nil {
			return err
		}
		ctx, cancel := context.WithTimeout(ctx, 120*time.Second)
		defer cancel()
		return c.apiserver.waitReady(ctx)
	}))
	s.server = &http.Server{Handler: mux}
	go func() { _ = s.server.Serve(l) }()
	return s, nil
}

func (s *controlServer) handle(action func(context.Context, *cluster) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, ok := s.clusters[r.PathValue("name")]
		if !ok {
			http.Error(w, fmt.Sprintf("no cluster named %q", r.PathValue("name")), http.StatusNotFound)
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if err := action(r.Context(), c); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		s.onChange()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, "{\"name\":%q,\"pid\":%d}\n", c.Name, c.pid())
	}
}

func (s *controlServer) close() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = s.server.Shutdown(ctx)
}
