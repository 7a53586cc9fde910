package mediator

import (
	"strings"
	"testing"
	"time"
)

func TestPIN(t *testing.T) {
	rec, err := Hash("591746")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(rec, "591746") || !strings.HasPrefix(rec, "pbkdf2-sha256$100000$") {
		t.Fatalf("record %q", rec)
	}
	if other, _ := Hash("591746"); other == rec {
		t.Fatal("no random salt: two records of one PIN are equal")
	}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	r, err := Check("591746", rec, Attempts{}, now)
	if err != nil || !r.OK {
		t.Fatalf("right PIN refused: %+v %v", r, err)
	}
	// Five wrong PINs spend the tries in hand...
	var a Attempts
	for i := 1; i <= MaxFailures; i++ {
		r, _ = Check("000000", rec, a, now)
		a = r.Attempts
		if r.OK || (i < MaxFailures && (r.Locked || r.Remaining != MaxFailures-i)) {
			t.Fatalf("attempt %d: %+v", i, r)
		}
	}
	if !r.Locked || !r.LockedUntil.Equal(now.Add(Regain)) {
		t.Fatalf("not locked after %d failures: %+v", MaxFailures, r)
	}
	// ... and even the right PIN is refused until one comes back,
	if r, _ = Check("591746", rec, a, now.Add(Regain-time.Minute)); r.OK || !r.Locked {
		t.Fatalf("right PIN accepted while locked: %+v", r)
	}
	// after which it works, and the other four are still spent.
	if r, _ = Check("591746", rec, a, now.Add(Regain+time.Minute)); !r.OK || r.Attempts.Failures != MaxFailures-1 {
		t.Fatalf("right PIN after a day: %+v", r)
	}
	for _, weak := range []string{"", "123", "12ab", "1234567890123", "5917", "59174"} {
		if _, err := Hash(weak); err == nil {
			t.Errorf("weak PIN %q accepted", weak)
		}
	}
	if _, err := Check("591746", "md5$x", Attempts{}, now); err == nil {
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
	// One try comes back a day later, not five.
	later := a.LockedUntil.Add(time.Second)
	if c, locked := Charge(a, later); locked || c.Failures != MaxFailures {
		t.Fatalf("a day later: %+v locked=%v", c, locked)
	}
	once, _ := Charge(a, later)
	if _, locked := Charge(once, later); !locked {
		t.Fatal("two tries a day after the lockout")
	}
}

// A visitor who guesses as fast as Vigie lets them for a year, while the
// advisor opens the console with the right code every morning (and a
// typo now and then), gets at most 5 + 365 wrong guesses: against the
// 6-digit codes, fewer than one chance in a thousand (SECURITY.md).
func TestLockoutYearBound(t *testing.T) {
	start := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	var a Attempts
	guesses, logins := 0, 0
	for now := start; now.Before(start.AddDate(1, 0, 0)); now = now.Add(time.Minute) {
		if now.Hour() == 9 && now.Minute() == 0 { // the advisor, daily
			if now.Day()%7 == 0 { // a typo
				a, _ = Charge(a, now)
			}
			if c, locked := Charge(a, now); !locked {
				a = Refund(c, now)
				logins++
			}
		}
		if c, locked := Charge(a, now); !locked { // the visitor, every minute
			a = c
			guesses++
		}
	}
	if guesses > MaxFailures+365 {
		t.Fatalf("%d wrong guesses in a year, want at most %d", guesses, MaxFailures+365)
	}
	if float64(guesses)/1e6 >= 1.0/1000 {
		t.Fatalf("%d guesses: one chance in %.0f", guesses, 1e6/float64(guesses))
	}
	// A visitor who spends every try as it comes back keeps the PIN
	// locked: the advisor's way in is then the rescue code (TestRescue).
	t.Logf("%d wrong guesses in a year (one chance in %.0f against 6 digits); the PIN let the advisor in %d days of 365", guesses, 1e6/float64(guesses), logins)
}

// The rescue code is 16 digits, never a valid PIN, drawn fresh, and
// checked with its own count: five then five minutes.
func TestRescue(t *testing.T) {
	code, rec, err := NewRescue()
	if err != nil || !IsRescue(code) || IsRescue("591746") {
		t.Fatalf("%q %v", code, err)
	}
	if ok, _ := Verify(code, rec); !ok {
		t.Fatal("the rescue code does not match its record")
	}
	if other, _, _ := NewRescue(); other == code {
		t.Fatal("two rescue codes are equal")
	}
	if _, err := Hash(code); err == nil {
		t.Fatal("a rescue code is accepted as a PIN")
	}
	now := time.Unix(1_800_000_000, 0)
	var a Attempts
	for i := 0; i < MaxFailures; i++ {
		if a, _ = ChargeRescue(a, now); i < MaxFailures-1 && !a.LockedUntil.IsZero() {
			t.Fatalf("locked after %d", i+1)
		}
	}
	if _, locked := ChargeRescue(a, now.Add(RescueLockout-time.Second)); !locked {
		t.Fatal("not locked")
	}
	if _, locked := ChargeRescue(a, now.Add(RescueLockout)); locked {
		t.Fatal("still locked after the rescue lockout")
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
	for _, pin := range []string{"591746", "246913", "147259", "357108", "840215", "20261203", "041893"} {
		if _, err := Hash(pin); err != nil {
			t.Errorf("Hash(%q): %v", pin, err)
		}
	}
	for pin, want := range map[string]error{"591746": nil, "59174": ErrWeak, "1234": ErrTrivial, "12a4": ErrWeak} {
		if err := Acceptable(pin); err != want {
			t.Errorf("Acceptable(%q): %v, want %v", pin, err, want)
		}
	}
	if _, err := Hash("12a4"); err != ErrWeak {
		t.Errorf("letters: %v", err)
	}
}
