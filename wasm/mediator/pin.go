// Package mediator guards the mediator's console: a PIN kept only as a
// PBKDF2 hash with a random salt, and a lockout after repeated failures, so
// that a visitor cannot guess it at the terminal. All decisions are here;
// the extension stores the record and the counters it is given back.
package mediator

import (
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"vigie/wasm/random"
	"vigie/wasm/sha2"
)

const (
	// Iterations of PBKDF2-SHA256. A 4–8 digit PIN has little entropy, so
	// the hash alone would not stop an offline search; the lockout stops
	// guessing at the terminal, and the iterations slow a copied profile.
	// 100,000 keep one check near half a second in WebAssembly.
	Iterations = 100_000
	// MaxFailures before the console locks.
	MaxFailures = 5
	// Lockout is how long it stays locked.
	Lockout  = 5 * time.Minute
	saltSize = 16
	keySize  = 32
	scheme   = "pbkdf2-sha256"
)

// ErrWeak is returned for a PIN that is too short or not digits.
var ErrWeak = errors.New("the PIN must have 4 to 12 digits")

// ErrTrivial is returned for a PIN that anyone would try among the first:
// one digit repeated, a repeated group (1212), digits that go up or down
// by the same step (1234, 4321, 2468, 7890), or a straight line on a
// phone's or a computer's keypad (2580, 7410).
var ErrTrivial = errors.New("the PIN is too easy to guess: no repeated, sequential or keypad-line codes")

// Hash makes the record of a new PIN: "pbkdf2-sha256$ITER$SALT$KEY".
func Hash(pin string) (string, error) {
	if !valid(pin) {
		return "", ErrWeak
	}
	if Trivial(pin) {
		return "", ErrTrivial
	}
	salt := make([]byte, saltSize)
	if err := random.Read(salt); err != nil {
		return "", err
	}
	return hashWith(pin, salt, Iterations)
}

func hashWith(pin string, salt []byte, iter int) (string, error) {
	key := sha2.PBKDF2SHA256([]byte(pin), salt, iter, keySize)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("%s$%d$%s$%s", scheme, iter, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

func valid(pin string) bool {
	if len(pin) < 4 || len(pin) > 12 {
		return false
	}
	for i := 0; i < len(pin); i++ {
		if pin[i] < '0' || pin[i] > '9' {
			return false
		}
	}
	return true
}

// Trivial reports whether a PIN of digits is one of those ErrTrivial
// names. (A code chosen before this rule still opens the console: only a
// new code is refused.)
func Trivial(pin string) bool {
	n := len(pin)
	if n < 2 {
		return true
	}
	for k := 1; k <= n/2; k++ { // a group repeated: 1111, 1212, 123123
		if n%k == 0 && strings.Repeat(pin[:k], n/k) == pin {
			return true
		}
	}
	step := (int(pin[1]) - int(pin[0]) + 10) % 10
	same := true
	for i := 2; i < n && same; i++ { // the same step, round the dial: 1234, 4321, 2468, 7890
		same = (int(pin[i])-int(pin[i-1])+10)%10 == step
	}
	if same {
		return true
	}
	for _, pad := range keypads {
		if straight(pad, pin) {
			return true
		}
	}
	return false
}

// keypads: each digit's column and row on a phone's keypad (0 under 8)
// and on a computer's (7 8 9 on top, 0 under 1, or under 1 and 2).
var keypads = [][10][2]int{
	{{1, 3}, {0, 0}, {1, 0}, {2, 0}, {0, 1}, {1, 1}, {2, 1}, {0, 2}, {1, 2}, {2, 2}},
	{{0, 3}, {0, 2}, {1, 2}, {2, 2}, {0, 1}, {1, 1}, {2, 1}, {0, 0}, {1, 0}, {2, 0}},
	{{1, 3}, {0, 2}, {1, 2}, {2, 2}, {0, 1}, {1, 1}, {2, 1}, {0, 0}, {1, 0}, {2, 0}},
}

// straight: each key is the next one along the same line, one key at a
// time (2580 down a phone's middle column).
func straight(pad [10][2]int, pin string) bool {
	at := func(i int) [2]int { return pad[pin[i]-'0'] }
	dx, dy := at(1)[0]-at(0)[0], at(1)[1]-at(0)[1]
	if dx < -1 || dx > 1 || dy < -1 || dy > 1 || dx == 0 && dy == 0 {
		return false
	}
	for i := 2; i < len(pin); i++ {
		if at(i)[0]-at(i - 1)[0] != dx || at(i)[1]-at(i - 1)[1] != dy {
			return false
		}
	}
	return true
}

// Attempts counts failures and the end of a lockout.
type Attempts struct {
	Failures    int
	LockedUntil time.Time
}

// Result of a PIN check.
type Result struct {
	OK          bool
	Locked      bool // refused without checking: locked out
	Attempts    Attempts
	Remaining   int // tries left before the lockout
	LockedUntil time.Time
}

// Check compares pin with the record, counting failures: after
// MaxFailures the console locks for Lockout, and no PIN is even compared
// until then. It is Charge then Verify, for callers that keep nothing
// between the two.
func Check(pin, record string, a Attempts, now time.Time) (Result, error) {
	charged, locked := Charge(a, now)
	if locked {
		return Result{Locked: true, Attempts: charged, LockedUntil: charged.LockedUntil}, nil
	}
	ok, err := Verify(pin, record)
	if err != nil {
		return Result{}, err
	}
	if ok {
		return Result{OK: true, Attempts: Attempts{}, Remaining: MaxFailures}, nil
	}
	if !charged.LockedUntil.IsZero() {
		return Result{Locked: true, Attempts: charged, LockedUntil: charged.LockedUntil}, nil
	}
	return Result{Attempts: charged, Remaining: MaxFailures - charged.Failures}, nil
}

// Charge counts an attempt before it is checked: the caller stores the
// attempts it returns, then runs the slow Verify. A failure is thus on
// record before the hash runs, and attempts that race, or that a stopped
// worker cuts short, all count. The attempt that reaches MaxFailures is
// still verified (five failures mean five tries), and leaves the console
// locked for Lockout unless it succeeds. locked: refused without a try.
func Charge(a Attempts, now time.Time) (charged Attempts, locked bool) {
	if now.Before(a.LockedUntil) {
		return a, true
	}
	if !a.LockedUntil.IsZero() {
		a = Attempts{} // the lockout is over
	}
	a.Failures++
	if a.Failures >= MaxFailures {
		a = Attempts{LockedUntil: now.Add(Lockout)}
	}
	return a, false
}

// Verify compares pin with the record (constant time, PBKDF2).
func Verify(pin, record string) (bool, error) {
	parts := strings.Split(record, "$")
	if len(parts) != 4 || parts[0] != scheme {
		return false, errors.New("unknown PIN record format")
	}
	iter, err := strconv.Atoi(parts[1])
	if err != nil || iter < 1000 || iter > 10_000_000 {
		return false, errors.New("bad PIN record iterations")
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[2])
	if err != nil {
		return false, errors.New("bad PIN record salt")
	}
	got, err := hashWith(pin, salt, iter)
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(record)) == 1, nil
}
