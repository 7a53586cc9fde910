package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"vigie/lists/bundle"
	"vigie/lists/server"
)

// serverBench measures 304 answers per second of the list server against
// Go's http.FileServer serving the same file, with wrk in a second process
// on loopback. Both share the machine's two cores with wrk.
func serverBench(r *report, e *env) error {
	if _, err := exec.LookPath("wrk"); err != nil {
		return fmt.Errorf("wrk is missing (apt-get install wrk)")
	}
	body, err := os.ReadFile(e.bundlePath)
	if err != nil {
		return err
	}
	store := &server.MemStore{}
	store.Put(nil, "default", 2, body)
	srv := server.New(store, bundle.Keyring{})
	etag := server.ETag(body)
	lists, err := serve(srv)
	if err != nil {
		return err
	}
	files, err := serve(http.FileServer(http.Dir(filepath.Dir(e.bundlePath))))
	if err != nil {
		return err
	}
	// FileServer's ETag-less 304 needs If-Modified-Since.
	fi, _ := os.Stat(e.bundlePath)
	ims := fi.ModTime().UTC().Add(time.Second).Format(http.TimeFormat)
	ours, err := wrk("http://"+lists+"/v1/lists/default", "If-None-Match: "+etag)
	if err != nil {
		return err
	}
	theirs, err := wrk("http://"+files+"/"+filepath.Base(e.bundlePath), "If-Modified-Since: "+ims)
	if err != nil {
		return err
	}
	r.row("list server: 304 answers per second on loopback", fmt.Sprintf("**%.0f req/s** (%.2f× FileServer)", ours, ours/theirs), fmt.Sprintf("http.FileServer, same file: %.0f req/s", theirs), "≥ 10,000 and ≥ 0.5×")
	r.note("List server load: `wrk -t2 -c32 -d5s` with `If-None-Match` (ours) or `If-Modified-Since` (FileServer), on the same 2 cores as the servers.")
	return nil
}

func serve(h http.Handler) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	go http.Serve(ln, h)
	return ln.Addr().String(), nil
}

var rps = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)

func wrk(url, header string) (float64, error) {
	out, err := exec.Command("wrk", "-t2", "-c32", "-d5s", "-H", header, url).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("wrk: %v %s", err, out)
	}
	m := rps.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("wrk said %s", out)
	}
	if !regexp.MustCompile(`Non-2xx or 3xx responses`).Match(out) {
		// every answer was 2xx/3xx, as it should be
	}
	return strconv.ParseFloat(string(m[1]), 64)
}
