package export

import (
	"io/fs"
	"syscall"

	"golang.org/x/sys/unix"
)

// identity is what the system says of a file that no program sets
// directly: its inode, and the time its inode last changed (ctime),
// which every write, rename, link or change of time moves on.
func identity(info fs.FileInfo) (ino uint64, ctime int64) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0
	}
	return st.Ino, st.Ctim.Nano()
}

// keepsChangeTimes reports whether the file system of dir is one whose
// inodes and change times mean what identity says: the local POSIX file
// systems. On others (vfat and exFAT, whose "ctime" is the time a file
// was made, FUSE and network file systems, whose inodes may be made up)
// every file is read and hashed.
func keepsChangeTimes(dir string) bool {
	var st unix.Statfs_t
	if unix.Statfs(dir, &st) != nil {
		return false
	}
	switch uint32(st.Type) {
	case unix.EXT4_SUPER_MAGIC, unix.XFS_SUPER_MAGIC, unix.BTRFS_SUPER_MAGIC, unix.TMPFS_MAGIC,
		unix.F2FS_SUPER_MAGIC, unix.OVERLAYFS_SUPER_MAGIC, zfsSuperMagic:
		return true
	}
	return false
}

// zfsSuperMagic is ZFS's statfs type, which x/sys does not name.
const zfsSuperMagic = 0x2fc12fc1
