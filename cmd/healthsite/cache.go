package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"runtime"
)

// cacheOff, as -cache or HEALTHSITE_CACHE, turns the render cache off.
const cacheOff = "off"

// openCache opens the cache kind of the content folder dir with open:
// the render cache (article.OpenRenderCache) or the static index's
// analyses (search.OpenAnalysisCache). It returns nil, and the work is
// done afresh, when cacheFile names none or the cache cannot be opened.
func openCache[C any](getenv func(string) string, setting, dir, kind string, open func(string) (*C, error)) *C {
	file := cacheFile(getenv, setting, dir, kind)
	if file == "" {
		return nil
	}
	c, err := open(file)
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
