package sample

import "testing/fstest"

// Languages returns a small content folder in three languages, English
// at / and Spanish and Arabic under /es/ and /ar/, for the tests of
// multilingual sites: the knee article is translated into both (into
// Spanish by file name, into Arabic by translation_of:), the sleep
// article into Spanish only, and each further language has an article
// of its own and a page; the authors have profiles.
func Languages() fstest.MapFS {
	files := map[string]string{
		"site.yaml": "name: Clear Health\ntagline: Plain words on health\nlanguage: en\nbase_url: https://health.example.org\ntimezone: UTC\n" +
			"languages:\n  es: {name: Salud Clara, tagline: Artículos claros sobre la salud}\n  ar: {name: صحة واضحة, tagline: مقالات واضحة عن الصحة}\n",
		"authors.yaml": "Ann Lee:\n  credentials: RN\n  bio: A nurse who writes about joints.\nDr Bo Chan:\n  credentials: MD\n  bio: A doctor who reviews articles.\n",
		"knee-pain.md": articleFile("Knee pain", "Ann Lee", "2024-01-10", "[knees, exercise]", "reviewed_by: Dr Bo Chan\nreviewed: 2024-01-12\n",
			"Knee pain is common. Doctors say gentle exercise helps most people.\n\n## What helps\n\nWalking and stretching.\n\n## When to see a doctor\n\nIf the knee swells or locks, see a doctor.\n\nRead also [Sleep](/articles/sleep/)."),
		"sleep.md":       articleFile("Sleep", "Ann Lee", "2024-01-12", "[sleep]", "", "Sleep helps the body recover.\n\n## A routine\n\nGo to bed at the same time."),
		"walking.md":     articleFile("Walking", "Ann Lee", "2024-01-14", "[exercise]", "", "Walking is gentle exercise."),
		"pages/about.md": "---\ntitle: About us\nsummary: Who we are.\n---\n\nWe are a clinic.\n",
		"es/knee-pain.md": articleFile("Dolor de rodilla", "Ann Lee", "2024-02-01", "[rodillas, ejercicio]", "slug: dolor-de-rodilla\n",
			"El dolor de rodilla es frecuente. Los médicos dicen que el ejercicio suave ayuda a la mayoría de las personas.\n\n## Qué ayuda\n\nCaminar y estirar.\n\n## Cuándo ver a un médico\n\nSi la rodilla se hincha o se bloquea, consulte a un médico.\n\nLea también [Sueño](/es/articles/sueno/)."),
		"es/sueno.md":       articleFile("Sueño", "Ann Lee", "2024-02-02", "[sueño]", "translation_of: sleep\n", "Dormir ayuda al cuerpo a recuperarse."),
		"es/espalda.md":     articleFile("Dolor de espalda", "Ann Lee", "2024-02-03", "[espalda]", "", "El dolor de espalda mejora con movimiento."),
		"es/pages/about.md": "---\ntitle: Quiénes somos\nsummary: Quiénes somos.\n---\n\nSomos una clínica.\n",
		"ar/rukba.md": articleFile("ألم الركبة", "Ann Lee", "2024-02-05", "[الركبة]", "translation_of: knee-pain\n",
			"ألم الركبة شائع. يقول الأطباء إن التمارين الخفيفة تساعد معظم الناس.\n\n## ما الذي يساعد\n\nالمشي والتمدد."),
		"ar/naum.md":        articleFile("النوم الجيد", "Ann Lee", "2024-02-06", "[النوم]", "", "النوم يساعد الجسم على التعافي."),
		"ar/pages/about.md": "---\ntitle: من نحن\nsummary: من نحن.\n---\n\nنحن عيادة.\n",
	}
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// articleFile is an article file with the given fields and body.
func articleFile(title, author, date, tags, extra, body string) string {
	return "---\ntitle: " + title + "\nauthor: " + author + "\ndate: " + date + "\nsummary: " + title + ".\ntags: " + tags + "\n" + extra + "---\n\n" + body + "\n"
}
