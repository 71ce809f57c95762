package exposure

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// synthCURP makes a valid CURP from row number i: name letters, a birthdate
// and a state that vary with i, and its check digit.
func synthCURP(t *testing.T, i int) string {
	t.Helper()
	letters := "BCDFGLMNPRST"
	vowels := "AEIOU"
	d := time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*37%29000)
	body := fmt.Sprintf("%c%c%c%c%s%c%s%c%c%c0",
		letters[i%12], vowels[i/12%5], letters[i/60%12], letters[i/7%12],
		d.Format("060102"), "HM"[i%2], []string{"DF", "JC", "MC", "NL", "VZ"}[i%5],
		letters[i/3%12], letters[i/5%12], letters[i/11%12])
	if d.Year() >= 2000 {
		body = body[:16] + "A"
	}
	c, ok := validate.CURPCheckDigit(body)
	if !ok {
		t.Fatalf("CURP body %s", body)
	}
	curp := body + string(c)
	if _, r := validate.ParseCURP(curp, planToday); r != validate.OK {
		return "" // an inconvenient word or the like: the row has no CURP
	}
	return curp
}

// streamTable is a register that points at another table and that others
// point at, with a CURP, a name in parts, a birthdate, a mother's CURP and
// a note; rows gives its full read.
func streamTable(t *testing.T, n int) (*Table, [][]string) {
	names := []string{"GLORIA", "JESUS", "MA. ELENA", "JOSE LUIS", "ANA", "", "RICARDO", "N/A"}
	surnames := []string{"HERRERA", "PEREZ", "GARCIA", "DE LA CRUZ", "LOPEZ", "", "SOTO"}
	var rows [][]string
	for i := range n {
		curp := synthCURP(t, i)
		if i%9 == 4 {
			curp = "SIN CURP"
		}
		mother := ""
		if i%5 == 0 {
			mother = synthCURP(t, i+n)
		}
		birth := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*53%25000).Format("02/01/2006")
		if i%13 == 0 {
			birth = ""
		}
		note := "PACIENTE ESTABLE"
		if i%4 == 0 {
			note = "SE ATIENDE A " + names[i%len(names)] + " " + surnames[(i+2)%len(surnames)] + " CURP " + synthCURP(t, i+2*n)
		}
		rows = append(rows, []string{fmt.Sprint(i + 1), curp, names[i%len(names)], surnames[i%len(surnames)],
			surnames[(i+3)%len(surnames)], birth, mother, note, fmt.Sprintf("%04d", i%97)})
	}
	sampled := rows[:n/4]
	tb := table("padron", []string{"id", "curp", "nombre", "primer_apellido", "segundo_apellido", "fecha_nacimiento", "curp_madre", "notas", "id_hogar"},
		[][]string{nil, {"curp"}, {"person_name"}, {"person_name"}, {"person_name"}, {"birthdate"}, {"curp"}, {"health_condition"}, nil},
		sampled)
	tb.Columns[7].Findings[0].Evidence = []string{"free_text"}
	tb.Complete = false
	tb.Keys = [][]int{{0}}
	tb.Out = []OutLink{{Columns: []int{8}, Target: "Hogares", ID: 1}}
	return tb, rows
}

// The records a table gives the person set, and its figures, do not depend
// on how many workers process its rows.
func TestWorkersGiveTheSameRecords(t *testing.T) {
	k := NewKeyer([]byte("0123456789abcdef0123456789abcdef"))
	for _, full := range []bool{false, true} {
		tb, rows := streamTable(t, 3000)
		tb.Full = full
		var want []byte
		var wantRes TableResult
		for _, workers := range []int{1, 2, 3, 8} {
			s := NewStore(StoreOptions{Dir: t.TempDir()})
			var tee bytes.Buffer
			b := s.NewBatch()
			b.Tee(&tee)
			p := NewPlan(tb, k, b)
			p.SetWorkers(workers)
			p.ReadSample()
			read := p.Columns()
			err := p.Read(func(row func([]string) error) error {
				values := make([]string, len(read))
				for _, r := range rows {
					for i, c := range read {
						values[i] = r[c]
					}
					if err := row(values); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			b.Flush()
			res := p.Result()
			s.Close()
			if res.RowsRead != int64(len(rows)) {
				t.Fatalf("full %v, %d workers: %d rows read, want %d", full, workers, res.RowsRead, len(rows))
			}
			if tee.Len() == 0 {
				t.Fatal("no records")
			}
			if workers == 1 {
				want, wantRes = tee.Bytes(), res
				continue
			}
			if !bytes.Equal(tee.Bytes(), want) {
				t.Errorf("full %v, %d workers: the records differ from one worker's", full, workers)
			}
			if !reflect.DeepEqual(res, wantRes) {
				t.Errorf("full %v, %d workers: %+v, one worker: %+v", full, workers, res, wantRes)
			}
		}
	}
}

// A read that fails part-way still processes every row it delivered.
func TestReadFailureKeepsRowsRead(t *testing.T) {
	k := NewKeyer(nil)
	tb, rows := streamTable(t, 1000)
	for _, workers := range []int{1, 4} {
		s := NewStore(StoreOptions{Dir: t.TempDir()})
		p := NewPlan(tb, k, s.NewBatch())
		p.SetWorkers(workers)
		read := p.Columns()
		boom := fmt.Errorf("connection lost")
		err := p.Read(func(row func([]string) error) error {
			for _, r := range rows[:700] {
				v := make([]string, len(read))
				for i, c := range read {
					v[i] = r[c]
				}
				row(v)
			}
			return boom
		})
		if err != boom {
			t.Errorf("%d workers: error %v", workers, err)
		}
		if got := p.Result().RowsRead; got != 700 {
			t.Errorf("%d workers: %d rows processed, want 700", workers, got)
		}
		s.Close()
	}
}

// Keys are what persons files and checkpoints hold: they must stay the
// HMAC-SHA256 of the same bytes, whatever the hashing code looks like.
func TestKeysAsWritten(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	k := NewKeyer(key)
	ref := func(kind uint8, msg string) Key {
		m := hmac.New(sha256.New, key)
		m.Write(append([]byte{kind}, msg...))
		var out Key
		copy(out[:], m.Sum(nil))
		return out
	}
	curp := "HEGG560427MVZRRL04"
	for what, c := range map[string][2]Key{
		"curp":             {k.CURP(curp), ref(kindCURP, curp+"\x00")},
		"name+birth":       {k.NameBirth("GARCIA GLORIA HERRERA", "1956-04-27"), ref(kindNB, "GARCIA GLORIA HERRERA\x001956-04-27\x00")},
		"stem":             {k.joined(kindStem, curp[:10], curp[13:16]), ref(kindStem, "HEGG560427RRL\x00")},
		"stem from a name": {k.joined(kindStem, "HEGG", "560427", "RRL"), k.Stem("HEGG560427RRL")},
		"row": {k.hash(kindRow, rowKeyPrefix(3, "Padron"), "12"),
			ref(kindRow, string(rune(3))+"\x00padron\x0012\x00")},
		"name": {k.hash(kindName, "GLORIA HERRERA"), ref(kindName, "GLORIA HERRERA\x00")},
	} {
		if c[0] != c[1] {
			t.Errorf("%s: key %x, want %x", what, c[0], c[1])
		}
	}
	long := strings.Repeat("X", 500) // past the hasher's first buffer
	if k.hash(kindName, long) != ref(kindName, long+"\x00") {
		t.Error("a long value")
	}
	if d := day(time.Date(987, 3, 4, 0, 0, 0, 0, time.UTC)); d != "0987-03-04" {
		t.Errorf("day: %s", d)
	}
	var b [6]byte
	if yymmdd(&b, time.Date(2005, 11, 30, 0, 0, 0, 0, time.UTC)); string(b[:]) != "051130" {
		t.Errorf("yymmdd: %s", b)
	}
}
