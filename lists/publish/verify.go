package publish

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"

	"vigie/lists/bundle"
	"vigie/lists/index"
)

// Verify is bundle.Check, the payload inflated here, then
// bundle.VerifyInflated: the whole verification, for the publisher's side
// (the list server, listctl). It is here, not in lists/bundle, because the
// engine links lists/bundle and must not link compress/flate: the browser
// inflates for it.
func Verify(b []byte, p bundle.Policy) (bundle.Header, *index.Index, error) {
	bu, err := bundle.Check(b, p)
	if err != nil {
		if bu == nil {
			return bundle.Header{}, nil, err
		}
		return bu.Header, nil, err
	}
	packed, err := Inflate(bu.Payload, int(bu.Header.IndexLen))
	if err != nil {
		return bu.Header, nil, err
	}
	return bundle.VerifyInflated(b, packed, p)
}

// Inflate decompresses exactly n bytes, and refuses more (a deflate bomb
// stops there).
func Inflate(z []byte, n int) ([]byte, error) {
	r := flate.NewReader(bytes.NewReader(z))
	defer r.Close()
	out := make([]byte, n)
	if _, err := io.ReadFull(r, out); err != nil {
		return nil, fmt.Errorf("%w: %v", bundle.ErrPayload, err)
	}
	if k, _ := r.Read(make([]byte, 1)); k != 0 {
		return nil, fmt.Errorf("%w: longer than the signed index length", bundle.ErrPayload)
	}
	return out, nil
}
