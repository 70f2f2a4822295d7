package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"healthsite/internal/article"
)

// siteConfig is what an import takes from the source's configuration.
type siteConfig struct {
	file        string // the configuration file read; "" for none
	title       string
	description string
	baseURL     string // scheme and host, for site.yaml
	basePath    string // a path the old site was served under, such as /blog
	host        string // the old site's host, to recognise its absolute links
	language    string
	timezone    string
	loc         *time.Location
	params      map[string]any // Hugo's params, Jekyll's whole configuration
	contentDir  string         // Hugo's content folder
	keepCase    bool           // Hugo's disablePathToLower: addresses keep their capitals
	languages   []string       // other languages the configuration names
}

// readConfig reads the configuration of a site of the kind.
func readConfig(src fs.FS, kind string, r *Report) siteConfig {
	cfg := siteConfig{loc: time.UTC, contentDir: "content", params: map[string]any{}}
	var names []string
	switch kind {
	case Hugo:
		names = hugoConfigs
	case Jekyll:
		names = []string{"_config.yml", "_config.yaml"}
	}
	var m map[string]any
	for _, name := range names {
		body, err := fs.ReadFile(src, name)
		if err != nil {
			continue
		}
		m = map[string]any{}
		if err := unmarshalByName(name, body, &m); err != nil {
			r.note(name, 0, "the configuration cannot be read (%v), so site.yaml has the defaults", err)
			return cfg
		}
		cfg.file = name
		break
	}
	m = lowerKeys(m).(map[string]any)
	text := func(keys ...string) string {
		for _, k := range keys {
			if s, ok := m[k].(string); ok && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
		return ""
	}
	cfg.title = text("title")
	cfg.description = text("description", "tagline")
	cfg.language = text("languagecode", "defaultcontentlanguage", "lang", "language")
	cfg.timezone = text("timezone")
	if cfg.timezone != "" {
		if loc, err := time.LoadLocation(cfg.timezone); err == nil {
			cfg.loc = loc
		} else {
			r.note(cfg.file, 0, "the time zone %q is not known, so dates without a zone are read as UTC", cfg.timezone)
			cfg.timezone = ""
		}
	}
	if d := text("contentdir"); d != "" {
		cfg.contentDir = strings.Trim(d, "/")
	}
	switch kind {
	case Hugo:
		if p, ok := m["params"].(map[string]any); ok {
			cfg.params = p
		}
		if cfg.description == "" {
			if s, ok := cfg.params["description"].(string); ok {
				cfg.description = s
			}
		}
		cfg.setBase(text("baseurl"), "", r)
		cfg.keepCase, _ = m["disablepathtolower"].(bool)
		if d := hugoContentDir(m, text("defaultcontentlanguage")); d != "" {
			cfg.contentDir = d
		}
		if langs, ok := m["languages"].(map[string]any); ok {
			for tag := range langs {
				cfg.languages = append(cfg.languages, tag)
			}
		}
	case Jekyll:
		cfg.params = m
		cfg.setBase(text("url"), text("baseurl"), r)
	}
	return cfg
}

// hugoContentDir is the folder of a Hugo site's content in its main
// language when the configuration moves it from content/: a language's
// contentDir, or a module mount of a folder onto content (as Hugo's own
// documentation mounts content/en), or "".
func hugoContentDir(m map[string]any, lang string) string {
	if lang == "" {
		lang = "en"
	}
	if langs, ok := m["languages"].(map[string]any); ok {
		if l, ok := langs[strings.ToLower(lang)].(map[string]any); ok {
			if d, ok := l["contentdir"].(string); ok && strings.Trim(d, "/") != "" {
				return strings.Trim(d, "/")
			}
		}
	}
	mod, _ := m["module"].(map[string]any)
	mounts, _ := mod["mounts"].([]any) // lowerKeys made every list []any
	for _, e := range mounts {
		mount, _ := e.(map[string]any)
		src, _ := mount["source"].(string)
		target, _ := mount["target"].(string)
		l, _ := mount["lang"].(string)
		if strings.Trim(target, "/") == "content" && src != "" && (l == "" || strings.EqualFold(l, lang)) {
			return strings.Trim(src, "/")
		}
	}
	return ""
}

// setBase reads the site's address: Hugo's baseURL, or Jekyll's url and
// baseurl. healthsite serves a site at the root of its host, so a path
// is kept only to recognise the old links.
func (c *siteConfig) setBase(full, basePath string, r *Report) {
	if full == "" {
		c.basePath = "/" + strings.Trim(basePath, "/")
		return
	}
	u, err := url.Parse(full)
	if err != nil || u.Host == "" {
		c.basePath = "/" + strings.Trim(basePath, "/")
		return
	}
	c.host = u.Host
	p := strings.Trim(u.Path, "/")
	if bp := strings.Trim(basePath, "/"); bp != "" {
		p = strings.Trim(p+"/"+bp, "/")
	}
	c.basePath = "/" + p
	base, err := article.ParseBaseURL(u.Scheme + "://" + u.Host)
	if err != nil {
		return
	}
	c.baseURL = base
	if p != "" {
		r.note(c.file, 0, "the old site was served under /%s; healthsite serves it at the root of %s, and links under /%s are read as links to the site's own pages", p, base, p)
	}
}

// unmarshalByName decodes a configuration file by its extension.
func unmarshalByName(name string, body []byte, v *map[string]any) error {
	switch {
	case strings.HasSuffix(name, ".toml"):
		return toml.Unmarshal(body, v)
	case strings.HasSuffix(name, ".json"):
		return json.Unmarshal(body, v)
	}
	return yaml.Unmarshal(body, v)
}

// lowerKeys returns v with every map key in lower case, so that Hugo's
// baseURL and publishDate are found however a site spells them.
func lowerKeys(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[strings.ToLower(k)] = lowerKeys(e)
		}
		return m
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[strings.ToLower(fmt.Sprint(k))] = lowerKeys(e)
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = lowerKeys(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = lowerKeys(e)
		}
		return out
	case nil:
		return map[string]any(nil)
	}
	return v
}

// siteYAML is the site.yaml of the imported site.
func (c *siteConfig) siteYAML(languages []string) []byte {
	var n yaml.Node
	n.Kind = yaml.MappingNode
	add := func(k, v string) {
		if v == "" {
			return
		}
		n.Content = append(n.Content, strNode(k), strNode(v))
	}
	add("name", c.title)
	add("description", c.description)
	if c.language != "" && languageTag(c.language) {
		add("language", c.language)
	}
	add("base_url", c.baseURL)
	add("timezone", c.timezone)
	if len(languages) > 0 {
		langs := &yaml.Node{Kind: yaml.MappingNode}
		for _, l := range languages {
			langs.Content = append(langs.Content, strNode(l), &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle})
		}
		n.Content = append(n.Content, strNode("languages"), langs)
	}
	if len(n.Content) == 0 {
		return nil
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	_ = enc.Encode(&n)
	return b.Bytes()
}

// languageTag reports whether s looks like a BCP 47 tag that site.yaml
// accepts, such as en or en-US.
func languageTag(s string) bool {
	for i, part := range strings.Split(s, "-") {
		if len(part) < 2 || len(part) > 8 || i == 0 && len(part) > 3 {
			return false
		}
		for _, r := range part {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}

// strNode is a YAML string, quoted by the encoder wherever YAML would
// read it as something else.
func strNode(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
