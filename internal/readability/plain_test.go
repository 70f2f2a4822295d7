package readability

import (
	"fmt"
	"strings"
	"testing"
)

// TestPlainWords_BuiltInLists: each shipped language has a list of at
// least 150 terms, each with plain words that are not the term itself,
// and the lists name the pairs the issue names.
func TestPlainWords_BuiltInLists(t *testing.T) {
	langs := PlainWordLanguages()
	if strings.Join(langs, " ") != "en es" {
		t.Fatalf("languages %v, want en es", langs)
	}
	for _, lang := range langs {
		words := PlainWords(lang)
		if len(words) < 150 {
			t.Errorf("%s: %d terms, want at least 150", lang, len(words))
		}
		for term, plain := range words {
			if strings.TrimSpace(plain) == "" || strings.EqualFold(term, plain) || term != strings.ToLower(term) {
				t.Errorf("%s: %q: %q", lang, term, plain)
			}
		}
	}
	for _, tc := range []struct{ lang, term, plain string }{
		{"en", "hypertension", "high blood pressure"}, {"en", "myocardial infarction", "heart attack"}, {"en", "analgesic", "painkiller"},
		{"en", "edema", "swelling"}, {"en", "oedema", "swelling"}, {"es", "hipertensión", "presión arterial alta"}, {"es-MX", "edema", "hinchazón"},
	} {
		if got := PlainWords(tc.lang)[tc.term]; got != tc.plain {
			t.Errorf("PlainWords(%s)[%q] = %q, want %q", tc.lang, tc.term, got, tc.plain)
		}
	}
	if PlainWords("ar") != nil {
		t.Error("a list for Arabic")
	}
}

// marked shows the spans of text in brackets, for tables.
func marked(text string, spans [][2]int) string {
	var b strings.Builder
	last := 0
	for _, s := range spans {
		b.WriteString(text[last:s[0]] + "[" + text[s[0]:s[1]] + "]")
		last = s[1]
	}
	return b.String() + text[last:]
}

func TestChecker_Jargon(t *testing.T) {
	for _, tc := range []struct{ lang, text, want string }{
		{"en", "Hypertension is common.", "[Hypertension] is common."},
		{"en", "Untreated hypertension causes strokes.", "Untreated [hypertension] causes strokes."},
		{"en", "Hypertension (high blood pressure) is common.", "[Hypertension!] (high blood pressure) is common."},
		{"en", "Raised pressure (hypertension) is common.", "Raised pressure ([hypertension!]) is common."},
		{"en", "Hypertension, or high blood pressure, is common.", "[Hypertension!], or high blood pressure, is common."},
		{"en", "You may have hypertension and need treatment.", "You may have [hypertension] and need treatment."},
		{"en", "Hypertension means your blood pushes hard on your arteries.", "[Hypertension!] means your blood pushes hard on your arteries."},
		{"en", "A myocardial infarction is a heart attack.", "A [myocardial infarction!] is a heart attack."},
		{"en", "Take an analgesic. Analgesics help.", "Take an [analgesic]. [Analgesics] help."},
		{"en", "Oedema and edema are both swelling.", "[Oedema!] and [edema!] are both swelling."},
		{"en", "Deep vein thrombosis is a clot.", "[Deep vein thrombosis!] is a clot."},
		{"en", "Deep vein thrombosis can kill.", "[Deep vein thrombosis] can kill."},
		{"en", "A thrombosis can form.", "A [thrombosis] can form."},
		{"en", "Hypertensions are not a word, hypertensive is.", "[Hypertensions] are not a word, hypertensive is."},
		{"en", "Two comorbidities.", "Two [comorbidities]."},
		{"en", "Non-steroidal anti-inflammatory drugs help.", "[Non-steroidal anti-inflammatory drugs] help."},
		{"en", "Anti-inflammatory gel helps.", "[Anti-inflammatory] gel helps."},
		{"en", "The pain is acute.", "The pain is [acute]."},
		{"en", "Cute cuts.", "Cute cuts."},
		{"en", "Many have diabetes mellitus.", "Many have [diabetes mellitus]."},
		{"es", "La hipertensión es frecuente.", "La [hipertensión] es frecuente."},
		{"es", "La hipertensión (presión arterial alta) es frecuente.", "La [hipertensión!] (presión arterial alta) es frecuente."},
		{"es", "Un dolor crónico y una tos crónica.", "Un dolor [crónico] y una tos [crónica]."},
		{"es", "Varias contusiones.", "Varias [contusiones]."},
		{"es", "Un infarto agudo de miocardio.", "Un [infarto agudo de miocardio]."},
		{"fr", "Une hypertension.", "Une hypertension."},
	} {
		c := NewChecker(tc.lang, PlainWords(tc.lang), nil)
		got := tc.text
		js := c.Jargon(tc.text)
		for i := len(js) - 1; i >= 0; i-- { // from the end, so that offsets hold
			j, mark := js[i], ""
			if j.Explained {
				mark = "!"
			}
			got = got[:j.Start] + "[" + got[j.Start:j.End] + mark + "]" + got[j.End:]
		}
		if got != tc.want {
			t.Errorf("%s %q:\n got %s\nwant %s", tc.lang, tc.text, got, tc.want)
		}
	}
}

// TestChecker_JargonOverrides: a site's list changes a suggestion,
// switches a term off (no plain words) and adds a term.
func TestChecker_JargonOverrides(t *testing.T) {
	words := PlainWords("en")
	words["hypertension"] = "raised blood pressure"
	words["tachycardia"] = ""
	words["fascia"] = "connective tissue"
	c := NewChecker("en", words, nil)
	var got []string
	for _, j := range c.Jargon("Hypertension, tachycardia and tight fascia.") {
		got = append(got, j.Plain)
	}
	if want := "raised blood pressure|connective tissue"; strings.Join(got, "|") != want {
		t.Errorf("got %s, want %s", strings.Join(got, "|"), want)
	}
}

func TestChecker_Passives(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"The medicine should be taken with food.", "The medicine [should be taken] with food."},
		{"The tablets are taken twice a day.", "The tablets [are taken] twice a day."},
		{"It must not be used by children.", "It must not be used by children."},
		{"Insulin is made by the pancreas.", "Insulin is made by the pancreas."},
		{"The dose was increased after a week.", "The dose [was increased] after a week."},
		{"A scan is usually needed.", "A scan [is usually needed]."},
		{"The results have been checked, and you are fine.", "The results [have been checked], and you are fine."},
		{"Surgery is rarely recommended.", "Surgery [is rarely recommended]."},
		{"I am tired and my knee is swollen.", "I am tired and my knee is swollen."},
		{"The clinic is located in town and we are married.", "The clinic is located in town and we are married."},
		{"The bandage is made of cotton.", "The bandage is made of cotton."},
		{"Ibuprofen is used to treat pain.", "Ibuprofen is used to treat pain."},
		{"She was born in May.", "She was born in May."},
		{"The bed is red.", "The bed is red."},
		{"This is called tennis elbow.", "This is called tennis elbow."},
		{"Take the medicine with food.", "Take the medicine with food."},
		{"You are interested in walking.", "You are interested in walking."},
		{"Surgery is associated with risks.", "Surgery is associated with risks."},
		{"The wound was cleaned, then dressed by a nurse.", "The wound [was cleaned], then dressed by a nurse."},
		{"Stitches are removed after ten days.", "Stitches [are removed] after ten days."},
	} {
		var spans [][2]int
		for _, s := range NewChecker("en", nil, nil).Passives(tc.text) {
			spans = append(spans, [2]int{s.Start, s.End})
		}
		if got := marked(tc.text, spans); got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.text, got, tc.want)
		}
	}
	if got := NewChecker("es", nil, nil).Passives("The medicine should be taken."); got != nil {
		t.Errorf("Spanish: %v", got)
	}
}

func TestChecker_Abbreviations(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Ask your GP about an MRI.", "Ask your [GP] about an [MRI]."},
		{"Magnetic resonance imaging (MRI) is safe.", "Magnetic resonance imaging ([MRI!]) is safe."},
		{"An MRI (magnetic resonance imaging) scan.", "An [MRI!] (magnetic resonance imaging) scan."},
		{"NSAIDs such as ibuprofen.", "[NSAID]s such as ibuprofen."},
		{"Non-steroidal anti-inflammatory drugs (NSAIDs).", "Non-steroidal anti-inflammatory drugs ([NSAID!]s)."},
		{"The UK and the US. OK? Watch TV at 9 PM.", "The UK and the US. OK? Watch TV at 9 PM."},
		{"Type II diabetes.", "Type II diabetes."},
		{"DO NOT STOP taking it.", "DO NOT STOP taking it."},
		{"A lone (COPD) in brackets.", "A lone ([COPD!]) in brackets."},
		{"(COPD) opens it.", "([COPD]) opens it."},
		{"I saw a Dr. A.", "I saw a Dr. A."},
		{"The NHS aims high.", "The [NHS] aims high."},
		{"COVID-19 spreads.", "COVID-19 spreads."},
		{"[!DANGER] Hot. [TIP] Rest.", "[!DANGER] Hot. [TIP] Rest."},
	} {
		c := NewChecker("en", nil, KnownAbbreviations("en"))
		got := tc.text
		as := c.Abbreviations(tc.text)
		for i := len(as) - 1; i >= 0; i-- {
			a := as[i]
			w := a.Word
			if a.Defines {
				w += "!"
			}
			got = got[:a.Start] + "[" + w + "]" + got[a.Start+len(a.Word):]
		}
		if got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.text, got, tc.want)
		}
	}
	c := NewChecker("en", nil, []string{"NHS", "GPs"})
	if got := c.Abbreviations("The NHS and your GP."); len(got) != 0 {
		t.Errorf("known abbreviations flagged: %s", fmt.Sprint(got))
	}
}
