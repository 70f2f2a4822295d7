package main

import (
	"bytes"
	"context"
	"log/slog"
	"math"
	"testing"
	"time"
)

// textLine is r as slog.TextHandler with no options writes it.
func textLine(t testing.TB, r slog.Record) string {
	var buf bytes.Buffer
	if err := slog.NewTextHandler(&buf, nil).Handle(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// logLine is r as newLog's logger writes it.
func logLine(t testing.TB, r slog.Record) string {
	var out syncBuffer
	log, closeLog := newLog(&out, time.Hour)
	if err := log.Handler().Handle(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	closeLog()
	return out.String()
}

func record(tm time.Time, level slog.Level, msg string, attrs ...slog.Attr) slog.Record {
	r := slog.NewRecord(tm, level, msg, 0)
	r.AddAttrs(attrs...)
	return r
}

func TestAppendPlainRecord_SameAsTextHandler(t *testing.T) {
	at := time.Date(2026, 12, 2, 13, 41, 18, 722_000_000, time.UTC)
	local := time.Date(2026, 12, 2, 13, 41, 18, 5_999_999, time.FixedZone("X", -5*3600))
	request := []slog.Attr{
		slog.String("method", "GET"), slog.String("path", "/articles/myofascial-release-therapy/"),
		slog.Int("status", 200), slog.Int("bytes", 5012), slog.Duration("duration", 56838*time.Nanosecond),
	}
	tests := []struct {
		name  string
		r     slog.Record
		plain bool // formatted by hand
	}{
		{"request", record(at, slog.LevelInfo, "request", request...), true},
		{"request, whole second", record(at.Truncate(time.Second), slog.LevelError, "request", request...), true},
		{"other zone, rounding", record(local, slog.LevelInfo, "request", request...), true},
		{"level above error", record(at, slog.LevelError+4, "x"), true},
		{"level below info", record(at, slog.LevelDebug-2, "x"), true},
		{"numbers and booleans", record(at, slog.LevelInfo, "n", slog.Int64("min", math.MinInt64), slog.Uint64("max", math.MaxUint64), slog.Bool("b", false), slog.Duration("d", 0)), true},
		{"backslash and symbols", record(at, slog.LevelInfo, "m", slog.String("path", `/a\b?c&d%20!~'`)), true},
		{"no attributes", record(at, slog.LevelInfo, "reloaded"), true},
		{"message with a space", record(at, slog.LevelWarn, "showing problems", request...), false},
		{"path with a space", record(at, slog.LevelInfo, "request", slog.String("path", "/a b/")), false},
		{"path with a quote", record(at, slog.LevelInfo, "request", slog.String("path", `/a"b/`)), false},
		{"path with =", record(at, slog.LevelInfo, "request", slog.String("path", "/a=b/")), false},
		{"path not ASCII", record(at, slog.LevelInfo, "request", slog.String("path", "/sueño/")), false},
		{"control byte", record(at, slog.LevelInfo, "request", slog.String("path", "/a\x7fb/")), false},
		{"empty value", record(at, slog.LevelInfo, "request", slog.String("q", "")), false},
		{"empty message", record(at, slog.LevelInfo, ""), false},
		{"float", record(at, slog.LevelInfo, "m", slog.Float64("f", 1.5)), false},
		{"time value", record(at, slog.LevelInfo, "m", slog.Time("t", at)), false},
		{"group", record(at, slog.LevelInfo, "m", slog.Group("g", slog.Int("a", 1))), false},
		{"any", record(at, slog.LevelInfo, "m", slog.Any("e", []int{1})), false},
		{"no time", record(time.Time{}, slog.LevelInfo, "request", request...), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := textLine(t, tt.r)
			if got, ok := appendPlainRecord(nil, tt.r); ok != tt.plain || ok && string(got) != want {
				t.Errorf("appendPlainRecord: %q, %v\nslog:               %q", got, ok, want)
			}
			if got := logLine(t, tt.r); got != want {
				t.Errorf("serve's log: %q\nslog:        %q", got, want)
			}
		})
	}
}

// FuzzAppendPlainRecord: for any message and string value, a record
// formatted by hand is what slog writes.
func FuzzAppendPlainRecord(f *testing.F) {
	for _, s := range []string{"/articles/x/", "a b", `a"b`, "a=b", "ñ", "\x00", `\`, ""} {
		f.Add("request", s)
	}
	at := time.Date(2026, 12, 2, 13, 41, 18, 722_000_000, time.UTC)
	f.Fuzz(func(t *testing.T, msg, value string) {
		r := record(at, slog.LevelInfo, msg, slog.String("path", value), slog.String(value, msg))
		if got, ok := appendPlainRecord(nil, r); ok {
			if want := textLine(t, r); string(got) != want {
				t.Errorf("appendPlainRecord: %q\nslog:               %q", got, want)
			}
		}
	})
}
