package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"vigie/wasm/mediator"
)

// cmdPinHash turns a mediator PIN into the record an IT service puts in
// the mediatorPinHash policy: the PIN itself is never deployed.
func cmdPinHash(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("pin-hash", "< pin.txt", "Reads a mediator PIN (4 to 12 digits) on standard input and prints its\nPBKDF2 record for the mediatorPinHash policy.", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return err
	}
	rec, err := mediator.Hash(strings.TrimSpace(line))
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, rec)
	return nil
}
