package export

import (
	"io/fs"
	"syscall"
)

// identity is what the system says of a file that no program can set:
// its inode, and the time its inode last changed (ctime), which every
// write, rename, link or change of time moves on.
func identity(info fs.FileInfo) (ino uint64, ctime int64) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0
	}
	return st.Ino, st.Ctim.Nano()
}
