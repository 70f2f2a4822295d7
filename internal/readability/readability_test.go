package readability

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestSyllables(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		words string // word=count ...
	}{
		{"en", "the=1 australian=4 platypus=3 is=1 seemingly=3 a=1 hybrid=2 of=1 mammal=2 and=1 reptilian=4 creature=2"},
		{"en", "make=1 makes=1 table=2 tables=2 walked=1 wanted=2 needed=2 boxes=2 stages=2 free=1 media=3 radio=3 usual=3 video=3 nation=2 vision=2 physician=3 delicious=3 religion=3"},
		{"en", "pain=1 knee=1 shoulder=2 physiotherapy=6 inflammation=4 stretching=2 exercise=3 doctor=2 release=2 fascia=3 tissue=2 blood=1 pressure=2 swelling=2 painkiller=3 heart=1 attack=2 ibuprofen=4 everyday=3 you're=1 don't=1 it's=1 2023=1"},
		{"es", "médico=3 médicos=3 leer=2 poeta=3 río=2 ciudad=2 aire=2 miércoles=3 hoy=1 muy=1 guerra=2 pingüino=3 que=1 dolor=2 rodilla=3 fisioterapia=5 salud=2 y=1 reyes=2"},
		{"fr", "douleur=2 médecin=3 santé=2 genou=2 muscle=2 exercices=3 exercice=3"},
		{"de", "schmerz=1 knie=1 therapie=3 arzt=1 muskel=2 gesundheit=3"},
		{"pt", "não=1 saúde=3 mãe=1 dor=1 joelho=3 médico=3"},
	} {
		for _, pair := range strings.Fields(tc.words) {
			word, count, _ := strings.Cut(pair, "=")
			n, err := strconv.Atoi(count)
			if err != nil {
				t.Fatal(err)
			}
			if got := Syllables(tc.lang, word); got != n {
				t.Errorf("Syllables(%s, %q) = %d, want %d", tc.lang, word, got, n)
			}
		}
	}
}

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		name, lang, text string
		want             []string
	}{
		{"plain", "en", "Rest the knee. Ice helps! Does it hurt?", []string{"Rest the knee.", "Ice helps!", "Does it hurt?"}},
		{"titles", "en", "Ask Dr. Marsh or Mrs. Lee first. Then rest.", []string{"Ask Dr. Marsh or Mrs. Lee first.", "Then rest."}},
		{"latin abbreviations", "en", "Use cold, e.g. ice or a pack, i.e. nothing hot. Then rest.", []string{"Use cold, e.g. ice or a pack, i.e. nothing hot.", "Then rest."}},
		{"numbers", "en", "Take 2.5 ml twice a day. Stop after 3 days.", []string{"Take 2.5 ml twice a day.", "Stop after 3 days."}},
		{"initials", "en", "J. R. Smith wrote it. It helps.", []string{"J. R. Smith wrote it.", "It helps."}},
		{"list number", "en", "1. Rest the knee for a day.", []string{"1. Rest the knee for a day."}},
		{"quotes", "en", "She said \"stop.\" He did.", []string{"She said \"stop.\"", "He did."}},
		{"no words", "en", "— ", nil},
		{"spanish", "es", "Consulte a la Dra. Marsh. ¿Le duele? Descanse.", []string{"Consulte a la Dra. Marsh.", "¿Le duele?", "Descanse."}},
		{"german", "de", "Kühlen Sie z.B. mit Eis. Dann ruhen.", []string{"Kühlen Sie z.B. mit Eis.", "Dann ruhen."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range Split(tc.lang, tc.text) {
				got = append(got, s.Text(tc.text))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("Split(%q)\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestMeasure_WorkedExamples: the formulas against worked examples.
func TestMeasure_WorkedExamples(t *testing.T) {
	// Flesch–Kincaid's example sentence, grade 13.1: 13 words, 26 syllables.
	const platypus = "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature."
	r := Measure("en", Split("en", platypus))
	if r.Words != 13 || r.Syllables != 26 || r.Sentences != 1 || math.Abs(r.Grade-13.08) > 0.01 || !r.Graded {
		t.Errorf("platypus: %+v", r)
	}
	if got := r.String(); got != "grade 13.1 (reading age 18, Flesch–Kincaid)" {
		t.Errorf("String() = %q", got)
	}
	// The ease formulas at 15 words per sentence, 1.5 syllables per word.
	for _, tc := range []struct {
		lang  string
		score float64
	}{
		{"es", 206.835 - 62.3*1.5 - 15},
		{"fr", 207 - 1.015*15 - 73.6*1.5},
		{"de", 180 - 15 - 58.5*1.5},
		{"pt-BR", 248.835 - 1.015*15 - 84.6*1.5},
	} {
		f, ok := FormulaFor(tc.lang)
		if !ok {
			t.Fatalf("no formula for %s", tc.lang)
		}
		score, grade := f.grade(15, 1.5)
		if math.Abs(score-tc.score) > 1e-9 || grade != easeGrade(score) {
			t.Errorf("%s (%s): score %.2f grade %.2f, want score %.2f", tc.lang, f.Name, score, grade, tc.score)
		}
	}
	for _, lang := range []string{"ar", "zh", "pl", "sw"} {
		if r := Measure(lang, Split(lang, "Text. More text.")); r.Graded || r.String() != "no readability formula for this language" {
			t.Errorf("%s: %+v %q", lang, r, r)
		}
	}
}

func TestEaseGrade(t *testing.T) {
	for _, tc := range []struct{ ease, grade float64 }{
		{120, 4}, {100, 4}, {95, 4.5}, {90, 5}, {65, 7.75}, {60, 8.5}, {40, 12.5}, {0, 17}, {-20, 17},
	} {
		if got := easeGrade(tc.ease); math.Abs(got-tc.grade) > 1e-9 {
			t.Errorf("easeGrade(%v) = %v, want %v", tc.ease, got, tc.grade)
		}
	}
}

func TestWords(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Hands-on work, don't rush: take 2.5 ml.", "Hands-on|work|don't|rush|take|2.5|ml"},
		{"A well- and badly-made splint", "A|well|and|badly-made|splint"},
		{"pain—then relief", "pain|then|relief"},
		{"three-dimensional-ish", "three-dimensional-ish"},
		{"ends with a hyphen-", "ends|with|a|hyphen"},
	} {
		if got := strings.Join(Words(tc.text), "|"); got != tc.want {
			t.Errorf("Words(%q) = %s, want %s", tc.text, got, tc.want)
		}
	}
}
