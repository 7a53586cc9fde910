package server

import (
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vigie/lists/bundle"
)

func TestNativeServer(t *testing.T) {
	p := newPublisher(t)
	kr := bundle.Keyring{p.key.Public().ID(): p.key.Public()}
	for _, st := range []struct {
		name  string
		store Storage
	}{{"dir", &DirStore{Dir: t.TempDir()}}, {"memory", &MemStore{}}} {
		t.Run(st.name, func(t *testing.T) {
			h := New(st.store, kr)
			h.Token = p.token
			h.PerClient = 1000 // the suite's own pace; abuse_test.go tests the limits
			srv := httptest.NewServer(h)
			defer srv.Close()
			runSuite(t, srv.URL, p, "default")
		})
	}
}

// A temporary file left by an interrupted upload does not disturb what is
// served.
func TestDirStoreIgnoresLeftovers(t *testing.T) {
	p := newPublisher(t)
	d := &DirStore{Dir: t.TempDir()}
	b := p.bundle(t, "default", 1)
	if err := d.Put(t.Context(), "default", 1, b); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(d.Dir, "default", ".upload-123"), b[:100], 0o644)
	v, got, err := d.Latest(t.Context(), "default")
	if err != nil || v != 1 || string(got) != string(b) {
		t.Fatalf("%d %v", v, err)
	}
}

// Kill -9 the real server in the middle of an upload: once restarted, it
// serves the previous bundle whole.
func TestKillDuringUpload(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "listctl")
	if out, err := exec.Command("go", "build", "-o", bin, "vigie/lists/cmd/listctl").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	p := newPublisher(t)
	pub := filepath.Join(dir, "publisher.pub")
	os.WriteFile(pub, []byte(p.key.Public().String()), 0o644)
	data := filepath.Join(dir, "data")
	start := func() (*exec.Cmd, string) {
		cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-dir", data, "-pub", pub)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 256)
		n, _ := out.Read(buf)
		line := string(buf[:n]) // "listctl serve: http://127.0.0.1:PORT/v1/lists/{name} from …"
		i := strings.Index(line, "http://")
		j := strings.Index(line[i:], "/v1/")
		if i < 0 || j < 0 {
			t.Fatalf("serve said %q", line)
		}
		return cmd, line[i : i+j]
	}
	cmd, base := start()
	c := client{t, base, ""}
	v1 := p.bundle(t, "default", 1)
	if code, msg := c.put("default", v1); code != 201 {
		t.Fatalf("%d %s", code, msg)
	}
	// Start an upload of version 2 that never finishes, then kill -9.
	v2 := p.bundle(t, "default", 2)
	pr, pw := newSlowBody(v2[:len(v2)/2])
	go c.do("PUT", "/v1/lists/default", pr, map[string]string{"Content-Length": fmt.Sprint(len(v2))})
	_ = pw
	time.Sleep(300 * time.Millisecond)
	cmd.Process.Kill()
	cmd.Wait()

	cmd, base = start()
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	c = client{t, base, ""}
	resp, body := c.do("GET", "/v1/lists/default", nil, nil)
	if resp.StatusCode != 200 || string(body) != string(v1) {
		t.Fatalf("after kill -9: %d, %d bytes (want version 1 whole)", resp.StatusCode, len(body))
	}
}
