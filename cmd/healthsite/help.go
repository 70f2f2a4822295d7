package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// command is a subcommand as help describes it. Its flags come from the
// very FlagSet it parses, so help can never miss one.
type command struct {
	name  string
	args  string   // what follows the flags, e.g. "Title"; "" for nothing
	must  []string // flags that are required, shown without brackets
	about string   // what it does, in a sentence or two
	flags func(getenv func(string) string, stderr io.Writer) *flag.FlagSet
}

// commands are the subcommands, in the order help lists them.
func commands() []command {
	return []command{
		{name: "serve", about: "Serves the site; the default command. With -dev, the editors' preview: it watches the content folder, reloads the open page after each save, shows drafts and scheduled articles, and shows problems in the page.",
			flags: func(g func(string) string, w io.Writer) *flag.FlagSet { f, _ := serveFlags(g, w); return f }},
		{name: "build", must: []string{"out"}, about: "Writes every page of the site as files, for nginx, a CDN or an object store. Refuses a base URL on this machine (localhost) unless -base-url gives it or -allow-local is set, and the built-in sample articles at a real address unless -sample is set.",
			flags: func(g func(string) string, w io.Writer) *flag.FlagSet { f, _ := buildFlags(g, w); return f }},
		{name: "check", about: "Checks every article and site.yaml, lists each problem as path:line:col and each scheduled article, and exits 1 on errors.",
			flags: func(g func(string) string, w io.Writer) *flag.FlagSet { f, _ := checkFlags(g, w); return f }},
		{name: "new", args: `"Article title"`, about: "Writes a new article file into the content folder with every front-matter field (the author from HEALTHSITE_AUTHOR); never overwrites one.",
			flags: func(g func(string) string, w io.Writer) *flag.FlagSet { f, _ := newFlags(g, w); return f }},
		{name: "import", args: "SRC DST", about: "Brings a Hugo or Jekyll site, or a folder of Markdown, over: converts the files in SRC into articles in DST, a new or empty folder (it never writes over a file), with the pictures they show and a site.yaml, and prints what became of every file and what it could not carry.",
			flags: func(g func(string) string, w io.Writer) *flag.FlagSet { f, _, _ := importFlags(g, w); return f }},
	}
}

// lookupCommand returns the command called name.
func lookupCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// newFlagSet is a FlagSet for the command name whose -h prints that
// command's part of the help to stderr.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fset := flag.NewFlagSet(name, flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() {
		if c, ok := lookupCommand(name); ok {
			c.write(stderr, fset)
		}
	}
	return fset
}

// synopsis is the command's usage line, made from its flags.
func (c command) synopsis(fset *flag.FlagSet) string {
	var b strings.Builder
	b.WriteString("healthsite ")
	if c.name == "serve" {
		b.WriteString("[serve]")
	} else {
		b.WriteString(c.name)
	}
	fset.VisitAll(func(f *flag.Flag) {
		arg, _ := flag.UnquoteUsage(f)
		s := "-" + f.Name
		if arg != "" {
			s += " " + arg
		}
		for _, m := range c.must {
			if m == f.Name {
				b.WriteString(" " + s)
				return
			}
		}
		b.WriteString(" [" + s + "]")
	})
	if c.args != "" {
		b.WriteString(" " + c.args)
	}
	return b.String()
}

// write writes the command's part of the help: usage, what it does,
// and every flag with its default.
func (c command) write(w io.Writer, fset *flag.FlagSet) {
	fmt.Fprintf(w, "%s\n\n%s\n\n", c.synopsis(fset), wrap(c.about, 76, "  "))
	out := fset.Output()
	fset.SetOutput(w)
	fset.PrintDefaults()
	fset.SetOutput(out)
}

const helpIntro = `healthsite publishes a folder of Markdown health articles as a website.

Every command reads the same content: the folder given with -content (or
HEALTHSITE_CONTENT), else ./content when there is one, else the sample
articles built into the program. Its first line of output says which.
`

// writeHelp writes the help of the command name, or of every command
// when name is "".
func writeHelp(w io.Writer, getenv func(string) string, name string) error {
	if name != "" {
		c, ok := lookupCommand(name)
		if !ok {
			return fmt.Errorf("unknown command %q (use serve, build, check, new, import or help)", name)
		}
		c.write(w, c.flags(getenv, io.Discard))
		return nil
	}
	fmt.Fprint(w, helpIntro)
	for _, c := range commands() {
		fmt.Fprintln(w)
		c.write(w, c.flags(getenv, io.Discard))
	}
	fmt.Fprint(w, "\nhealthsite help [COMMAND]\n\n  Shows this help, or one command's.\n")
	return nil
}

// wrap breaks s into lines of at most width characters, each indented.
func wrap(s string, width int, indent string) string {
	var b strings.Builder
	line := indent
	for _, word := range strings.Fields(s) {
		if len(line) > len(indent) && len(line)+1+len(word) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += word
	}
	b.WriteString(line)
	return b.String()
}

// parseFlags parses the flags of a subcommand that takes no other
// arguments; help is true when -h asked for the usage, printed already.
func parseFlags(fset *flag.FlagSet, args []string) (help bool, err error) {
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, err
	}
	if fset.NArg() > 0 {
		return false, unexpectedArgs(fset, args)
	}
	return false, nil
}

// unexpectedArgs explains the arguments after a command's flags, which
// it does not take. The likeliest meaning of `healthsite check DIR` is
// the folder to check, and the message shows how to say so.
func unexpectedArgs(fset *flag.FlagSet, args []string) error {
	i := len(args) - fset.NArg()
	if _, ok := lookupCommand(args[i]); ok && fset.Name() == "serve" {
		// healthsite -content DIR check: the flags came before the
		// command, so they were taken as serve's.
		return fmt.Errorf("the command comes before its flags: %s", quoteArgs(append(append([]string{"healthsite", args[i]}, args[:i]...), args[i+1:]...)))
	}
	if fset.Lookup("content") == nil {
		return fmt.Errorf("unexpected arguments %q (%s takes only flags; see healthsite help %s)", fset.Args(), fset.Name(), fset.Name())
	}
	dir := args[i]
	suggest := quoteArgs(append(append(append([]string{"healthsite", fset.Name()}, args[:i]...), "-content", dir), args[i+1:]...))
	if info, err := os.Stat(dir); err == nil && info.IsDir() {
		return fmt.Errorf("%s takes the folder with -content: %s", fset.Name(), suggest)
	}
	return fmt.Errorf("unexpected arguments %q (%s takes only flags; to read a folder of articles, give it with -content: %s)", fset.Args(), fset.Name(), suggest)
}

// quoteArgs is a command line as one would type it in a shell.
func quoteArgs(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if a == "" || strings.ContainsAny(a, " \t'\"$`\\") {
			out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return strings.Join(out, " ")
}
