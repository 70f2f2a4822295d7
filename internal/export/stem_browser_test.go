package export

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/chromedp/chromedp"

	"healthsite/content"
	"healthsite/internal/article"
)

// inflections are words the built-in articles may not write, each
// through a different rule of Porter's stemmer or one of the quirks of
// the Go port that the server's analyser runs.
var inflections = strings.Fields(`
running stopped easily hopping relational conditional generalization stretches stretching
physiotherapist physiotherapists fasciae fascia fascial myofascial stepping planning spotting
timing separating appreciating massaging massaged relaxing relaxation tightness soreness
caresses ponies ties caress cats feed agreed disabled matting mating meeting milling messing
meetings plastered bled motoring sing conflated troubled sized hopped tanned falling hissing
fizzed failing filing happy sky skies flying flies dying tied easy easier easiest
rational valenci hesitanci digitizer conformabli radicalli differentli vileli analogousli
vietnamization predication operator feudalism decisiveness hopefulness callousness formaliti
sensitiviti sensibiliti triplicate formative formalize electriciti electrical hopeful goodness
revival allowance inference airliner gyroscopic adjustable defensible irritant replacement
adjustment dependent adoption homologou communism activate angulariti homologous effective
bowdlerize probate rate cease controll roll generously generous generalizations therapist
therapies therapy therapeutic injuries injured injury painful painless painfully tenderness
stiffness stiffened stiffening loosened loosening gently gentle gentler treatments treated
treating treatable exercises exercised exercising exercise bodies bodily muscles muscular
recovery recovered recovering healed healing sleeping sleeplessness breathing breathed
ated ies eed ing yy y by ay sly sys abilities ability archaeology biology psychological
oscillation national sensational hopelessness dizzily crying cried tries trying
buzzing fussing falling lll sss eeing seeing agreeing freeing canning conning
organized realizing criticized
café naïve résumés über 2nd covid19 b12 3d x
`)

// TestBrowser_ExportStemsLikeServe runs the search script's stemmer in
// real Chromium over every word of the built-in articles and a list of
// inflections, and compares each stem with the one the server's
// analyser gives (bleve's Porter filter): a query word the export stems
// differently finds nothing where serve finds articles.
func TestBrowser_ExportStemsLikeServe(t *testing.T) {
	ctx := browser(t)
	script, err := os.ReadFile(filepath.Join("..", "..", "static", "search.js"))
	if err != nil {
		t.Fatal(err)
	}
	// The stemmer is a function of its own in the script; it is run
	// here alone, as the script has it, since the script runs only on a
	// results page.
	src := string(script)
	start := strings.Index(src, "\n  function porterStem(word) {\n")
	if start < 0 {
		t.Fatal("static/search.js has no function porterStem(word)")
	}
	end := strings.Index(src[start:], "\n  }\n")
	if end < 0 {
		t.Fatal("static/search.js: porterStem does not end")
	}
	stemmer := src[start : start+end+len("\n  }\n")]

	lib, err := article.Load(content.FS, article.Options{Root: "content"})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var words []string
	add := func(w string) {
		if w = strings.ToLower(w); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	letters := regexp.MustCompile(`[\p{L}\p{N}]+`)
	for _, a := range lib.Published(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), false) {
		for _, s := range slices.Concat([]string{a.Title, a.Summary, a.Text}, a.Tags, a.Authors) {
			for _, w := range letters.FindAllString(s, -1) {
				add(w)
			}
		}
	}
	if len(words) < 500 {
		t.Fatalf("only %d words in the built-in articles", len(words))
	}
	for _, w := range inflections {
		add(w)
	}

	filter, err := registry.NewCache().TokenFilterNamed(porter.Name)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]string, len(words))
	for i, w := range words {
		want[i] = string(filter.Filter(analysis.TokenStream{{Term: []byte(w)}})[0].Term)
	}
	list, err := json.Marshal(words)
	if err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {`+stemmer+`return `+string(list)+`.map(porterStem);
})()`))
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	if len(got) != len(words) {
		t.Fatalf("the script stemmed %d words of %d", len(got), len(words))
	}
	bad := 0
	for i, w := range words {
		if got[i] != want[i] {
			bad++
			t.Errorf("%q: the script stems it %q, the server %q", w, got[i], want[i])
		}
	}
	t.Logf("%d words, %d stemmed differently", len(words), bad)
}

// TestBrowser_ExportStemsSpanishLikeServe runs the script's Spanish
// stemmer in Chromium over every word of the shipped Spanish articles
// and a list of inflections, and compares each stem with bleve's
// Spanish analyser after its stop words (normalize_es, then
// stemmer_es_light), as TestBrowser_ExportStemsLikeServe does for
// English.
func TestBrowser_ExportStemsSpanishLikeServe(t *testing.T) {
	ctx := browser(t)
	script, err := os.ReadFile(filepath.Join("..", "..", "static", "search.js"))
	if err != nil {
		t.Fatal(err)
	}
	src := string(script)
	start := strings.Index(src, "\n  function spanishStem(word) {\n")
	if start < 0 {
		t.Fatal("static/search.js has no function spanishStem(word)")
	}
	end := strings.Index(src[start:], "\n  }\n")
	if end < 0 {
		t.Fatal("static/search.js: spanishStem does not end")
	}
	stemmer := src[start : start+end+len("\n  }\n")]

	lib, err := article.Load(content.FS, article.Options{Root: "content"})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var words []string
	add := func(w string) {
		if w = strings.ToLower(w); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	letters := regexp.MustCompile(`[\p{L}\p{N}]+`)
	for _, a := range lib.PublishedIn("es", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), false) {
		for _, s := range slices.Concat([]string{a.Title, a.Summary, a.Text}, a.Tags, a.Authors) {
			for _, w := range letters.FindAllString(s, -1) {
				add(w)
			}
		}
	}
	if len(words) < 300 {
		t.Fatalf("only %d words in the shipped Spanish articles", len(words))
	}
	for _, w := range strings.Fields(`médico médicos médica médicas rodilla rodillas dolores dolor veces vez
		luces análisis países meses francés franceses crisis ejercicios ejercítese lápiz lápices
		pingüino pingüinos ñandú niño niños acción acciones árbol árboles útil útiles casa mesa ya`) {
		add(w)
	}
	cache := registry.NewCache()
	var filters []analysis.TokenFilter
	for _, name := range []string{es.NormalizeName, es.LightStemmerName} {
		f, err := cache.TokenFilterNamed(name)
		if err != nil {
			t.Fatal(err)
		}
		filters = append(filters, f)
	}
	want := make([]string, len(words))
	for i, w := range words {
		ts := analysis.TokenStream{{Term: []byte(w)}}
		for _, f := range filters {
			ts = f.Filter(ts)
		}
		want[i] = string(ts[0].Term)
	}
	list, err := json.Marshal(words)
	if err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {`+stemmer+`return `+string(list)+`.map(spanishStem);
})()`))
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	if len(got) != len(words) {
		t.Fatalf("the script stemmed %d words of %d", len(got), len(words))
	}
	for i, w := range words {
		if got[i] != want[i] {
			t.Errorf("%q: the script stems it %q, the server %q", w, got[i], want[i])
		}
	}
}
