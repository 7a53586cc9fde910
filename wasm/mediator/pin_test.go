package mediator

import (
	"strings"
	"testing"
	"time"
)

func TestPIN(t *testing.T) {
	rec, err := Hash("5917")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(rec, "5917") || !strings.HasPrefix(rec, "pbkdf2-sha256$100000$") {
		t.Fatalf("record %q", rec)
	}
	if other, _ := Hash("5917"); other == rec {
		t.Fatal("no random salt: two records of one PIN are equal")
	}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	r, err := Check("5917", rec, Attempts{}, now)
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
	if r, _ = Check("5917", rec, a, now.Add(4*time.Minute)); r.OK || !r.Locked {
		t.Fatalf("right PIN accepted while locked: %+v", r)
	}
	// and after which it works again.
	if r, _ = Check("5917", rec, a, now.Add(6*time.Minute)); !r.OK {
		t.Fatalf("right PIN refused after the lockout: %+v", r)
	}
	for _, weak := range []string{"", "123", "12ab", "1234567890123"} {
		if _, err := Hash(weak); err == nil {
			t.Errorf("weak PIN %q accepted", weak)
		}
	}
	if _, err := Check("5917", "md5$x", Attempts{}, now); err == nil {
		t.Fatal("unknown record accepted")
	}
}

// Forty wrong codes, one after another as the worker serialises them: the
// failure is charged before each check, so exactly five are checked and
// the rest are refused as locked.
func TestChargeLocksAfterFive(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	var a Attempts
	tried := 0
	for i := 0; i < 40; i++ {
		charged, locked := Charge(a, now)
		a = charged // stored before the slow hash
		if locked {
			continue
		}
		tried++
	}
	if tried != MaxFailures {
		t.Fatalf("%d codes were checked, want %d", tried, MaxFailures)
	}
	if !now.Before(a.LockedUntil) {
		t.Fatal("not locked after five failures")
	}
	// After the lockout, a try is charged again from zero.
	later := a.LockedUntil.Add(time.Second)
	if c, locked := Charge(a, later); locked || c.Failures != 1 {
		t.Fatalf("after the lockout: %+v locked=%v", c, locked)
	}
}

// Codes anyone tries first are refused as new codes, each with the same
// reason; ordinary codes are accepted.
func TestTrivialCodesRefused(t *testing.T) {
	for _, pin := range []string{"0000", "1111", "1234", "1212", "2580", "4321", "0123", "7890", "8901", "2468", "1357",
		"9630", "0852", "7410", "8520", "1470", "123123", "98765432", "13579"} {
		if _, err := Hash(pin); err != ErrTrivial {
			t.Errorf("Hash(%q): %v, want ErrTrivial", pin, err)
		}
	}
	for _, pin := range []string{"5917", "2469", "147258", "3571", "8402", "20261203", "0418"} {
		if _, err := Hash(pin); err != nil {
			t.Errorf("Hash(%q): %v", pin, err)
		}
	}
	if _, err := Hash("12a4"); err != ErrWeak {
		t.Errorf("letters: %v", err)
	}
}
