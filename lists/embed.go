// Package lists holds Vigie's list data. The default list (default.txt) is
// embedded in the engine so that Vigie protects from its first second,
// offline.
package lists

import _ "embed"

// Default is the source of the default national list.
//
//go:embed default.txt
var Default []byte
