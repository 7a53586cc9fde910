// Package lists holds Vigie's list data. The default list (default.txt) is
// embedded in the engine so that Vigie protects from its first second,
// offline.
package lists

import (
	"bytes"
	_ "embed"
	"fmt"

	"vigie/lists/source"
)

// Default is the source of the default national list.
//
//go:embed default.txt
var Default []byte

// DefaultIndex is Default compiled (lists/index format): the engine loads it
// at start without building anything. Regenerate with go generate ./lists
// (go run ./build does it); a test fails when it is stale.
//
//go:generate go run ./cmd/listctl compile -o default.idx default.txt
//go:embed default.idx
var DefaultIndex []byte

// DefaultEntries parses the default list.
func DefaultEntries() ([]source.Entry, error) {
	es, err := source.Parse(bytes.NewReader(Default))
	if err != nil {
		return nil, fmt.Errorf("default list: %w", err)
	}
	return es, nil
}
