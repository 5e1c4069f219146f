package ner

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// MaxLineBytes is the longest line ReadCoNLL accepts.
const MaxLineBytes = 1 << 20

// ErrLineTooLong is returned by ReadCoNLL for a line over MaxLineBytes.
var ErrLineTooLong = errors.New("conll: line too long")

// CoNLLSentence is one sentence of a CoNLL-style file: its token lines,
// split into fields, and the lines that came before it and are passed
// through untouched (comments such as "# text = …", -DOCSTART- lines).
type CoNLLSentence struct {
	// Before are the non-token lines read since the previous sentence,
	// without blank lines.
	Before []string
	// DocStart is true when Before holds a -DOCSTART- line or a
	// "# newdoc" comment: a new document begins with this sentence.
	DocStart bool
	// Lines are the token lines as read (without the newline); Fields the
	// same lines split on tabs, or on runs of spaces when a line has no tab.
	Lines  []string
	Fields [][]string
}

// CoNLLFile is a whole CoNLL-style file.
type CoNLLFile struct {
	Sentences []CoNLLSentence
	// Trailer are non-token lines after the last sentence.
	Trailer []string
}

func isDocStart(line string) bool {
	return strings.HasPrefix(line, "-DOCSTART-") || strings.HasPrefix(line, "# newdoc")
}

// isComment reports whether line is a comment line of the CoNLL-U / UNER
// kind ("# sent_id = …", "# newdoc id = …", "# newpar"), as opposed to a
// token line whose token is "#". A space-separated token line such as
// "# text = O" is ambiguous and is read as a comment.
func isComment(line string) bool {
	if !strings.HasPrefix(line, "#") {
		return false
	}
	if strings.HasPrefix(line, "# new") {
		return true
	}
	key, _, ok := strings.Cut(strings.TrimPrefix(line, "# "), " = ")
	if !ok || key == "" || !strings.HasPrefix(line, "# ") {
		return false
	}
	for _, r := range key {
		if !(r == '_' || r == '.' || r == ':' || r == ' ' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

func splitFields(line string) []string {
	if strings.Contains(line, "\t") {
		return strings.Split(line, "\t")
	}
	return strings.Fields(line)
}

// ReadCoNLL reads a CoNLL-style file: one token per line with
// whitespace- or tab-separated columns, blank lines between sentences,
// -DOCSTART- lines and "#" comment lines passed through.
func ReadCoNLL(r io.Reader) (*CoNLLFile, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), MaxLineBytes)
	f := &CoNLLFile{}
	var cur CoNLLSentence
	flush := func() {
		if len(cur.Lines) > 0 {
			f.Sentences = append(f.Sentences, cur)
			cur = CoNLLSentence{}
		}
	}
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		switch {
		case strings.TrimSpace(line) == "":
			flush()
		case isDocStart(line) || isComment(line):
			flush()
			cur.Before = append(cur.Before, line)
			if isDocStart(line) {
				cur.DocStart = true
			}
		default:
			fs := splitFields(line)
			if len(fs) == 0 {
				flush()
				continue
			}
			cur.Lines = append(cur.Lines, line)
			cur.Fields = append(cur.Fields, fs)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return f, fmt.Errorf("%w: line %d", ErrLineTooLong, n+1)
		}
		return f, fmt.Errorf("conll: %w", err)
	}
	flush()
	f.Trailer = cur.Before
	return f, nil
}

// Column returns column col (0-based) of every token line of s; a line
// with fewer columns gives "".
func (s CoNLLSentence) Column(col int) []string {
	out := make([]string, len(s.Fields))
	for i, fs := range s.Fields {
		if col >= 0 && col < len(fs) {
			out[i] = fs[col]
		} else if col < 0 && len(fs)+col >= 0 {
			out[i] = fs[len(fs)+col]
		}
	}
	return out
}

// WriteCoNLL writes f with one more column per token line, taken from
// tags (one slice per sentence). Sentences are separated by one blank
// line; comment and -DOCSTART- lines are written where they were read.
func WriteCoNLL(w io.Writer, f *CoNLLFile, tags [][]string) error {
	bw := bufio.NewWriter(w)
	for i, s := range f.Sentences {
		for _, l := range s.Before {
			bw.WriteString(l)
			bw.WriteByte('\n')
			if strings.HasPrefix(l, "-DOCSTART-") {
				bw.WriteByte('\n')
			}
		}
		for j, l := range s.Lines {
			sep := " "
			if strings.Contains(l, "\t") {
				sep = "\t"
			}
			t := "O"
			if i < len(tags) && j < len(tags[i]) {
				t = tags[i][j]
			}
			bw.WriteString(l)
			bw.WriteString(sep)
			bw.WriteString(t)
			bw.WriteByte('\n')
		}
		bw.WriteByte('\n')
	}
	for _, l := range f.Trailer {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
