package main

import (
	"log/slog"
	"strconv"
	"sync"
	"time"
)

// The request log writes a line for every request, and slog's text
// handler spends about as long on one as net/http spends reading the
// request: it takes two locks, checks every key and value for quoting
// as it goes, and formats the duration into a new string. Most records,
// the request lines among them, are plain (their attributes strings,
// numbers and durations that need no quoting), and appendPlainRecord
// writes those by hand, the same bytes as slog.TextHandler with no
// options writes (TestAppendPlainRecord_SameAsTextHandler); any other
// record goes to the text handler.

// lineBuffers are the buffers the plain records are formatted in.
var lineBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// appendPlainRecord appends r to b as slog.TextHandler with no options
// formats it, and reports whether r was plain enough to do so: a time,
// and a message and attributes whose keys and string values need no
// quotes, with values that are strings, integers, booleans or
// durations. When it reports false, what it appended must be dropped.
func appendPlainRecord(b []byte, r slog.Record) ([]byte, bool) {
	level := r.Level.String()
	if r.Time.IsZero() || !plain(level) || !plain(r.Message) {
		return b, false
	}
	b = append(b, "time="...)
	b = appendRFC3339Millis(b, r.Time.Round(0))
	b = append(b, " level="...)
	b = append(b, level...)
	b = append(b, " msg="...)
	b = append(b, r.Message...)
	ok := true
	r.Attrs(func(a slog.Attr) bool {
		b, ok = appendPlainAttr(b, a)
		return ok
	})
	return append(b, '\n'), ok
}

// appendPlainAttr appends " key=value" as slog.TextHandler formats it,
// and reports whether a is plain enough to do so.
func appendPlainAttr(b []byte, a slog.Attr) ([]byte, bool) {
	if !plain(a.Key) {
		return b, false
	}
	b = append(b, ' ')
	b = append(b, a.Key...)
	b = append(b, '=')
	v := a.Value
	switch v.Kind() {
	case slog.KindString:
		if !plain(v.String()) {
			return b, false
		}
		return append(b, v.String()...), true
	case slog.KindInt64:
		return strconv.AppendInt(b, v.Int64(), 10), true
	case slog.KindUint64:
		return strconv.AppendUint(b, v.Uint64(), 10), true
	case slog.KindBool:
		return strconv.AppendBool(b, v.Bool()), true
	case slog.KindDuration:
		return append(b, v.Duration().String()...), true
	}
	return b, false
}

// plain reports whether slog's text handler writes s without quotes
// for sure: s is not empty, and every byte is printable ASCII other
// than a space, '"' and '='. (slog leaves more unquoted: those it
// quotes are all outside this set.)
func plain(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '"' || c == '=' {
			return false
		}
	}
	return true
}

// appendRFC3339Millis appends t as slog's text handler writes a
// record's time: RFC 3339 with exactly three digits of milliseconds.
func appendRFC3339Millis(b []byte, t time.Time) []byte {
	// As slog does it: time.RFC3339Nano trims trailing zeros, so a
	// tenth of a millisecond is added, and its digit dropped.
	const prefixLen = len("2006-01-02T15:04:05.000")
	n := len(b)
	t = t.Truncate(time.Millisecond).Add(time.Millisecond / 10)
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b[:n+prefixLen], b[n+prefixLen+1:]...)
}
