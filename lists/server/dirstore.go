package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// DirStore keeps bundles in a directory: DIR/NAME/VERSION.vgb and
// DIR/NAME/LATEST (the latest version number). Every write goes to a
// temporary file, is synced, then renamed into place: a server killed in
// the middle of an upload leaves the previous bundle whole and in force.
type DirStore struct {
	Dir string
	mu  sync.Mutex
}

func (d *DirStore) listDir(name string) string { return filepath.Join(d.Dir, name) }

func (d *DirStore) Latest(ctx context.Context, name string) (uint64, []byte, error) {
	b, err := os.ReadFile(filepath.Join(d.listDir(name), "LATEST"))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil, ErrNotFound
	} else if err != nil {
		return 0, nil, err
	}
	v, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return 0, nil, fmt.Errorf("corrupt LATEST for %s: %v", name, err)
	}
	body, err := d.Get(ctx, name, v)
	return v, body, err
}

func (d *DirStore) Get(_ context.Context, name string, version uint64) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(d.listDir(name), strconv.FormatUint(version, 10)+".vgb"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotFound
	}
	return b, err
}

func (d *DirStore) Put(ctx context.Context, name string, version uint64, body []byte) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if cur, _, err := d.Latest(ctx, name); err == nil && version <= cur {
		return fmt.Errorf("%w: %d, latest %d", ErrConflict, version, cur)
	} else if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	dir := d.listDir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := writeAtomic(filepath.Join(dir, strconv.FormatUint(version, 10)+".vgb"), body); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, "LATEST"), []byte(strconv.FormatUint(version, 10)+"\n"))
}

// writeAtomic writes path through a synced temporary file and a rename.
func writeAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".upload-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, nothing is left to remove
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if dir, err := os.Open(filepath.Dir(path)); err == nil {
		dir.Sync() // make the rename itself durable
		dir.Close()
	}
	return nil
}

// MemStore keeps bundles in memory (tests, and the demo).
type MemStore struct {
	mu sync.Mutex
	m  map[string]map[uint64][]byte
	l  map[string]uint64
}

func (m *MemStore) Latest(ctx context.Context, name string) (uint64, []byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.l[name]
	if !ok {
		return 0, nil, ErrNotFound
	}
	return v, m.m[name][v], nil
}

func (m *MemStore) Get(_ context.Context, name string, version uint64) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.m[name][version]
	if !ok {
		return nil, ErrNotFound
	}
	return b, nil
}

func (m *MemStore) Put(_ context.Context, name string, version uint64, body []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m, m.l = map[string]map[uint64][]byte{}, map[string]uint64{}
	}
	if cur, ok := m.l[name]; ok && version <= cur {
		return fmt.Errorf("%w: %d, latest %d", ErrConflict, version, cur)
	}
	if m.m[name] == nil {
		m.m[name] = map[uint64][]byte{}
	}
	m.m[name][version] = body
	m.l[name] = version
	return nil
}
