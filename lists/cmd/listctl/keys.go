package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"vigie/lists/bundle"
	"vigie/lists/publish"
)

func cmdKeygen(args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("keygen", "-out DIR", "Writes a new publisher key pair: DIR/publisher.key (secret, mode 0600)\nand DIR/publisher.pub (to pin in the extension and the list server).", stderr)
	out := fs.String("out", "", "folder to write the keys in (required)")
	force := fs.Bool("force", false, "overwrite existing keys")
	publisher := fs.String("publisher", "", "the publisher's name, written after the public key (shown in the console)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		fs.Usage()
		return fmt.Errorf("-out is required")
	}
	sec, pub := filepath.Join(*out, "publisher.key"), filepath.Join(*out, "publisher.pub")
	if !*force {
		if _, err := os.Stat(sec); err == nil {
			return fmt.Errorf("%s exists: refusing to overwrite a secret key (-force to do it)", sec)
		}
	}
	k, err := publish.GenerateKey()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o700); err != nil {
		return err
	}
	if err := os.WriteFile(sec, []byte(k.String()+"\n"), 0o600); err != nil {
		return err
	}
	p := k.Public()
	if *publisher != "" {
		named, err := bundle.ParsePublicKey(p.String() + " " + *publisher)
		if err != nil {
			return fmt.Errorf("-publisher: %v", err)
		}
		p = named
	}
	if err := os.WriteFile(pub, []byte(p.String()+"\n"), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "key id %s\nsecret: %s (keep it offline)\npublic: %s\n", k.Public().ID(), sec, pub)
	return nil
}

func readPrivateKey(path string) (publish.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return publish.PrivateKey{}, err
	}
	k, err := publish.ParsePrivateKey(string(b))
	if err != nil {
		return k, fmt.Errorf("%s: %v", path, err)
	}
	return k, nil
}

func readKeyring(paths []string) (bundle.Keyring, error) {
	var texts []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		texts = append(texts, string(b))
	}
	kr, err := bundle.NewKeyring(texts...)
	if err != nil {
		return nil, err
	}
	if len(kr) == 0 {
		return nil, fmt.Errorf("no public key given (-pub FILE)")
	}
	return kr, nil
}

// newFlags makes a flag set whose -h prints a usage line and a description.
func newFlags(name, args, desc string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: listctl %s %s\n\n%s\n\n", name, args, desc)
		fs.PrintDefaults()
	}
	return fs
}

type multiFlag []string

func (m *multiFlag) String() string     { return fmt.Sprint(*m) }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
