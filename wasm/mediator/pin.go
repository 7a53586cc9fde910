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
	// Iterations of PBKDF2-SHA256. A 6–12 digit PIN has little entropy, so
	// the hash alone would not stop an offline search; the lockout stops
	// guessing at the terminal, and the iterations slow a copied profile.
	// 100,000 keep one check near half a second in WebAssembly.
	Iterations = 100_000
	// MaxFailures tries are in hand; each failed one comes back after
	// Regain. So no one makes more than MaxFailures + one a day wrong
	// tries in any year: 370 guesses against a million 6-digit codes, one
	// chance in 2,700 (SECURITY.md). A right code gives its try back but
	// not the others': the advisor's daily login does not reset a
	// visitor's guessing.
	MaxFailures = 5
	Regain      = 24 * time.Hour
	// MinDigits of a new PIN (codes chosen before, of 4 or 5 digits,
	// still open the console: the record does not tell the length).
	MinDigits = 6
	MaxDigits = 12
	// RescueDigits: the rescue code that opens a locked console, printed
	// once when the PIN is chosen. Its own tries follow the old rule, five
	// then five minutes: 525,600 guesses a year against 10^16 codes.
	RescueDigits  = 16
	RescueLockout = 5 * time.Minute
	saltSize      = 16
	keySize       = 32
	scheme        = "pbkdf2-sha256"
)

// ErrWeak is returned for a PIN that is too short or not digits.
var ErrWeak = errors.New("the PIN must have 6 to 12 digits")

// ErrTrivial is returned for a PIN that anyone would try among the first:
// one digit repeated, a repeated group (1212), digits that go up or down
// by the same step (1234, 4321, 2468, 7890), or a straight line on a
// phone's or a computer's keypad (2580, 7410).
var ErrTrivial = errors.New("the PIN is too easy to guess: no repeated, sequential or keypad-line codes")

// Hash makes the record of a new PIN: "pbkdf2-sha256$ITER$SALT$KEY".
// A code anyone tries first is refused as trivial whatever its length.
func Hash(pin string) (string, error) {
	if err := Acceptable(pin); err != nil {
		return "", err
	}
	return hash(pin)
}

// Acceptable says whether pin may become a new code: nil, ErrWeak or
// ErrTrivial, without hashing it.
func Acceptable(pin string) error {
	if !digits(pin) {
		return ErrWeak
	}
	if Trivial(pin) {
		return ErrTrivial
	}
	if len(pin) < MinDigits || len(pin) > MaxDigits {
		return ErrWeak
	}
	return nil
}

func hash(pin string) (string, error) {
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

// NewRescue draws a rescue code and its record.
func NewRescue() (code, record string, err error) {
	b := make([]byte, RescueDigits)
	for i := range b {
		// Rejection sampling: 250 is the largest multiple of 10 under 256.
		for {
			var r [1]byte
			if err := random.Read(r[:]); err != nil {
				return "", "", err
			}
			if r[0] < 250 {
				b[i] = '0' + r[0]%10
				break
			}
		}
	}
	record, err = hash(string(b))
	return string(b), record, err
}

// IsRescue tells a rescue code from a PIN by its length.
func IsRescue(code string) bool { return len(code) == RescueDigits && digits(code) }

func digits(pin string) bool {
	if pin == "" {
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

// Attempts are the tries spent: Failures of them, the oldest counting
// its Regain from Since. LockedUntil is when a try comes back, set while
// none is left.
type Attempts struct {
	Failures    int
	Since       time.Time
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

// Check compares pin with the record, spending a try: with none left, no
// PIN is even compared until one comes back. It is Charge, Verify, then
// Refund on success, for callers that keep nothing between them.
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
		a = Refund(charged, now)
		return Result{OK: true, Attempts: a, Remaining: MaxFailures - a.Failures}, nil
	}
	if !charged.LockedUntil.IsZero() {
		return Result{Locked: true, Attempts: charged, LockedUntil: charged.LockedUntil}, nil
	}
	return Result{Attempts: charged, Remaining: MaxFailures - charged.Failures}, nil
}

// regained gives back the tries whose Regain has passed. A clock set
// back gives nothing back.
func regained(a Attempts, now time.Time) Attempts {
	if a.Failures > MaxFailures {
		a.Failures = MaxFailures
	}
	if a.Failures <= 0 {
		return Attempts{}
	}
	if a.Since.IsZero() || a.Since.After(now) {
		a.Since = now // an older record, or a clock set back: count from now
	}
	back := int(now.Sub(a.Since) / Regain)
	if back >= a.Failures {
		return Attempts{}
	}
	a.Failures -= back
	a.Since = a.Since.Add(time.Duration(back) * Regain)
	a.LockedUntil = time.Time{}
	if a.Failures >= MaxFailures {
		a.LockedUntil = a.Since.Add(Regain)
	}
	return a
}

// Charge spends a try before it is checked: the caller stores the
// attempts it returns, then runs the slow Verify. A failure is thus on
// record before the hash runs, and attempts that race, or that a stopped
// worker cuts short, all count. The last try in hand is still verified
// (five failures mean five tries). locked: refused without a try.
func Charge(a Attempts, now time.Time) (charged Attempts, locked bool) {
	a = regained(a, now)
	if a.Failures >= MaxFailures {
		return a, true
	}
	if a.Failures == 0 {
		a.Since = now
	}
	a.Failures++
	if a.Failures >= MaxFailures {
		a.LockedUntil = a.Since.Add(Regain)
	}
	return a, false
}

// Refund gives back the try a right code was charged: the others stay
// spent until they come back.
func Refund(a Attempts, now time.Time) Attempts {
	a = regained(a, now)
	a.Failures--
	a.LockedUntil = time.Time{}
	if a.Failures <= 0 {
		return Attempts{}
	}
	return a
}

// ChargeRescue spends a try of the rescue code: five, then five minutes
// (its 16 digits make the count matter little).
func ChargeRescue(a Attempts, now time.Time) (charged Attempts, locked bool) {
	if now.Before(a.LockedUntil) {
		return a, true
	}
	if !a.LockedUntil.IsZero() {
		a = Attempts{}
	}
	a.Failures++
	if a.Failures >= MaxFailures {
		a = Attempts{LockedUntil: now.Add(RescueLockout)}
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
