package server

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestWorkerUnderWrangler runs the same suite against the Workers build of
// the list server (lists/worker), served locally by `wrangler dev` and its
// workerd runtime from npm (build/node). Nothing leaves the machine:
// CLOUDFLARE_CF_FETCH_ENABLED=false stops wrangler's one outside request.
func TestWorkerUnderWrangler(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	wrangler := filepath.Join(root, "build", "node", "node_modules", ".bin", "wrangler")
	if _, err := os.Stat(wrangler); err != nil {
		msg := "wrangler is not installed (npm ci --prefix build/node): the Workers list server was NOT tested"
		if os.Getenv("VIGIE_REQUIRE_WRANGLER") != "" {
			t.Fatal(msg)
		}
		t.Skip("!!! " + msg)
	}
	p := newPublisher(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, wrangler, "dev", "--ip", "127.0.0.1", "--port", fmt.Sprint(port),
		"--persist-to", t.TempDir(), "--show-interactive-dev-session=false",
		"--var", "PUBLISHER_KEYS:"+p.key.Public().String(), "--var", "PUBLISH_TOKEN:"+p.token)
	cmd.Dir = filepath.Join(root, "lists")
	cmd.Env = append(os.Environ(), "CLOUDFLARE_CF_FETCH_ENABLED=false", "WRANGLER_SEND_METRICS=false",
		"CI=true", "NO_UPDATE_NOTIFIER=1", "WRANGLER_LOG_PATH="+t.TempDir())
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
		}
	}()
	ready := regexp.MustCompile(`Ready on (http://\S+)`)
	var log strings.Builder
	sc := bufio.NewScanner(out)
	base := ""
	for sc.Scan() {
		log.WriteString(sc.Text() + "\n")
		if m := ready.FindStringSubmatch(sc.Text()); m != nil {
			base = strings.TrimRight(m[1], "/")
			break
		}
	}
	if base == "" {
		t.Fatalf("wrangler dev did not start:\n%s", log.String())
	}
	go func() {
		for sc.Scan() { // keep draining so wrangler never blocks on its output
		}
	}()
	runSuite(t, base, p, "default")
}
