package site

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// TestSite_NoExportedVariables reads the package's source: it declares
// no exported variable, which any importer could change under every
// other (the order of Encodings once was one). Its few unexported ones
// are an error value and a pool of buffers.
func TestSite_NoExportedVariables(t *testing.T) {
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := f.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, spec := range g.Specs {
				for _, n := range spec.(*ast.ValueSpec).Names {
					if n.IsExported() {
						t.Errorf("%s declares the variable %s: make it a constant or a function", name, n.Name)
					}
				}
			}
		}
	}
}

// TestEncodings_MostPreferredFirst: brotli, then gzip, then the plain
// bytes, one of each.
func TestEncodings_MostPreferredFirst(t *testing.T) {
	if got := Encodings(); got != [NumEncodings]Encoding{Brotli, Gzip, Identity} {
		t.Errorf("Encodings() = %v", got)
	}
}
