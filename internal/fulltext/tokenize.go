package fulltext

import (
	"sort"
	"unicode/utf8"
)

// The tokenizer is FTS5's unicode61 with remove_diacritics 2, the
// tokenizer of the store's articles_fts (internal/store/schema.sql), so
// that the index finds exactly the tokens FTS5 finds:
//
//   - a token is a maximal run of token characters; every other character
//     separates tokens;
//   - the token characters are those of Unicode categories L*, N* and Co
//     as SQLite's tables know them (ASCII: letters and digits);
//   - each token character is case folded and stripped of its diacritics
//     (é → e, Ø → o); a character that folds to nothing (a combining mark)
//     is dropped from the token.
//
// Non-ASCII characters are looked up in foldRanges (fold_table.go), which
// TestFoldTableMatchesSQLite generates from SQLite itself (-update) and
// checks code point by code point.

// foldRange maps the code points lo..hi: each is a token character that
// folds to itself plus delta, or, with drop, a token character dropped
// from the token. Code points in no range separate tokens.
type foldRange struct {
	lo, hi uint32
	delta  int32
	drop   bool
}

// fold returns what a code point becomes in a token: r2, keep=true; or
// token=true, keep=false for a token character that is dropped; or
// token=false for a separator.
func fold(r rune) (r2 rune, token, keep bool) {
	if r < utf8.RuneSelf {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r, true, true
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A'), true, true
		}
		return 0, false, false
	}
	c := uint32(r)
	i := sort.Search(len(foldRanges), func(i int) bool { return foldRanges[i].hi >= c })
	if i == len(foldRanges) || foldRanges[i].lo > c {
		return 0, false, false
	}
	fr := foldRanges[i]
	if fr.drop {
		return 0, true, false
	}
	return rune(int32(c) + fr.delta), true, true
}

// Tokens calls fn for each token of s in order, with its position (0, 1,
// 2 …: the token's number, as FTS5 counts positions). tok is only valid
// during the call.
func Tokens(s string, fn func(tok []byte, pos int)) {
	TokenSpans(s, func(tok []byte, pos, _, _ int) { fn(tok, pos) })
}

// TokenSpans is Tokens with each token's span in s: the byte offsets of
// its first character and just past its last, as FTS5's tokenizer
// reports them.
func TokenSpans(s string, fn func(tok []byte, pos, start, end int)) {
	var buf [64]byte
	tok := buf[:0]
	pos := 0
	in := false
	start, end := 0, 0
	for i := 0; i < len(s); {
		at := i
		var r rune
		if c := s[i]; c < utf8.RuneSelf {
			r = rune(c)
			i++
		} else {
			var n int
			r, n = utf8.DecodeRuneInString(s[i:])
			i += n
		}
		r2, token, keep := fold(r)
		if !token {
			if in {
				fn(tok, pos, start, end)
				pos++
				tok, in = tok[:0], false
			}
			continue
		}
		if !in {
			in, start = true, at
		}
		end = i
		if keep {
			tok = utf8.AppendRune(tok, r2)
		}
	}
	if in {
		fn(tok, pos, start, end)
	}
}
