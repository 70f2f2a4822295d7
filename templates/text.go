package templates

import (
	"context"
	"io"

	"github.com/a-h/templ"

	"healthsite/internal/i18n"
)

// slot is what fills one place of an interface text: a link, a date.
type slot struct {
	name string
	c    templ.Component
}

// fill fills the place name of a text with c.
func fill(name string, c templ.Component) slot { return slot{name, c} }

// sentence writes the interface text key of the language l with each
// of its places filled by a slot's markup, in the order the language
// puts them: "Updated <time>…</time>", "Revisado el <time>…</time>".
// The text around the places is escaped as templ escapes any text.
func sentence(l *i18n.Language, key string, slots ...slot) templ.Component {
	names := make([]string, len(slots))
	for i, s := range slots {
		names[i] = s.name
	}
	pieces := l.Pieces(key, names...)
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		for _, p := range pieces {
			if p.Slot == "" {
				if _, err := io.WriteString(w, templ.EscapeString(p.Text)); err != nil {
					return err
				}
				continue
			}
			for _, s := range slots {
				if s.name == p.Slot {
					if err := s.c.Render(ctx, w); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}
