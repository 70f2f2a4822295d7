//go:build !linux

package export

import "errors"

// exchange is not available here: swap renames the folders one by one.
func exchange(a, b string) error { return errors.ErrUnsupported }
