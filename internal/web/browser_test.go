package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/store"
)

// chromiumPath is Debian's chromium (scripts/install-chromium.sh).
const chromiumPath = "/usr/bin/chromium"

// newBrowser starts a headless chromium for one test. Without chromium the
// test is skipped, except under CI=true, where it fails: CI must run it.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() && os.Getenv("CI") != "true" {
		t.Skip("browser test skipped with -short")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but no browser: %v (run scripts/install-chromium.sh)", err)
		}
		t.Skipf("no chromium at %s (scripts/install-chromium.sh installs it)", chromiumPath)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 1600),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil { // start the browser and its tab
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// run runs browser steps with a time limit.
func run(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression in the page (through the
// DevTools protocol, which the page's CSP does not restrict).
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// TestBrowserSearchArticleSpeaker searches, opens an article, sees its
// quotes highlighted by speaker and opens the speaker's page.
func TestBrowserSearchArticleSpeaker(t *testing.T) {
	ctx := newBrowser(t)
	_, ts := newTestServer(t, Options{})
	run(t, ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=q]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=q]`), `ferry AND outlet:"Eastport Ledger"`),
		chromedp.Submit(chromedp.CSS(`input[name=q]`)),
		// The results page, not the front page's latest articles: its
		// search box holds the query.
		chromedp.WaitVisible(chromedp.CSS(`input[name=q][value*=ferry]`)),
		chromedp.WaitVisible(chromedp.CSS(`a.hit-title`)),
	)
	hits := eval[int](t, ctx, `document.querySelectorAll('a.hit-title').length`)
	href := eval[string](t, ctx, `document.querySelector('a.hit-title').getAttribute('href')`)
	if hits != 1 || href != fmt.Sprintf("/article/%d", idFerry) {
		t.Errorf("search: %d hits, first %q", hits, href)
	}
	run(t, ctx,
		chromedp.Click(chromedp.CSS(`a.hit-title`)),
		chromedp.WaitVisible(chromedp.CSS(`#article-text mark.q`)),
	)
	quotes := eval[int](t, ctx, `document.querySelectorAll('#article-text mark.q').length`)
	colours := eval[int](t, ctx, `new Set([...document.querySelectorAll('#article-text mark.q')].map(m => [...m.classList].find(c => /^sp\d$/.test(c))).filter(Boolean)).size`)
	mentions := eval[int](t, ctx, `document.querySelectorAll('#article-text .who').length`)
	// The stylesheet is applied (the CSP lets it load): quotes are underlined in colour.
	border := eval[string](t, ctx, `getComputedStyle(document.querySelector('#article-text mark.q')).borderBottomWidth`)
	if quotes < 3 || colours < 2 || mentions < 2 {
		t.Errorf("article: %d quotes, %d speaker colours, %d speaker mentions", quotes, colours, mentions)
	}
	if border != "3px" {
		t.Errorf("quote border %q: stylesheet not applied", border)
	}
	run(t, ctx,
		chromedp.Click(chromedp.CSS(`a.speaker-link[href="/person/Tom%20Hale"]`)),
		chromedp.WaitVisible(chromedp.CSS(`h1.person`)),
	)
	person := eval[string](t, ctx, `document.querySelector('h1.person').textContent`)
	bars := eval[int](t, ctx, `document.querySelectorAll('svg.chart rect.bar').length`)
	listed := eval[int](t, ctx, `document.querySelectorAll('#quotes li.quote').length`)
	if person != "Tom Hale" || bars == 0 || listed != 4 {
		t.Errorf("person page: %q, %d bars, %d quotes", person, bars, listed)
	}
}

// TestBrowserHostileArticle renders an article full of markup and checks
// nothing in it runs or escapes its container.
func TestBrowserHostileArticle(t *testing.T) {
	ctx := newBrowser(t)
	_, ts := newTestServer(t, Options{})
	var dialogs atomic.Int32
	dctx, stop := context.WithCancel(ctx)
	defer stop()
	events := chromedp.Events(dctx, page.JavascriptDialogOpening)
	go func() {
		for _, err := range events {
			if err != nil {
				return
			}
			dialogs.Add(1)
			chromedp.Call(dctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	// Control: the detector sees a dialog that does open.
	run(t, ctx, chromedp.Navigate(`data:text/html,<p>control</p><script>alert("control")</script>`), chromedp.Sleep(300*time.Millisecond))
	if n := dialogs.Swap(0); n != 1 {
		t.Fatalf("control page: %d dialogs seen, want 1", n)
	}
	for _, path := range []string{fmt.Sprintf("/article/%d", idHostile), "/search?q=council", "/person/Clara%20Ostrowski", "/search?q=alert"} {
		t.Run(path, func(t *testing.T) {
			run(t, ctx,
				chromedp.Navigate(ts.URL+path),
				chromedp.WaitReady(chromedp.CSS(`footer.bottom`)),
				chromedp.Sleep(300*time.Millisecond), // let any onload or onerror fire
			)
			if eval[bool](t, ctx, `document.body.hasAttribute('data-pwned')`) {
				t.Error("a script from the article ran")
			}
			// No element the templates do not write: scripts, frames, images, handlers.
			if n := eval[int](t, ctx, `document.querySelectorAll('script, iframe, img, object, embed, style, textarea, [onload], [onerror], [onclick], [style], a[href^="javascript"]').length`); n > 0 {
				t.Errorf("%d elements from the article's markup in the page", n)
			}
			if !strings.HasPrefix(path, "/article/") {
				return
			}
			text := eval[string](t, ctx, `document.querySelector('#article-text').innerText`)
			for _, lit := range []string{"<script>document.body.setAttribute('data-pwned','1')</script>", "</textarea><svg onload=alert(3)>", "<a href=javascript:alert(4)>a link</a>", "&lt; as text"} {
				if !strings.Contains(text, lit) {
					t.Errorf("article text does not show %q literally", lit)
				}
			}
			// Only the highlighting elements inside the text, and the page after it intact.
			if eval[bool](t, ctx, `[...document.querySelectorAll('#article-text *')].some(e => !['P', 'MARK', 'SPAN'].includes(e.tagName))`) {
				t.Error("markup from the text became elements")
			}
			if !eval[bool](t, ctx, `!!document.querySelector('aside.side #speakers') && !!document.querySelector('footer.bottom')`) {
				t.Error("the text swallowed the rest of the page")
			}
			if title := eval[string](t, ctx, `document.title`); !strings.Contains(title, "<script>alert(1)</script>") {
				t.Errorf("title %q is not the literal headline", title)
			}
			if h := eval[string](t, ctx, `document.querySelector('h1.headline').textContent`); !strings.HasPrefix(h, "<script>alert(1)</script>") {
				t.Errorf("headline %q is not literal", h)
			}
		})
	}
	if n := dialogs.Load(); n > 0 {
		t.Errorf("%d JavaScript dialogs opened", n)
	}
}

// TestSeedScreenshot writes a screenshot of the article view of the seed
// page to $NEWSGRAPH_SEED_SCREENSHOT (skipped unless set, and when the
// seed page is absent). The screenshot shows third-party text: keep it out
// of the repository.
func TestSeedScreenshot(t *testing.T) {
	out := os.Getenv("NEWSGRAPH_SEED_SCREENSHOT")
	if out == "" {
		t.Skip("set NEWSGRAPH_SEED_SCREENSHOT=/tmp/seed-article.png to take it")
	}
	seed := filepath.Join("..", "..", "..", "shared", "seed", "000_db9ed422199f77e7.txt")
	if _, err := os.Stat(seed); err != nil {
		t.Skipf("no seed page: %v", err)
	}
	ctx := newBrowser(t)
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "seed.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := ingest.Run(context.Background(), st, []string{seed}, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	s, err := New(st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := newHTTPTestServer(s)
	defer ts.Close()
	run(t, ctx,
		chromedp.Navigate(ts.URL+"/article/1"),
		chromedp.WaitVisible(chromedp.CSS(`#article-text`)),
	)
	quotes := eval[int](t, ctx, `document.querySelectorAll('#article-text mark.q').length`)
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if quotes == 0 {
		t.Error("no highlighted quotes in the seed article")
	}
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d quotes highlighted)", out, quotes)
}

// TestBrowserTechniques opens an article of the project's examples with
// persuasion techniques: the fragments are highlighted with their
// definition on hover, the legend lists them, and clicking a technique in
// the legend hides its highlights; the outlet page shows its technique
// profile beside the corpus's.
func TestBrowserTechniques(t *testing.T) {
	ctx := newBrowser(t)
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := ingest.Run(context.Background(), st, []string{filepath.Join("..", "..", "examples")}, ingest.Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	var id int64
	var outlet string
	if err := st.DB.QueryRow(`SELECT t.article_id, COALESCE(o.name, '') FROM techniques t JOIN articles a ON a.id = t.article_id
		LEFT JOIN outlets o ON o.id = a.outlet_id GROUP BY t.article_id ORDER BY count(*) DESC LIMIT 1`).Scan(&id, &outlet); err != nil {
		t.Fatalf("no example article with techniques: %v", err)
	}
	s, err := New(st, Options{Rate: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	run(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/article/%d", ts.URL, id)),
		chromedp.WaitVisible(chromedp.CSS(`#techniques label`)),
	)
	marks := eval[int](t, ctx, `document.querySelectorAll('#article-text .tq').length`)
	title := eval[string](t, ctx, `document.querySelector('#article-text .tq').title`)
	legend := eval[int](t, ctx, `document.querySelectorAll('#techniques label').length`)
	if marks == 0 || legend == 0 || !strings.Contains(title, ":") {
		t.Fatalf("article: %d technique marks, %d legend entries, title %q", marks, legend, title)
	}
	// the class of the first legend entry's technique
	cls := eval[string](t, ctx, `'tq' + document.querySelector('#techniques label').htmlFor.slice(3)`)
	shown := eval[string](t, ctx, `getComputedStyle(document.querySelector('#article-text .`+cls+`')).borderBottomWidth`)
	run(t, ctx, chromedp.Click(chromedp.CSS(`#techniques label`)))
	hidden := eval[string](t, ctx, `getComputedStyle(document.querySelector('#article-text .`+cls+`')).borderBottomWidth`)
	if shown != "3px" || hidden != "0px" {
		t.Errorf("%s highlight: border %q before the toggle, %q after (want 3px, 0px)", cls, shown, hidden)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(`#techniques label`)))
	if again := eval[string](t, ctx, `getComputedStyle(document.querySelector('#article-text .`+cls+`')).borderBottomWidth`); again != "3px" {
		t.Errorf("%s highlight not shown again: border %q", cls, again)
	}
	if outlet != "" {
		run(t, ctx,
			chromedp.Navigate(ts.URL+"/outlet/"+url.PathEscape(outlet)),
			chromedp.WaitVisible(chromedp.CSS(`#technique-profile`)),
		)
		if rows := eval[int](t, ctx, `document.querySelectorAll('#technique-profile tbody tr').length`); rows == 0 {
			t.Error("outlet page: empty technique profile")
		}
		var months int
		if err := st.DB.QueryRow(`SELECT count(DISTINCT substr(a.published, 1, 7)) FROM articles a JOIN outlets o ON o.id = a.outlet_id
			WHERE o.name = ? AND a.published IS NOT NULL`, outlet).Scan(&months); err != nil {
			t.Fatal(err)
		}
		if months == 0 {
			t.Fatalf("outlet %q has no dated article: the over-time table is not tested", outlet)
		}
		if rows := eval[int](t, ctx, `document.querySelectorAll('#techniques-over-time tbody tr').length`); rows != months {
			t.Errorf("outlet page: %d months of techniques shown, the outlet has dated articles in %d", rows, months)
		}
	}
}
