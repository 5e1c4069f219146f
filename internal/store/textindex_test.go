package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/fulltext"
)

// crashArticle is article i of the crash test: its text holds a word no
// other article holds ("uniq<i>" spelled in letters, so one token), and
// every 5th is a new version of article i-3's URL.
func crashArticle(i int) (Input, string) {
	url := fmt.Sprintf("https://crash.example/%d", i)
	if i%5 == 0 && i >= 3 {
		url = fmt.Sprintf("https://crash.example/%d", i-3)
	}
	text := fmt.Sprintf(`"The timbers are old," said Ruth Calloway, the director. Harbour word uniq%s number %d.`, letters(i), i)
	return Input{SHA256: ContentHash([]byte(text)), Size: int64(len(text)), SourceKind: SourceURL, URL: url, FetchedAt: time.Now()}, text
}

// letters spells i in letters a–j.
func letters(i int) string {
	s := strconv.Itoa(i)
	b := []byte(s)
	for j := range b {
		b[j] = 'a' + (b[j] - '0')
	}
	return string(b)
}

// TestCrashChild is the writer the crash test kills: it writes crash
// articles in transactions of 25 until it is killed, printing the number
// written after each commit. It runs only as that child.
func TestCrashChild(t *testing.T) {
	path := os.Getenv("NEWSGRAPH_CRASH_STORE")
	if path == "" {
		t.Skip("the child process of TestTextIndexSurvivesSIGKILL")
	}
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; ; {
		tx, err := s.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for range 25 {
			in, text := crashArticle(i)
			if _, err := tx.PutArticle(in, testArticle(text, nil)); err != nil {
				t.Fatal(err)
			}
			i++
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("committed %d\n", i)
	}
}

// TestTextIndexSurvivesSIGKILL kills a process in the middle of writing
// articles, while this process keeps the index in step and saves its
// snapshot, then opens the store and the index again as a restarted
// server would: every stored article is found exactly once, by its own
// word and among the matches of a word they all hold, and nothing else is.
func TestTextIndexSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "crash.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ti, err := s.TextIndex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for round, kill := range []int{300, 700} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "NEWSGRAPH_CRASH_STORE="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		saved := false
		for sc.Scan() {
			n, ok := strings.CutPrefix(sc.Text(), "committed ")
			if !ok {
				continue
			}
			k, _ := strconv.Atoi(n)
			if err := ti.Sync(ctx); err != nil {
				t.Fatal(err)
			}
			if !saved && k >= kill/2 {
				if err := ti.Save(); err != nil { // a snapshot in the middle of the writes
					t.Fatal(err)
				}
				saved = true
			}
			if k >= kill {
				break
			}
		}
		// Mid-transaction most likely: the child commits every 25.
		time.Sleep(time.Duration(round+1) * 3 * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		if round == 0 {
			continue // the live index catches up too: checked below
		}
	}
	checkIndexed(t, s, ti, "the index that watched")
	s.Close()

	// Restart: the store and the index from its snapshot and the log.
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	ti2, err := s2.TextIndex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	checkIndexed(t, s2, ti2, "after restart")
	// And a damaged snapshot: rebuilt from the store.
	if err := os.WriteFile(path+"-fulltext", []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	ti3, err := s2.TextIndex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	checkIndexed(t, s2, ti3, "rebuilt")
}

func checkIndexed(t *testing.T, s *Store, ti *TextIndex, what string) {
	t.Helper()
	ctx := context.Background()
	rows, err := s.DB.Query(`SELECT id, text FROM articles ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[int64]string{}
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			t.Fatal(err)
		}
		stored[id] = text
	}
	rows.Close()
	if len(stored) < 700 {
		t.Fatalf("%s: only %d articles stored", what, len(stored))
	}
	all, err := ti.Search(ctx, &fulltext.Phrase{Text: "harbour", Cols: fulltext.TitleText}, fulltext.Options{K: len(stored) + 10})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != len(stored) || ti.Len() != len(stored) {
		t.Errorf("%s: %d articles stored, the index holds %d and finds %d", what, len(stored), ti.Len(), all.Total)
	}
	for id, text := range stored {
		i := strings.Index(text, "uniq")
		word := text[i : i+strings.IndexByte(text[i:], ' ')]
		res, err := ti.Search(ctx, &fulltext.Phrase{Text: word, Cols: fulltext.TitleText}, fulltext.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || res.Hits[0].ID != id {
			t.Errorf("%s: %s finds %+v, want article %d once", what, word, res.Hits, id)
		}
	}
	var latest int
	if err := s.DB.QueryRow(`SELECT count(*) FROM articles WHERE latest = 1`).Scan(&latest); err != nil {
		t.Fatal(err)
	}
	lat, err := ti.Search(ctx, &fulltext.Phrase{Text: "harbour", Cols: fulltext.TitleText}, fulltext.Options{Latest: true})
	if err != nil {
		t.Fatal(err)
	}
	if lat.Total != latest || latest == len(stored) {
		t.Errorf("%s: %d latest versions found, %d stored (of %d)", what, lat.Total, latest, len(stored))
	}
}

// TestTextIndexFacetRowsInStep checks that the facet rows follow the
// writes that change them: a new article, an outlet that gets its name
// after its first articles, and a deleted article.
func TestTextIndexFacetRowsInStep(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ti, err := s.TextIndex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	put := func(i int, site string) int64 {
		tx, err := s.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		in, text := crashArticle(i)
		a := testArticle(text, nil)
		a.Site, a.URL = site, in.URL
		p, err := tx.PutArticle(in, a)
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		return p.ArticleID
	}
	outlet := func(id int64) string {
		if err := ti.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		got := "(none)"
		ti.FacetRows([]int64{id}, func(_ int64, r *FacetRow) { got = r.Outlet })
		return got
	}
	first := put(1, "")
	if o := outlet(first); o != "crash.example" {
		t.Fatalf("outlet %q, want the host", o)
	}
	put(2, "Crash Gazette") // the outlet gets its name
	if o := outlet(first); o != "Crash Gazette" {
		t.Errorf("after the outlet was named: %q", o)
	}
	var persons []string
	ti.FacetRows([]int64{first}, func(_ int64, r *FacetRow) { persons = r.Persons })
	if len(persons) != 1 || persons[0] != "Ruth Calloway" {
		t.Errorf("persons %q", persons)
	}
	// Delete the article (its annotations first, as the web's delete does).
	for _, q := range []string{"quotes", "entities", "article_entities", "article_aliases", "techniques", "paragraphs", "tags", "lsh_bands", "minhash"} {
		if _, err := s.DB.Exec(`DELETE FROM `+q+` WHERE article_id = ?`, first); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.DB.Exec(`DELETE FROM articles WHERE id = ?`, first); err != nil {
		t.Fatal(err)
	}
	if o := outlet(first); o != "(none)" {
		t.Errorf("deleted article still has facets (%q)", o)
	}
	if ti.Len() != 1 {
		t.Errorf("index holds %d articles after the delete, want 1", ti.Len())
	}
}
