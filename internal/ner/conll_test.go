package ner

import (
	"bytes"
	"strings"
	"testing"
)

func TestReadWriteCoNLL(t *testing.T) {
	in := "-DOCSTART- -X- -X- O\n\nAnna B-PER 0\nsaid O 0\n\n# sent_id = 2\n1\tHi\tO\n2\tBo\tB-PER\n"
	f, err := ReadCoNLL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Sentences) != 2 || !f.Sentences[0].DocStart || f.Sentences[1].DocStart {
		t.Fatalf("sentences = %+v", f.Sentences)
	}
	if got := f.Sentences[1].Column(1); got[1] != "Bo" {
		t.Errorf("column 1 = %v", got)
	}
	var out bytes.Buffer
	if err := WriteCoNLL(&out, f, [][]string{{"B-PER", "O"}, {"O", "B-PER"}}); err != nil {
		t.Fatal(err)
	}
	want := "-DOCSTART- -X- -X- O\n\nAnna B-PER 0 B-PER\nsaid O 0 O\n\n# sent_id = 2\n1\tHi\tO\tO\n2\tBo\tB-PER\tB-PER\n\n"
	if out.String() != want {
		t.Errorf("WriteCoNLL:\n%q\nwant\n%q", out.String(), want)
	}
}

func FuzzReadCoNLL(f *testing.F) {
	f.Add("-DOCSTART- -X- -X- O\n\nAnna B-PER 0\n\n")
	f.Add("# newdoc id = x\n1\ta\tO\n\n")
	f.Add("#\tx\n\n\n a  b \r\n")
	f.Fuzz(func(t *testing.T, in string) {
		cf, err := ReadCoNLL(strings.NewReader(in))
		if err != nil {
			return
		}
		n := 0
		for _, s := range cf.Sentences {
			for _, l := range s.Lines {
				if strings.HasPrefix(l, "#") || strings.HasPrefix(l, "-DOCSTART-") {
					return // token "#" lines may read back as comments
				}
			}
			if len(s.Lines) == 0 || len(s.Lines) != len(s.Fields) {
				t.Fatalf("bad sentence %+v", s)
			}
			n += len(s.Lines)
		}
		var out bytes.Buffer
		if err := WriteCoNLL(&out, cf, nil); err != nil {
			t.Fatal(err)
		}
		again, err := ReadCoNLL(&out)
		if err != nil {
			t.Fatal(err)
		}
		m := 0
		for _, s := range again.Sentences {
			m += len(s.Lines)
		}
		if m != n {
			t.Fatalf("round trip changed token lines: %d → %d", n, m)
		}
	})
}
