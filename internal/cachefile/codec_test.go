package cachefile

import (
	"math"
	"testing"
)

func TestDecoder_ReadsWhatWasAppended(t *testing.T) {
	var b []byte
	b = AppendUint(b, math.MaxUint64)
	b = AppendInt(b, -7)
	b = AppendInt(b, math.MaxInt)
	b = AppendBool(b, true)
	b = AppendBool(b, false)
	b = AppendString(b, "knee")
	b = AppendString(b, "")
	d := NewDecoder(string(b))
	if u, i, j, t1, f, s, e := d.Uint(), d.Int(), d.Int(), d.Bool(), d.Bool(), d.Text(), d.Text(); u != math.MaxUint64 || i != -7 || j != math.MaxInt || !t1 || f || s != "knee" || e != "" {
		t.Errorf("read %d %d %d %v %v %q %q", u, i, j, t1, f, s, e)
	}
	if !d.Done() {
		t.Error("not Done after reading every value")
	}
}

func TestDecoder_GoesBadAndStays(t *testing.T) {
	tests := map[string]func(*Decoder){
		"AVarintCutShort":    func(d *Decoder) { d.Uint() },
		"ABoolOtherThan0Or1": func(d *Decoder) { d.Bool() },
		"AStringPastTheEnd":  func(d *Decoder) { d.Text() },
		"AListLongerThanAll": func(d *Decoder) { d.Count() },
		"TakePastTheEnd":     func(d *Decoder) { d.Take(9) },
	}
	payloads := map[string]string{
		"AVarintCutShort": "\x80", "ABoolOtherThan0Or1": "\x02", "AStringPastTheEnd": "\x05ab",
		"AListLongerThanAll": "\x09a", "TakePastTheEnd": "abc",
	}
	for name, read := range tests {
		t.Run(name, func(t *testing.T) {
			d := NewDecoder(payloads[name])
			read(d)
			if !d.Bad() || d.Done() {
				t.Fatal("the Decoder did not go bad")
			}
			if d.Uint() != 0 || d.Text() != "" || d.Bool() {
				t.Error("a bad Decoder read something other than zeros")
			}
		})
	}
	if d := NewDecoder("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02"); d.Uint() != 0 || !d.Bad() {
		t.Error("a varint over 64 bits was read")
	}
}
