// Package reports writes the advisor's reports of Vigie's mistakes as the
// tab-separated file a list publisher opens in a spreadsheet.
package reports

import "strings"

// Header is the file's first line.
var Header = []string{"date", "host", "report", "vigie_said", "imitates"}

// TSV writes rows under Header, one line each. A cell cannot break the
// file (tabs and line breaks become spaces) nor run as a formula: a cell
// that starts with = + - @, a tab or a carriage return gets a leading
// apostrophe, which spreadsheets read as "text" (OWASP's CSV injection
// advice). A host such as -2+3.example is valid in a URL.
func TSV(rows [][]string) string {
	var b strings.Builder
	for _, row := range append([][]string{Header}, rows...) {
		for i, cell := range row {
			if i > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(Cell(cell))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Cell is one cell, made inert.
func Cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	return strings.NewReplacer("\t", " ", "\r", " ", "\n", " ").Replace(s)
}
