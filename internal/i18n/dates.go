package i18n

import (
	"github.com/go-playground/locales"
	"github.com/go-playground/locales/ar"
	"github.com/go-playground/locales/bn"
	"github.com/go-playground/locales/cy"
	"github.com/go-playground/locales/de"
	"github.com/go-playground/locales/el"
	"github.com/go-playground/locales/en_GB"
	"github.com/go-playground/locales/es"
	"github.com/go-playground/locales/fa"
	"github.com/go-playground/locales/fil"
	"github.com/go-playground/locales/fr"
	"github.com/go-playground/locales/he"
	"github.com/go-playground/locales/hi"
	"github.com/go-playground/locales/it"
	"github.com/go-playground/locales/ja"
	"github.com/go-playground/locales/ko"
	"github.com/go-playground/locales/nl"
	"github.com/go-playground/locales/pl"
	"github.com/go-playground/locales/pt"
	"github.com/go-playground/locales/ro"
	"github.com/go-playground/locales/ru"
	"github.com/go-playground/locales/so"
	"github.com/go-playground/locales/sw"
	"github.com/go-playground/locales/tr"
	"github.com/go-playground/locales/uk"
	"github.com/go-playground/locales/ur"
	"github.com/go-playground/locales/vi"
	"github.com/go-playground/locales/zh"
)

// dateLocale is the CLDR date forms of the language base: those of the
// languages health sites publish in most, and English's for the rest.
// English is written day first, as in "8 October 2023" (en-GB): the
// form the site has always used, the one most of the world reads
// without confusion.
func dateLocale(base string) locales.Translator {
	switch base {
	case "ar":
		return ar.New()
	case "bn":
		return bn.New()
	case "cy":
		return cy.New()
	case "de":
		return de.New()
	case "el":
		return el.New()
	case "es":
		return es.New()
	case "fa":
		return fa.New()
	case "fil", "tl":
		return fil.New()
	case "fr":
		return fr.New()
	case "he", "iw":
		return he.New()
	case "hi":
		return hi.New()
	case "it":
		return it.New()
	case "ja":
		return ja.New()
	case "ko":
		return ko.New()
	case "nl":
		return nl.New()
	case "pl":
		return pl.New()
	case "pt":
		return pt.New()
	case "ro":
		return ro.New()
	case "ru":
		return ru.New()
	case "so":
		return so.New()
	case "sw":
		return sw.New()
	case "tr":
		return tr.New()
	case "uk":
		return uk.New()
	case "ur":
		return ur.New()
	case "vi":
		return vi.New()
	case "zh":
		return zh.New()
	}
	return en_GB.New()
}
