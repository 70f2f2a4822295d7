package site

import (
	"encoding/xml"
	"strings"
	"testing"

	"healthsite/internal/article"
	"healthsite/internal/sample"
)

// threeLanguageSite builds sample.Languages.
func threeLanguageSite(t *testing.T) *Site {
	t.Helper()
	lib, err := article.Load(sample.Languages(), article.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Build(lib, Options{Now: later})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBuild_SitemapListsEachPagesLanguages: every URL of a
// multilingual sitemap names its versions with xhtml:link, itself and
// x-default included; a page in one language names none.
func TestBuild_SitemapListsEachPagesLanguages(t *testing.T) {
	s := threeLanguageSite(t)
	var doc struct {
		URLs []struct {
			Loc   string `xml:"loc"`
			Links []struct {
				Rel      string `xml:"rel,attr"`
				HrefLang string `xml:"hreflang,attr"`
				Href     string `xml:"href,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(s.Page("/sitemap.xml").Body(), &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, u := range doc.URLs {
		var links []string
		for _, l := range u.Links {
			if l.Rel != "alternate" {
				t.Errorf("%s: link rel %q", u.Loc, l.Rel)
			}
			links = append(links, l.HrefLang+"="+strings.TrimPrefix(l.Href, s.BaseURL()))
		}
		got[strings.TrimPrefix(u.Loc, s.BaseURL())] = strings.Join(links, " ")
	}
	for path, want := range map[string]string{
		"/articles/knee-pain/":  "en=/articles/knee-pain/ es=/es/articles/dolor-de-rodilla/ ar=/ar/articles/rukba/ x-default=/articles/knee-pain/",
		"/ar/articles/rukba/":   "en=/articles/knee-pain/ es=/es/articles/dolor-de-rodilla/ ar=/ar/articles/rukba/ x-default=/articles/knee-pain/",
		"/es/articles/sueno/":   "en=/articles/sleep/ es=/es/articles/sueno/ x-default=/articles/sleep/",
		"/es/articles/espalda/": "",
		"/es/":                  "en=/ es=/es/ ar=/ar/ x-default=/",
		"/about/":               "en=/about/ es=/es/about/ ar=/ar/about/ x-default=/about/",
	} {
		if g, ok := got[path]; !ok || g != want {
			t.Errorf("sitemap %s: %q, want %q", path, g, want)
		}
	}
}

// TestBuild_TranslationsInLinkedData: a translation's page is in its
// language (lang, canonical, og:locale with the others as alternates,
// JSON-LD inLanguage) and names its original as translationOfWork; the
// original names its translations as workTranslation.
func TestBuild_TranslationsInLinkedData(t *testing.T) {
	s := threeLanguageSite(t)
	es := string(s.Page("/es/articles/dolor-de-rodilla/").Body())
	for _, want := range []string{
		`<html lang="es"`,
		`<link rel="canonical" href="https://health.example.org/es/articles/dolor-de-rodilla/">`,
		`<meta property="og:locale" content="es_ES">`,
		`<meta property="og:locale:alternate" content="en_US">`,
		`<meta property="og:locale:alternate" content="ar_EG">`,
		`"inLanguage":"es"`,
		`"translationOfWork":{"@type":"MedicalWebPage","name":"Knee pain","url":"https://health.example.org/articles/knee-pain/","inLanguage":"en"}`,
		`<a class="site-name" href="/es/">Salud Clara</a>`,
	} {
		if !strings.Contains(es, want) {
			t.Errorf("/es/articles/dolor-de-rodilla/ lacks %s", want)
		}
	}
	en := string(s.Page("/articles/knee-pain/").Body())
	if want := `"workTranslation":[{"@type":"MedicalWebPage","name":"Dolor de rodilla","url":"https://health.example.org/es/articles/dolor-de-rodilla/","inLanguage":"es"},{"@type":"MedicalWebPage","name":"ألم الركبة","url":"https://health.example.org/ar/articles/rukba/","inLanguage":"ar"}]`; !strings.Contains(en, want) {
		t.Errorf("/articles/knee-pain/ lacks %s", want)
	}
}
