package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"runtime"

	"healthsite/internal/article"
)

// cacheOff, as -cache or HEALTHSITE_CACHE, turns the render cache off.
const cacheOff = "off"

// openRenderCache returns the render cache of the content folder dir
// (see article.RenderCache): a file of its own in the folder -cache
// names, or else in the user's cache folder, as os.UserCacheDir finds
// it from getenv. It returns nil, and the content is rendered afresh,
// for the built-in articles, with -cache off, or when no cache folder
// is known.
func openRenderCache(getenv func(string) string, setting, dir string) *article.RenderCache {
	if dir == "" || setting == cacheOff {
		return nil
	}
	base := setting
	if base == "" {
		base = userCacheDir(getenv)
		if base == "" {
			return nil
		}
		base = filepath.Join(base, "healthsite")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	sum := sha256.Sum256([]byte(abs))
	c, err := article.OpenRenderCache(filepath.Join(base, "render-"+hex.EncodeToString(sum[:8])))
	if err != nil {
		return nil
	}
	return c
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

// saveRenderCache saves c after a load, when there is one; a cache that
// cannot be written is a warning, since the site is built all the same.
func saveRenderCache(c *article.RenderCache, warn func(string)) {
	if c == nil {
		return
	}
	if err := c.Save(); err != nil {
		warn(fmt.Sprintf("the render cache cannot be written, so the next start renders every article again: %v (give a folder this user can write with -cache DIR, or turn it off with -cache off)", err))
	}
}
