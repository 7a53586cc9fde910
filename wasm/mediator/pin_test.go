package mediator

import (
	"strings"
	"testing"
	"time"
)

func TestPIN(t *testing.T) {
	rec, err := Hash("2468")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(rec, "2468") || !strings.HasPrefix(rec, "pbkdf2-sha256$100000$") {
		t.Fatalf("record %q", rec)
	}
	if other, _ := Hash("2468"); other == rec {
		t.Fatal("no random salt: two records of one PIN are equal")
	}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	r, err := Check("2468", rec, Attempts{}, now)
	if err != nil || !r.OK {
		t.Fatalf("right PIN refused: %+v %v", r, err)
	}
	// Five wrong PINs lock the console for five minutes...
	var a Attempts
	for i := 1; i <= MaxFailures; i++ {
		r, _ = Check("0000", rec, a, now)
		a = r.Attempts
		if r.OK || (i < MaxFailures && (r.Locked || r.Remaining != MaxFailures-i)) {
			t.Fatalf("attempt %d: %+v", i, r)
		}
	}
	if !r.Locked || !r.LockedUntil.Equal(now.Add(Lockout)) {
		t.Fatalf("not locked after %d failures: %+v", MaxFailures, r)
	}
	// ... during which even the right PIN is refused,
	if r, _ = Check("2468", rec, a, now.Add(4*time.Minute)); r.OK || !r.Locked {
		t.Fatalf("right PIN accepted while locked: %+v", r)
	}
	// and after which it works again.
	if r, _ = Check("2468", rec, a, now.Add(6*time.Minute)); !r.OK {
		t.Fatalf("right PIN refused after the lockout: %+v", r)
	}
	for _, weak := range []string{"", "123", "12ab", "1234567890123"} {
		if _, err := Hash(weak); err == nil {
			t.Errorf("weak PIN %q accepted", weak)
		}
	}
	if _, err := Check("2468", "md5$x", Attempts{}, now); err == nil {
		t.Fatal("unknown record accepted")
	}
}
