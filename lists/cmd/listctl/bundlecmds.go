package main

import (
	"fmt"
	"io"
	"os"
	"time"
	"vigie/lists"

	"vigie/lists/bundle"
	"vigie/lists/etalab"
	"vigie/lists/index"
	"vigie/lists/publish"
	"vigie/lists/source"
	"vigie/wasm/engine"
)

func cmdBuild(args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("build", "-key KEY -name NAME -version N [-expires DURATION] [-import-etalab FILE] [-no-default] [-revoke KEYID]… -o OUT [SOURCES…]",
		"Compiles list sources (lists/*.txt format) into a signed bundle. The embedded\nnational list is included unless -no-default. -revoke retires a key: terminals\nthat accept this bundle refuse every later bundle signed by it (docs/keys.md).", stderr)
	keyPath := fs.String("key", "", "publisher secret key file (required)")
	name := fs.String("name", engine.DefaultListName, "list name")
	version := fs.Uint64("version", 0, "version number, higher than the one published (required)")
	expires := fs.Duration("expires", 30*24*time.Hour, "validity from now; terminals refuse the bundle after it")
	imp := fs.String("import-etalab", "", "also import this Etalab/DINUM urls.txt as local entries")
	noDefault := fs.Bool("no-default", false, "leave out the embedded national list")
	out := fs.String("o", "", "output bundle file (required)")
	var revoke multiFlag
	fs.Var(&revoke, "revoke", "key id (16 hex digits) or public key file of a key to revoke (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var revoked []bundle.KeyID
	for _, r := range revoke {
		if b, err := os.ReadFile(r); err == nil {
			r = string(b)
		}
		id, err := bundle.ParseKeyID(r)
		if err != nil {
			return fmt.Errorf("-revoke: %v", err)
		}
		revoked = append(revoked, id)
	}
	if *keyPath == "" || *out == "" || *version == 0 {
		fs.Usage()
		return fmt.Errorf("-key, -version and -o are required")
	}
	if *expires <= 0 {
		return fmt.Errorf("-expires must be positive")
	}
	key, err := readPrivateKey(*keyPath)
	if err != nil {
		return err
	}
	var es []source.Entry
	if !*noDefault {
		if es, err = lists.DefaultEntries(); err != nil {
			return err
		}
	}
	for _, src := range fs.Args() {
		f, err := os.Open(src)
		if err != nil {
			return err
		}
		more, err := source.Parse(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", src, err)
		}
		es = append(es, more...)
	}
	if *imp != "" {
		more, err := etalab.ReadFile(*imp)
		if err != nil {
			return err
		}
		es = append(es, more...)
	}
	if len(es) == 0 {
		return fmt.Errorf("no entries")
	}
	ix, err := index.Build(es)
	if err != nil {
		return err
	}
	now := time.Now()
	b, err := publish.BuildRevoking(key, *name, *version, now, now.Add(*expires), ix, revoked)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: list %q version %d, %d entries, %d bytes, expires %s\n",
		*out, *name, *version, ix.Len(), len(b), now.Add(*expires).UTC().Format(time.DateOnly))
	return nil
}

func cmdVerify(args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("verify", "-pub PUB [-name NAME] [-current N] FILE",
		"Checks a bundle as a terminal would: exit 0 if it would be accepted, or 1 and the reason.", stderr)
	var pubs multiFlag
	fs.Var(&pubs, "pub", "trusted publisher public key file (repeatable, required)")
	name := fs.String("name", "", "expected list name")
	current := fs.Uint64("current", 0, "version in force: the bundle must be newer")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("one bundle file expected")
	}
	kr, err := readKeyring(pubs)
	if err != nil {
		return err
	}
	b, err := readBundleFile(fs.Arg(0))
	if err != nil {
		return err
	}
	h, ix, err := publish.Verify(b, bundle.Policy{Keys: kr, Name: *name, Current: *current})
	if err != nil {
		return fmt.Errorf("refused: %w", err)
	}
	fmt.Fprintf(stdout, "ok: list %q version %d, %d entries, signed by %s, expires %s\n",
		h.Name, h.Version, ix.Len(), h.KeyID, h.Expires.Format(time.DateOnly))
	return nil
}

func cmdInspect(args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("inspect", "FILE", "Prints a bundle's header, without verifying it (see verify).", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("one bundle file expected")
	}
	b, err := readBundleFile(fs.Arg(0))
	if err != nil {
		return err
	}
	bu, err := bundle.Parse(b)
	if err != nil {
		return err
	}
	h := bu.Header
	exp := "never"
	if !h.Expires.IsZero() {
		exp = h.Expires.Format(time.RFC3339)
	}
	fmt.Fprintf(stdout, "format\t%d\nname\t%s\nversion\t%d\ncreated\t%s\nexpires\t%s\nkey id\t%s\nentries\t%d\nindex\t%d bytes\nindex sha256\t%x\npayload\t%d bytes\nsha256\t%x\nsize\t%d bytes\n",
		h.Format, h.Name, h.Version, h.Created.Format(time.RFC3339), exp, h.KeyID, h.Entries, h.IndexLen, h.IndexSum, h.PayloadLen, h.PayloadSum, len(b))
	for _, id := range h.Revoked {
		fmt.Fprintf(stdout, "revokes\t%s\n", id)
	}
	return nil
}

// readBundleFile reads a bundle file, refusing one over bundle.MaxSize
// before reading it (a 2 GB file must not cost 2 GB of memory); a pipe or
// device is read up to the limit and no further.
func readBundleFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > bundle.MaxSize {
		return nil, fmt.Errorf("refused: %w: %s is %d bytes, limit %d", bundle.ErrTooLarge, path, st.Size(), bundle.MaxSize)
	}
	b, err := io.ReadAll(io.LimitReader(f, bundle.MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > bundle.MaxSize {
		return nil, fmt.Errorf("refused: %w: %s is over %d bytes", bundle.ErrTooLarge, path, bundle.MaxSize)
	}
	return b, nil
}
