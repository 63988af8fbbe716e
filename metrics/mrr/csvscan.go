package mrr

// A byte-level CSV scanner with bounds: RFC 4180 records (quoted fields,
// doubled quotes, line breaks inside quotes), CRLF or LF line ends, a UTF-8
// byte order mark at the start, blank lines skipped, spaces around fields
// trimmed; every field at most maxField bytes and every record at most
// maxRecord, so no input can make it buffer more than about twice that.

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/saasmetrics/saasmetrics/metrics"
)

const (
	// DefaultMaxFieldBytes is the longest CSV field the readers accept when
	// their MaxFieldBytes is 0.
	DefaultMaxFieldBytes = 4096
	// maxColumns bounds a header's columns.
	maxColumns = 256
	// scanChunk is the scanner's read size.
	scanChunk = 64 << 10
	// maxEmptyReads is how many (0, nil) reads in a row end the input with
	// io.ErrNoProgress, as bufio does.
	maxEmptyReads = 100
)

// csvScanner reads CSV records from an io.Reader.
type csvScanner struct {
	r         io.Reader
	buf       []byte
	pos, end  int   // the unread bytes are buf[pos:end]
	eof       bool  // the reader is done (rerr says whether it failed)
	rerr      error // the reader's failure, reported once the bytes before it are used
	line      int64 // the line number of buf[pos], from 1
	started   bool
	maxField  int
	maxRecord int

	fields  [][]byte // the current record's fields (into buf or scratch)
	offs    []int    // field bounds in scratch, for quoted records
	scratch []byte
	// badField is the index of the first field longer than maxField in the
	// record next returned, or -1.
	badField int
}

// newCSVScanner returns a scanner of r with fields of at most maxField bytes
// (DefaultMaxFieldBytes when 0).
func newCSVScanner(r io.Reader, maxField int) *csvScanner {
	if maxField <= 0 {
		maxField = DefaultMaxFieldBytes
	}
	s := &csvScanner{r: r, line: 1, maxField: maxField, badField: -1}
	s.setColumns(maxColumns)
	return s
}

// setColumns bounds records to n fields of maxField bytes (quoted, with
// separators).
func (s *csvScanner) setColumns(n int) { s.maxRecord = (s.maxField + 3) * n }

// read moves the unread bytes to the front, grows the buffer when it is full
// (the records' bound keeps it below about twice maxRecord), and reads once.
func (s *csvScanner) read() {
	if s.eof {
		return
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		s.buf = append(s.buf, make([]byte, max(scanChunk, len(s.buf)))...)
	}
	for empty := 0; ; empty++ {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		switch {
		case errors.Is(err, io.EOF):
			s.eof = true
		case err != nil:
			s.eof, s.rerr = true, err
		case n == 0 && empty < maxEmptyReads:
			continue
		case n == 0:
			s.eof, s.rerr = true, io.ErrNoProgress
		}
		return
	}
}

// next returns the next record's fields and the line it starts on; nil
// fields and a nil error at the end of the input. A record that cannot be
// read — a quote out of place, more than maxRecord bytes — is a
// *metrics.RowError (Line set, Record 0) after which reading goes on; a
// failing reader is any other error, after which it does not. The fields are
// valid until the next call; s.badField names a field longer than maxField.
func (s *csvScanner) next() ([][]byte, int64, error) {
	if !s.started {
		s.started = true
		for s.end < 3 && !s.eof {
			s.read()
		}
		if bytes.HasPrefix(s.buf[:s.end], []byte("\xef\xbb\xbf")) {
			s.pos = 3
		}
	}
	for {
		scanned, nl := 0, -1
		for {
			if i := bytes.IndexByte(s.buf[s.pos+scanned:s.end], '\n'); i >= 0 {
				nl = scanned + i
				break
			}
			scanned = s.end - s.pos
			if scanned > s.maxRecord {
				return s.skipLong()
			}
			if s.eof {
				break
			}
			s.read()
		}
		if nl < 0 && (s.pos == s.end || s.rerr != nil) {
			return nil, 0, s.readErr() // the end, or a reader failing inside a record
		}
		lineEnd, next := s.end, s.end
		if nl >= 0 {
			lineEnd, next = s.pos+nl, s.pos+nl+1
		}
		raw := s.buf[s.pos:lineEnd]
		if n := len(raw); n > 0 && raw[n-1] == '\r' {
			raw = raw[:n-1]
		}
		line := s.line
		if len(bytes.TrimSpace(raw)) == 0 { // a blank line is no record
			s.pos, s.line = next, s.line+1
			continue
		}
		if bytes.IndexByte(raw, '"') >= 0 {
			return s.quoted()
		}
		s.pos, s.line = next, s.line+1
		s.split(raw)
		return s.fields, line, nil
	}
}

// readErr is the error that ends the stream: nil at the end of the input.
func (s *csvScanner) readErr() error {
	if s.rerr != nil {
		return fmt.Errorf("mrr: reading CSV at line %d: %w", s.line, s.rerr)
	}
	return nil
}

// split cuts an unquoted record at its commas, trimming spaces.
func (s *csvScanner) split(raw []byte) {
	f := s.fields[:0]
	s.badField = -1
	start := 0
	for i := 0; i < len(raw); i++ {
		if raw[i] == ',' {
			f = s.appendField(f, raw[start:i])
			start = i + 1
		}
	}
	s.fields = s.appendField(f, raw[start:])
}

// appendField appends a trimmed field, noting the first one that is too long.
func (s *csvScanner) appendField(f [][]byte, v []byte) [][]byte {
	for len(v) > 0 && (v[0] == ' ' || v[0] == '\t') {
		v = v[1:]
	}
	for len(v) > 0 && (v[len(v)-1] == ' ' || v[len(v)-1] == '\t') {
		v = v[:len(v)-1]
	}
	if len(v) > s.maxField && s.badField < 0 {
		s.badField = len(f)
	}
	return append(f, v)
}

// skipLong reports a record longer than maxRecord and discards its bytes
// through the next line break, reading on without growing the buffer.
func (s *csvScanner) skipLong() ([][]byte, int64, error) {
	line := s.line
	for {
		if i := bytes.IndexByte(s.buf[s.pos:s.end], '\n'); i >= 0 {
			s.pos += i + 1
			s.line++
			break
		}
		s.pos = s.end
		if s.eof {
			break
		}
		s.read()
	}
	return nil, line, &metrics.RowError{Line: line, Err: fmt.Errorf("%w: a record longer than %d bytes", metrics.ErrOutOfRange, s.maxRecord)}
}

// quoted reads a record with quotes, which may span lines.
func (s *csvScanner) quoted() ([][]byte, int64, error) {
	for {
		n, lines, bad, more := s.parseQuoted(s.buf[s.pos:s.end])
		switch {
		case more && s.rerr != nil:
			return nil, 0, s.readErr()
		case more && s.end-s.pos > s.maxRecord:
			return s.skipLong()
		case more:
			s.read()
			continue
		}
		line := s.line
		s.pos += n
		s.line += lines
		if bad != "" {
			return nil, line, &metrics.RowError{Line: line, Err: fmt.Errorf("%w: %s", metrics.ErrInvalid, bad)}
		}
		s.fields = s.fields[:0]
		for k := 0; k+1 < len(s.offs); k += 2 {
			s.fields = append(s.fields, s.scratch[s.offs[k]:s.offs[k+1]])
		}
		return s.fields, line, nil
	}
}

// parseQuoted parses one record at the start of data into s.scratch and
// s.offs. It returns the bytes and line breaks it consumed, a description of
// what is wrong (the rest of the line is consumed with it), or more when the
// record may continue past data and the reader has more.
func (s *csvScanner) parseQuoted(data []byte) (n int, lines int64, bad string, more bool) {
	s.scratch, s.offs, s.badField = s.scratch[:0], s.offs[:0], -1
	i := 0
	endLine := func(j int) (int, int64) { // consume through the line break at or after j
		for ; j < len(data); j++ {
			if data[j] == '\n' {
				return j + 1, lines + 1
			}
		}
		return j, lines
	}
	for {
		for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
			i++
		}
		start := len(s.scratch)
		if i < len(data) && data[i] == '"' {
			i++
			for {
				if i >= len(data) {
					if !s.eof {
						return 0, 0, "", true
					}
					n, lines = endLine(i)
					return n, lines, "a quoted field runs to the end of the input", false
				}
				c := data[i]
				if c == '"' {
					if i+1 >= len(data) && !s.eof {
						return 0, 0, "", true
					}
					if i+1 < len(data) && data[i+1] == '"' {
						s.scratch = append(s.scratch, '"')
						i += 2
						continue
					}
					i++
					break
				}
				if c == '\n' {
					lines++
				}
				s.scratch = append(s.scratch, c)
				i++
			}
			for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
				i++
			}
			if i < len(data) && data[i] == '\r' && (i+1 == len(data) || data[i+1] == '\n') {
				i++
			}
			if i < len(data) && data[i] != ',' && data[i] != '\n' {
				n, lines = endLine(i)
				return n, lines, "a character after a closing quote", false
			}
		} else {
			for i < len(data) && data[i] != ',' && data[i] != '\n' {
				if data[i] == '"' {
					n, lines = endLine(i)
					return n, lines, "a quote inside an unquoted field", false
				}
				s.scratch = append(s.scratch, data[i])
				i++
			}
			for j := len(s.scratch); j > start && (s.scratch[j-1] == ' ' || s.scratch[j-1] == '\t' || s.scratch[j-1] == '\r'); j-- {
				s.scratch = s.scratch[:j-1]
			}
		}
		if len(s.scratch)-start > s.maxField && s.badField < 0 {
			s.badField = len(s.offs) / 2
		}
		s.offs = append(s.offs, start, len(s.scratch))
		switch {
		case i >= len(data) && !s.eof:
			return 0, 0, "", true
		case i >= len(data):
			return i, lines, "", false
		case data[i] == '\n':
			return i + 1, lines + 1, "", false
		}
		i++ // the comma
	}
}
