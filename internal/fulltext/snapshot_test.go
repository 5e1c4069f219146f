package fulltext

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSnapshotRoundTrip checks that an index read back from its snapshot
// answers every test query as the original does, and that a damaged
// snapshot is refused.
func TestSnapshotRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	x := New()
	for i := range 300 {
		x.Put(testDoc(r, int64(i+1)))
	}
	x.Put(testDoc(r, 17), testDoc(r, 40)) // changed: dead documents
	x.Delete(99)
	x.Put(Doc{ID: 301, Cols: [numCols]string{"a new version"}, Previous: 12})
	x.SetSeq(1234)
	var buf bytes.Buffer
	if err := x.WriteSnapshot(&buf, "store-a"); err != nil {
		t.Fatal(err)
	}
	y, owner, err := ReadSnapshot(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if owner != "store-a" || y.Seq() != 1234 || y.Len() != x.Len() {
		t.Fatalf("owner %q seq %d len %d, want store-a 1234 %d", owner, y.Seq(), y.Len(), x.Len())
	}
	if y.Latest(12) || !y.Latest(301) {
		t.Errorf("latest: 12 %v, 301 %v", y.Latest(12), y.Latest(301))
	}
	for _, q := range testQueries() {
		a, err := x.Search(q, Options{K: 50, Latest: true})
		if err != nil {
			t.Fatal(err)
		}
		b, err := y.Search(q, Options{K: 50, Latest: true})
		if err != nil {
			t.Fatal(err)
		}
		if a.Total != b.Total || !slices.Equal(a.Hits, b.Hits) {
			t.Errorf("%s: snapshot gives %d %v, index %d %v", fts5Expr(q), b.Total, b.Hits[:min(3, len(b.Hits))], a.Total, a.Hits[:min(3, len(a.Hits))])
		}
	}
	for _, cut := range []int{0, 10, buf.Len() / 2, buf.Len() - 1} {
		if _, _, err := ReadSnapshot(bytes.NewReader(buf.Bytes()[:cut])); !errors.Is(err, ErrSnapshot) {
			t.Errorf("cut at %d: %v, want ErrSnapshot", cut, err)
		}
	}
	bad := bytes.Clone(buf.Bytes())
	bad[len(bad)/3] ^= 0x40
	if _, _, err := ReadSnapshot(bytes.NewReader(bad)); !errors.Is(err, ErrSnapshot) {
		t.Errorf("flipped bit: %v, want ErrSnapshot", err)
	}
}

// TestLatest checks the versions the index knows to be replaced.
func TestLatest(t *testing.T) {
	x := New()
	x.Put(Doc{ID: 1, Cols: [numCols]string{"one"}}, Doc{ID: 2, Cols: [numCols]string{"one two"}, Previous: 1})
	res, err := x.Search(&Phrase{Text: "one", Cols: TitleText}, Options{Latest: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Hits[0].ID != 2 {
		t.Errorf("latest: %+v, want article 2 only", res)
	}
	x.Delete(2) // the new version gone: 1 is latest again
	if res, _ = x.Search(&Phrase{Text: "one", Cols: TitleText}, Options{Latest: true}); res.Total != 1 || res.Hits[0].ID != 1 {
		t.Errorf("after delete: %+v, want article 1", res)
	}
}

// TestSearchTermEqualsExhaustive checks the one-word path, which skips
// blocks, against scoring every match (a Keep that keeps everything
// forces that), with and without superseded versions.
func TestSearchTermEqualsExhaustive(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	x := New()
	for _, d := range versionedDocs(r, 2000, 9, 4) {
		x.Put(d)
	}
	check := func(what string) {
		t.Helper()
		searchTermEqualsExhaustive(t, x, what)
	}
	check("as added")
	// Dead documents: changed and deleted articles.
	for i := 5; i < 2000; i += 37 {
		x.Put(testDoc(r, int64(i)))
	}
	x.Delete(8, 80, 800)
	check("with dead documents")
}

func searchTermEqualsExhaustive(t *testing.T, x *Index, what string) {
	all := func(int64) bool { return true }
	compared := 0
	for _, word := range []string{"ceasefire", "talks", "genève", "keller", "aleppo", "日本", "nosuch"} {
		for _, cols := range []uint8{TitleText, TitleOnly, SpeakersOnly, EntitiesOnly} {
			for _, latest := range []bool{false, true} {
				for _, k := range []int{1, 7, 20, 500} {
					q := &Phrase{Text: word, Cols: cols}
					fast, err := x.Search(q, Options{K: k, Latest: latest})
					if err != nil {
						t.Fatal(err)
					}
					slow, err := x.Search(q, Options{K: k, Latest: latest, Keep: all})
					if err != nil {
						t.Fatal(err)
					}
					if fast.Total != slow.Total || !slices.Equal(fast.Hits, slow.Hits) {
						t.Errorf("%s: %s cols %b latest %v k %d: %d %v, exhaustive %d %v", what, word, cols, latest, k,
							fast.Total, fast.Hits[:min(3, len(fast.Hits))], slow.Total, slow.Hits[:min(3, len(slow.Hits))])
					}
					compared += len(slow.Hits)
				}
			}
		}
	}
	if compared < 1000 {
		t.Fatalf("only %d hits compared", compared)
	}
}

// TestWords checks the most frequent words, most first.
func TestWords(t *testing.T) {
	x := New()
	x.Put(Doc{ID: 1, Cols: [numCols]string{"Talks", "ceasefire talks resume"}},
		Doc{ID: 2, Cols: [numCols]string{"", "talks stall; ceasefire holds"}},
		Doc{ID: 3, Cols: [numCols]string{"", "talks"}, Previous: 0})
	if got, want := x.Words(3), []string{"talks", "ceasefire", "holds"}; !slices.Equal(got, want) {
		t.Errorf("Words(3) = %v, want %v", got, want)
	}
}
