package sample

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"
)

// translations are the vocabularies of the further languages a
// generated site can have. Section titles have no accents, so that
// the anchors the articles link to are the same whatever the heading
// IDs do with them.
var translations = map[string]vocab{
	"es": {
		topics: []string{"dolor de espalda", "dolor de cuello", "sueño", "dolor de rodilla", "postura", "estiramientos", "correr",
			"dolores de cabeza", "dolor de hombro", "movilidad de cadera", "estrés", "respiración", "trabajo de oficina", "recuperación", "caminar"},
		authors: english.authors,
		openers: []string{"Qué ayuda con", "Una mirada a", "Vivir con", "Cinco preguntas sobre",
			"Empezar con", "Mitos y datos sobre", "Aliviar", "Entender"},
		sections: []string{"Que es", "Por que ocurre", "Que puede hacer en casa", "Cuando consultar",
			"Lo que dice la investigacion", "Una semana normal", "Errores comunes", "Preguntas para hacer"},
		words: strings.Fields(`los músculos y las articulaciones se mueven mejor cuando están calientes el movimiento
			suave cada día ayuda a la mayoría de las personas a sentirse mejor en unas semanas el dolor es una señal
			no un veredicto la práctica lenta y constante vale más que el esfuerzo corto hable con un profesional si
			los síntomas cambian de pronto pequeños cambios en la silla y la pantalla suman con el tiempo respirar
			despacio ayuda al cuerpo la tensión baja después de una ducha caliente o un paseo corto`),
		readNext: "Lea también: [otra mirada](%s) y [una pregunta relacionada](%s).\n",
	},
	"fr": {
		topics: []string{"mal de dos", "douleur au cou", "sommeil", "douleur au genou", "posture", "étirements", "course",
			"maux de tête", "douleur à l'épaule", "mobilité de la hanche", "stress", "respiration", "travail de bureau", "récupération", "marche"},
		authors: english.authors,
		openers: []string{"Ce qui aide contre", "Un regard sur", "Vivre avec", "Cinq questions sur",
			"Commencer avec", "Mythes et faits sur", "Soulager", "Comprendre"},
		sections: []string{"En bref", "Pourquoi cela arrive", "Ce que vous pouvez faire", "Quand consulter",
			"Ce que dit la recherche", "Une semaine type", "Erreurs courantes", "Questions a poser"},
		words: strings.Fields(`les muscles et les articulations bougent mieux quand ils restent au chaud un mouvement
			doux chaque jour aide la plupart des gens à se sentir mieux en quelques semaines la douleur est un signal
			pas un verdict une pratique lente et régulière vaut mieux que des efforts brefs parlez à un professionnel si
			les symptômes changent soudain de petits changements de chaise et d'écran comptent avec le temps respirer
			lentement aide le corps la tension baisse après une douche chaude ou une courte marche`),
		readNext: "À lire aussi : [un autre regard](%s) et [une question proche](%s).\n",
	},
}

// LanguageCodes is the languages a generated site can be written in: the
// main language's code first ("en"), then those Multilingual can
// translate into.
func LanguageCodes() []string { return []string{"en", "es", "fr"} }

// Multilingual returns the content folder of Articles(n, seed) in
// English, with every article translated into each further language
// of langs (the first must be "en"; the others "es" or "fr"): the
// translation of article-00042.md is es/article-00042.md, a file of the
// same name in its language's folder, and its links lead to articles of
// its own language.
func Multilingual(n int, seed uint64, langs []string) (fstest.MapFS, error) {
	if len(langs) == 0 || langs[0] != "en" {
		return nil, fmt.Errorf("the first language must be en, not %q", strings.Join(langs, ","))
	}
	settings := Settings
	if len(langs) > 1 {
		settings += "languages:\n"
	}
	fsys := Articles(n, seed)
	for _, lang := range langs[1:] {
		v, ok := translations[lang]
		if !ok {
			return nil, fmt.Errorf("no words for the language %q: one of %s", lang, strings.Join(LanguageCodes(), ", "))
		}
		if fsys[lang+"/"+Slug(0)+".md"] != nil {
			return nil, fmt.Errorf("the language %q is listed twice", lang)
		}
		settings += fmt.Sprintf("  %s: {name: Sample Health %s}\n", lang, strings.ToUpper(lang))
		// The same seed as the English articles: each translation makes
		// the same choices as its original, so it has the same dates.
		r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
		for i := range n {
			fsys[lang+"/"+Slug(i)+".md"] = &fstest.MapFile{Data: write(r, v, "/"+lang, i, n, newest().Add(-time.Duration(i)*6*time.Hour))}
		}
	}
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte(settings)}
	return fsys, nil
}

// WriteLanguages writes Multilingual(n, seed, langs) into dir, creating
// it and the folders of the further languages if needed.
func WriteLanguages(dir string, n int, seed uint64, langs []string) error {
	fsys, err := Multilingual(n, seed, langs)
	if err != nil {
		return err
	}
	for name, f := range fsys {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
