package main

import "testing"

func TestTrainUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"no model", []string{"train"}},
		{"unknown model", []string{"train", "pos"}},
		{"unknown flag", []string{"train", "ner", "--no-such-flag"}},
		// A zero document weight means 1 in ner.TrainOptions, so a zero
		// GUM weight must be refused rather than silently mean full weight.
		{"zero gum weight", []string{"train", "ner", "--gum-weight", "0"}},
		{"negative gum weight", []string{"train", "ner", "--gum-weight", "-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, err := runCmd(t, "", tt.args...); exitCode(err) != exitUsage {
				t.Errorf("%v: exit %d (%v), want %d", tt.args, exitCode(err), err, exitUsage)
			}
		})
	}
}
