package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"runtime"

	"healthsite/internal/article"
	"healthsite/internal/search"
)

// cacheOff, as -cache or HEALTHSITE_CACHE, turns the render cache off.
const cacheOff = "off"

// openRenderCache returns the render cache of the content folder dir
// (see article.RenderCache), or nil, and the content is rendered
// afresh, when cacheFile names none.
func openRenderCache(getenv func(string) string, setting, dir string) *article.RenderCache {
	file := cacheFile(getenv, setting, dir, "render")
	if file == "" {
		return nil
	}
	c, err := article.OpenRenderCache(file)
	if err != nil {
		return nil
	}
	return c
}

// openAnalysisCache returns the cache of the static search index's
// analyses of the content folder dir (see search.AnalysisCache), or nil
// when cacheFile names none.
func openAnalysisCache(getenv func(string) string, setting, dir string) *search.AnalysisCache {
	file := cacheFile(getenv, setting, dir, "analysis")
	if file == "" {
		return nil
	}
	c, err := search.OpenAnalysisCache(file)
	if err != nil {
		return nil
	}
	return c
}

// cacheFile is the file of the cache kind of the content folder dir: a
// file of its own in the folder -cache names, or else in the user's
// cache folder, as os.UserCacheDir finds it from getenv. It is "" for
// the built-in articles, with -cache off, or when no cache folder is
// known.
func cacheFile(getenv func(string) string, setting, dir, kind string) string {
	if dir == "" || setting == cacheOff {
		return ""
	}
	base := setting
	if base == "" {
		base = userCacheDir(getenv)
		if base == "" {
			return ""
		}
		base = filepath.Join(base, "healthsite")
	}
	if abs, err := filepath.Abs(base); err == nil {
		base = abs // a relative -cache is where it was when the program started
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(base, kind+"-"+hex.EncodeToString(sum[:8]))
}

// userCacheDir is os.UserCacheDir with the environment of getenv; ""
// when it names none.
func userCacheDir(getenv func(string) string) string {
	switch runtime.GOOS {
	case "windows":
		return getenv("LocalAppData")
	case "darwin", "ios":
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, "Library", "Caches")
		}
		return ""
	}
	if d := getenv("XDG_CACHE_HOME"); filepath.IsAbs(d) {
		return d
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".cache")
	}
	return ""
}

// saveCache saves a cache, when there is one, after a load or a build;
// a cache that cannot be written is a warning, since the site is built
// all the same.
// Both caches' Save does nothing on a nil cache.
func saveCache(c interface{ Save() error }, warn func(string)) {
	if err := c.Save(); err != nil {
		warn(fmt.Sprintf("the cache cannot be written, so the next build or start does all its work again: %v (give a folder this user can write with -cache DIR, or turn it off with -cache off)", err))
	}
}
