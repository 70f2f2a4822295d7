package cachefile

import "encoding/binary"

// The values of a payload are written with the Append functions and
// read back with a Decoder: numbers as varints, a string or a list as
// its length and then its bytes or elements.

// AppendUint appends v.
func AppendUint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }

// AppendInt appends v.
func AppendInt(b []byte, v int) []byte { return binary.AppendVarint(b, int64(v)) }

// AppendBool appends v as one byte.
func AppendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// AppendString appends s.
func AppendString(b []byte, s string) []byte { return append(AppendUint(b, uint64(len(s))), s...) }

// A Decoder reads the values of a payload in the order they were
// appended. The strings it returns are parts of the payload. At the
// first value that cannot be read it goes bad, and then reads zeros.
type Decoder struct {
	s   string
	bad bool
}

// NewDecoder returns a Decoder of payload.
func NewDecoder(payload string) *Decoder { return &Decoder{s: payload} }

// Done reports whether every value was read, and read well.
func (d *Decoder) Done() bool { return !d.bad && d.s == "" }

// Bad reports whether a value could not be read.
func (d *Decoder) Bad() bool { return d.bad }

func (d *Decoder) fail() { d.bad, d.s = true, "" }

// Uint reads what AppendUint wrote.
func (d *Decoder) Uint() uint64 {
	var x uint64
	for i, shift := 0, uint(0); i < len(d.s) && i < binary.MaxVarintLen64; i, shift = i+1, shift+7 {
		c := d.s[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 || i > 0 && c == 0 {
				break // over 64 bits, or written longer than it need be
			}
			d.s = d.s[i+1:]
			return x | uint64(c)<<shift
		}
		x |= uint64(c&0x7f) << shift
	}
	d.fail()
	return 0
}

// Int reads what AppendInt wrote.
func (d *Decoder) Int() int {
	u := d.Uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	if int64(int(v)) != v {
		d.fail()
		return 0
	}
	return int(v)
}

// Bool reads what AppendBool wrote.
func (d *Decoder) Bool() bool {
	b := d.Take(1)
	if b != "" && b[0] > 1 {
		d.fail()
	}
	return b == "\x01"
}

// Count reads the length of a list, which cannot be more than the
// bytes left: every element takes one at least.
func (d *Decoder) Count() int {
	n := d.Uint()
	if n > uint64(len(d.s)) {
		d.fail()
		return 0
	}
	return int(n)
}

// Take reads the next n bytes.
func (d *Decoder) Take(n uint64) string {
	if d.bad || n > uint64(len(d.s)) {
		d.fail()
		return ""
	}
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

// Text reads what AppendString wrote.
func (d *Decoder) Text() string { return d.Take(d.Uint()) }
