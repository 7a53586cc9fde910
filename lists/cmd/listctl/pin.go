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
	fs := newFlags("pin-hash", "< pin.txt", "Reads a mediator PIN (6 to 12 digits) on standard input and prints its\nPBKDF2 record for the mediatorPinHash policy.", stderr)
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

// cmdRescueCode draws the rescue code of a managed terminal: the code, to
// print and keep in the office, and its record for the mediatorRescueHash
// policy. It opens the console when wrong codes have locked the PIN.
func cmdRescueCode(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("rescue-code", "", "Prints a new rescue code (16 digits: keep it on paper, away from the\nterminal) and, on the next line, its record for the mediatorRescueHash policy.", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	code, rec, err := mediator.NewRescue()
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, code)
	fmt.Fprintln(stdout, rec)
	return nil
}
