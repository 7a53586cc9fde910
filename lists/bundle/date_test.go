package bundle_test

import (
	"testing"
	"time"

	. "vigie/lists/bundle"
)

// CivilDate gives time.Time's UTC date on every day of four centuries
// around 1970 (leap years, 1900 and 2100 that are not, 2000 that is) and
// at the first and last second of a day, negative times included.
func TestCivilDate(t *testing.T) {
	for day := int64(-146097); day <= 146097*3/2; day++ {
		for _, sec := range []int64{day * 86400, day*86400 + 86399} {
			if got, want := CivilDate(sec), time.Unix(sec, 0).UTC().Format("2006-01-02"); got != want {
				t.Fatalf("CivilDate(%d) = %s, want %s", sec, got, want)
			}
		}
	}
}
