package testenv

import (
	"os"
	"testing"
)

// fakeTB records what need does instead of ending the test.
type fakeTB struct {
	testing.TB
	skipped, failed bool
}

func (f *fakeTB) Helper()               {}
func (f *fakeTB) Skipf(string, ...any)  { f.skipped = true }
func (f *fakeTB) Fatalf(string, ...any) { f.failed = true }

func TestNeed(t *testing.T) {
	const name = "NEWSGRAPH_TESTENV_PROBE"
	cases := []struct {
		name, value, ci string
		want            string
		skipped, failed bool
	}{
		{name: "set", value: "nats://127.0.0.1:4222", want: "nats://127.0.0.1:4222"},
		{name: "set under CI", value: "x", ci: "true", want: "x"},
		{name: "unset locally skips", skipped: true},
		{name: "unset under CI fails", ci: "true", failed: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(name, c.value)
			t.Setenv("CI", c.ci)
			if c.value == "" {
				os.Unsetenv(name)
			}
			f := &fakeTB{}
			got := need(f, name)
			if got != c.want || f.skipped != c.skipped || f.failed != c.failed {
				t.Errorf("need = %q skipped=%v failed=%v, want %q skipped=%v failed=%v",
					got, f.skipped, f.failed, c.want, c.skipped, c.failed)
			}
		})
	}
}
