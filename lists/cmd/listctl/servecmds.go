package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"vigie/lists/server"
)

func cmdServe(args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "-addr HOST:PORT -dir DIR -pub PUB",
		"Runs the list server on a directory of bundles. PUT accepts only bundles\nsigned by a -pub key, for their own name, newer than the latest.\nWith VIGIE_PUBLISH_TOKEN set, PUT also needs that token (Bearer).", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	dir := fs.String("dir", "", "storage directory (required)")
	var pubs multiFlag
	fs.Var(&pubs, "pub", "publisher public key file accepted for uploads (repeatable, required)")
	maxUploads := fs.Int("max-uploads", server.DefaultMaxUploads, "uploads read at once (more are refused with 503)")
	perClient := fs.Int("per-client", server.DefaultPerClient, "uploads one client may start per minute (more are refused with 429)")
	bodyTimeout := fs.Duration("body-timeout", server.DefaultBodyTimeout, "time allowed to send one bundle")
	proxies := fs.String("trusted-proxy", "", "reverse proxies in front (CIDR or addresses, comma-separated): from them, the client is read from X-Forwarded-For")
	tokenFailures := fs.Int("token-failures", server.DefaultTokenFailures, "wrong publisher tokens one client may send in ten minutes (then 429)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		fs.Usage()
		return fmt.Errorf("-dir is required")
	}
	kr, err := readKeyring(pubs)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	h := server.New(&server.DirStore{Dir: *dir}, kr)
	h.Token = os.Getenv("VIGIE_PUBLISH_TOKEN") // not a flag: flags show in ps
	h.MaxUploads, h.PerClient, h.BodyTimeout, h.TokenFailures = *maxUploads, *perClient, *bodyTimeout, *tokenFailures
	if h.TrustedProxies, err = server.ParseProxies(*proxies); err != nil {
		return err
	}
	srv := server.HTTPServer(h)
	fmt.Fprintf(stdout, "listctl serve: http://%s/v1/lists/{name} from %s\n", ln.Addr(), *dir)
	if h.Token == "" {
		fmt.Fprintln(stdout, "listctl serve: uploads need no token (set VIGIE_PUBLISH_TOKEN to require one); signatures still decide")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != http.ErrServerClosed {
		return err
	}
	return nil
}

func cmdPublish(args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("publish", "-url URL FILE",
		"Uploads a bundle to a list server: PUT URL (e.g. https://listes.example.fr/v1/lists/default).\nSends VIGIE_PUBLISH_TOKEN, when set, as the server's publisher token.", stderr)
	url := fs.String("url", "", "list URL on the server (required)")
	timeout := fs.Duration("timeout", time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *url == "" || fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("-url and one bundle file are required")
	}
	b, err := readBundleFile(fs.Arg(0))
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, *url, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/vnd.vigie.bundle")
	if tok := os.Getenv("VIGIE_PUBLISH_TOKEN"); tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(io.LimitReader(resp.Body, 1<<16)).Decode(&out)
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("server answered %s: %v", resp.Status, out["error"])
	}
	fmt.Fprintf(stdout, "published %v version %v (ETag %v)\n", out["name"], out["version"], out["etag"])
	return nil
}
