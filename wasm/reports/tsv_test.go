package reports

import (
	"strings"
	"testing"
)

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"arneli.fr":                      "arneli.fr",
		`=hyperlink("x.example","clic")`: `'=hyperlink("x.example","clic")`,
		"-2+3.example":                   "'-2+3.example",
		"+33.example":                    "'+33.example",
		"@sum(1)":                        "'@sum(1)",
		"\t=1+1":                         "' =1+1",
		"a\tb\nc\rd":                     "a b c d",
		"":                               "",
		"ameli.fr=1":                     "ameli.fr=1",
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
	out := TSV([][]string{{"2026-12-03T10:00:00.000Z", "a\tb", "missed", "lookalike", ""}})
	if lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n"); len(lines) != 2 || strings.Count(lines[1], "\t") != 4 {
		t.Fatalf("%q", out)
	}
}
