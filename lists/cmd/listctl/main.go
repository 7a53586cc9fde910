// Command listctl builds, signs, checks and serves Vigie's official lists.
//
//	listctl keygen -out DIR
//	listctl build -key KEY -name NAME -version N [-expires D] [-import-etalab FILE] -o OUT [SOURCES…]
//	listctl verify -pub PUB FILE
//	listctl inspect FILE
//	listctl import -etalab FILE
//	listctl check [-import-etalab FILE] < hosts.txt
//	listctl serve -addr HOST:PORT -dir DIR -pub PUB
//	listctl publish -url URL FILE
//	listctl pin-hash < pin.txt
//	listctl rescue-code
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

type command struct {
	run   func(args []string, stdin io.Reader, stdout, stderr io.Writer) error
	usage string
}

var commands = map[string]command{
	"keygen":      {cmdKeygen, "make a publisher key pair"},
	"build":       {cmdBuild, "compile list sources into a signed bundle"},
	"verify":      {cmdVerify, "check a bundle as a terminal would"},
	"inspect":     {cmdInspect, "print a bundle's header"},
	"import":      {cmdImport, "turn an Etalab urls.txt into list source lines"},
	"compile":     {cmdCompile, "compile list sources into an unsigned index (the embedded default)"},
	"check":       {cmdCheck, "classify URLs or hosts from stdin, one TSV line each"},
	"serve":       {cmdServe, "run the list server on a directory"},
	"publish":     {cmdPublish, "upload a bundle to a list server"},
	"pin-hash":    {cmdPinHash, "hash a mediator PIN for the mediatorPinHash policy"},
	"rescue-code": {cmdRescueCode, "draw a rescue code and its record for the mediatorRescueHash policy"},
}

var order = []string{"keygen", "build", "verify", "inspect", "import", "compile", "check", "serve", "publish", "pin-hash", "rescue-code"}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "help" || args[0] == "--help" {
		fmt.Fprintln(stderr, "usage: listctl COMMAND [flags]\n\ncommands:")
		for _, name := range order {
			fmt.Fprintf(stderr, "  %-8s %s\n", name, commands[name].usage)
		}
		fmt.Fprintln(stderr, "\nlistctl COMMAND -h tells more.")
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "listctl: unknown command %q (listctl -h lists them)\n", args[0])
		return 2
	}
	if err := c.run(args[1:], stdin, stdout, stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "listctl %s: %v\n", args[0], err)
		return 1
	}
	return 0
}
