package article

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/adrg/frontmatter"
)

// FuzzFrontMatter fuzzes the front-matter reader alone, faster than a
// whole article: any input is split and decoded without a panic, and a
// syntax error, or any value, is placed on a line of the file, with a
// message that shows no parser internals.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\n---\n", "+++\ntitle = \"A\"\n+++\n", "{\n\"title\": \"A\"\n}\n\n",
		"---\ntitle: [\n---\n", "---\n\ttitle: A\n---\n", "---\ntitle: 'It's'\n---\n", "+++\ntitle = \"\"\"\n+++\n",
		"{\n\"a\": {\"b\": [1, 2,\n}\n\n", "---\na: &x [*x]\n---\n", "---json\n{}\n---\n", ";;;\n{}\n;;;\n",
		"---\ndate: 2023-10-08T09:00:00+01:00\ntags: [a, b]\nsources:\n  - title: T\n    url: https://x.org\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		b, _, dataLine, bodyLine, _, err := split(src)
		if err != nil || b.data == nil {
			return
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		if dataLine < 1 || dataLine > lines || bodyLine < dataLine || bodyLine > lines+1 {
			t.Fatalf("block at lines %d to %d of a %d-line file", dataLine, bodyLine, lines)
		}
		n, err := decode(b, dataLine)
		var se *syntaxError
		switch {
		case errors.As(err, &se):
			if se.line < 0 || se.line > lines || se.col < 0 || se.msg == "" {
				t.Fatalf("syntax error at %d:%d of a %d-line file: %q", se.line, se.col, lines, se.msg)
			}
			for _, bad := range []string{"EOF", "goroutine", "panic", "yaml:", "toml:"} {
				if strings.Contains(se.msg, bad) {
					t.Errorf("message %q shows %q", se.msg, bad)
				}
			}
		case err != nil:
			// Other errors are reported by the caller as they are.
		case n == nil:
			t.Fatal("no error and no front matter")
		default:
			var walk func(n *node, depth int)
			walk = func(n *node, depth int) {
				if depth > 1000 {
					t.Fatal("front matter nested over 1,000 deep")
				}
				if n.line < 0 || n.line > lines {
					t.Fatalf("a value placed on line %d of a %d-line file", n.line, lines)
				}
				for _, it := range n.items {
					walk(it, depth+1)
				}
				for _, fl := range n.fields {
					walk(fl.value, depth+1)
				}
			}
			walk(n, 0)
		}
	})
}

// FuzzSplitReadsOnlyTheBlock: split gives the parser only the block when
// it can find where it ends, and must find what the parser finds when
// given the whole file.
func FuzzSplitReadsOnlyTheBlock(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\n---\nBody\n", "\n\n  ---  \ntitle: A\n --- \n\nBody", "+++\ntitle = \"A\"\n+++", "{\n\"title\": \"A\"\n}\n\nBody",
		"---\ntitle: A\n", "---yaml\na: 1\n---\n---\n", ";;;\n{}\n;;;\nx", "Just text\n---\n", "---\n---\n", "---json\n{}\n---",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		b, body, dataLine, bodyLine, fence, err := split(src)
		var whole block
		wantBody, wantErr := frontmatter.Parse(bytes.NewReader(src), &whole, formats()...)
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("split: %v; the parser on the whole file: %v", err, wantErr)
		}
		if err != nil {
			return
		}
		if !bytes.Equal(body, wantBody) || !bytes.Equal(b.data, whole.data) || b.format != whole.format || b.delims != whole.delims {
			t.Fatalf("split found block %q and body %q; the parser on the whole file %q and %q", b.data, body, whole.data, wantBody)
		}
		if len(body) > len(src) || !bytes.HasSuffix(src, body) {
			t.Fatalf("the body %q is not the end of the file", body)
		}
		_, _, _ = dataLine, bodyLine, fence
	})
}

// FuzzCountWords: countWords counts as strings.Fields splits.
func FuzzCountWords(f *testing.F) {
	for _, s := range []string{"", " a  b\tc\n", "\u00a0x\u2003y\u3000", "\xff\xfe a", "one"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countWords(s), len(strings.Fields(s)); got != want {
			t.Errorf("countWords(%q) = %d, want %d", s, got, want)
		}
	})
}
