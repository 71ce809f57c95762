package synth

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/alcance-mx/alcance/detectors/validate"
)

// A Pool is the synthetic population every table draws its people from, so
// the same person shows up in the health register, the civil registry and
// the vendor export, and counting distinct persons across tables matters.
// People are stored compactly (about 70 bytes each) so millions fit; Person
// materialises one on demand.
type Pool struct {
	seed   uint64
	today  time.Time
	people []person

	register   []Enrollment
	facilities []Facility
	companies  []Company

	inst     *instWorld // the institutions corpus's shared rows, built on first use
	instOnce sync.Once
}

// person is the compact form: indices into the name and place tables.
type person struct {
	curp      [18]byte
	phone     int64
	birth     int32 // days since 1970-01-01
	cp        int32
	given1    uint16
	given2    uint16
	paterno   uint16
	materno   uint16 // 0 = one legal surname only
	muni      uint16
	number    uint16 // 0 = S/N (or block and lot)
	sex       byte   // 'H', 'M', 'X'
	bstate    uint8  // birth state, INEGI key - 1; neState = born abroad
	street    uint8
	colonia   uint8
	stype     uint8
	settle    uint8
	suffix    uint8 // 0 none, else 'A'-1+suffix
	block     uint8
	lot       uint8
	interior  uint8
	email     uint8 // 0 = no e-mail; else 1 + pattern*4 + domain
	emailSalt uint8
}

const neState = 32

// Person is one member of the pool, materialised.
type Person struct {
	Index      int32  // position in the pool
	CURP       string // valid and unique in the pool
	Paterno    string // primer apellido, upper case with accents as listed
	Materno    string // segundo apellido, "" when the person has only one
	Nombre     string // given name(s)
	Sex        byte   // 'H', 'M' or 'X' as in the CURP
	Birth      time.Time
	BirthState string // RENAPO code, "NE" for born abroad
	BirthKey   string // INEGI key "01".."32", "" for born abroad
	Address    Address
	Phone      string // ten digits
	Email      string // "" when the person has none
}

// FullName is "NOMBRE PATERNO MATERNO", the spoken order.
func (p Person) FullName() string { return joinNonEmpty(p.Nombre, p.Paterno, p.Materno) }

// RegistryName is "PATERNO MATERNO NOMBRE", the order of official lists.
func (p Person) RegistryName() string { return joinNonEmpty(p.Paterno, p.Materno, p.Nombre) }

func joinNonEmpty(parts ...string) string {
	var b strings.Builder
	for _, s := range parts {
		if s == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}

// Len is the number of people in the pool.
func (p *Pool) Len() int { return len(p.people) }

// Today is the reference day of the corpus.
func (p *Pool) Today() time.Time { return p.today }

// CURP returns a person's CURP without materialising the rest.
func (p *Pool) CURP(i int32) string { return string(p.people[i].curp[:]) }

// Birth returns a person's birthdate without materialising the rest.
func (p *Pool) Birth(i int32) time.Time { return dayTime(p.people[i].birth) }

// BornAbroad reports whether a person's birth state is NE.
func (p *Pool) BornAbroad(i int32) bool { return p.people[i].bstate == neState }

// Person materialises one person.
func (p *Pool) Person(i int32) Person {
	loadPlaces()
	t := loadNames()
	c := &p.people[i]
	st := &states[muniState(int(c.muni))]
	out := Person{
		Index:   i,
		CURP:    string(c.curp[:]),
		Paterno: t.surnames[c.paterno],
		Materno: t.surnames[c.materno],
		Nombre:  t.givenName(c.given1, c.given2),
		Sex:     c.sex,
		Birth:   dayTime(c.birth),
		Address: Address{
			StreetType:     streetTypes[c.stype],
			Street:         streetNames[c.street],
			Number:         int(c.number),
			Block:          int(c.block),
			Lot:            int(c.lot),
			Interior:       int(c.interior),
			SettlementType: settlementTypes[c.settle],
			Colonia:        colonias[c.colonia],
			Municipality:   muniUpper[c.muni],
			StateCode:      st.Code,
			StateKey:       st.Key,
			StateName:      st.Name,
			StateAbbr:      st.Abbr,
			PostalCode:     cpString(c.cp),
		},
		Phone: strconv.FormatInt(c.phone, 10),
	}
	if c.suffix > 0 {
		out.Address.Suffix = string(rune('A' - 1 + c.suffix))
	}
	if c.bstate == neState {
		out.BirthState = "NE"
	} else {
		out.BirthState, out.BirthKey = states[c.bstate].Code, states[c.bstate].Key
	}
	if c.email > 0 {
		out.Email = emailAddress(out, int(c.email-1), int(c.emailSalt))
	}
	return out
}

func dayTime(d int32) time.Time { return time.Unix(int64(d)*86400, 0).UTC() }
func timeDay(t time.Time) int32 { return int32(t.Unix() / 86400) }

// ageBands weights ages in five-year bands, 0-4 up to 90-95, after the
// shape of Mexico's 2020 census pyramid (per mille, rounded).
var ageBands = newWeighted([]uint64{84, 87, 88, 86, 84, 80, 75, 71, 68, 62, 55, 46, 37, 29, 20, 14, 9, 5, 3})

// poolChunk is how many people one random stream generates: chunks are
// built in parallel and each has its own stream, so the result does not
// depend on how many goroutines ran.
const poolChunk = 1 << 14

func newPool(cfg Config) (*Pool, error) {
	loadStatic()
	loadPlaces()
	loadNames()
	p := &Pool{seed: cfg.Seed, today: cfg.Today, people: make([]person, cfg.Persons)}
	chunks := (cfg.Persons + poolChunk - 1) / poolChunk
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), chunks) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				r := newRand(cfg.Seed, fmt.Sprintf("pool/%d", c))
				hi := min((c+1)*poolChunk, cfg.Persons)
				for i := c * poolChunk; i < hi; i++ {
					p.drawPerson(r, &p.people[i])
				}
			}
		}()
	}
	for c := range chunks {
		next <- c
	}
	close(next)
	wg.Wait()
	if err := p.assignCURPs(); err != nil {
		return nil, err
	}
	return p, nil
}

// drawPerson fills one person. The CURP's first 16 characters are set here;
// the differentiator is only a wish until assignCURPs makes CURPs unique.
func (p *Pool) drawPerson(r *rand.Rand, c *person) {
	t := &names
	switch {
	case chance10k(r, 10): // non-binary, about 0.1% (reference §1.3)
		c.sex = 'X'
	case chance(r, 486):
		c.sex = 'H'
	default:
		c.sex = 'M'
	}
	age := ageBands.pick(r)*5 + r.IntN(5)
	if age >= 90 {
		age = 90 + r.IntN(6)
	}
	c.birth = timeDay(p.today.AddDate(-age, 0, -1-r.IntN(364)))

	c.muni = uint16(muniW.pick(r))
	home := muniState(int(c.muni))
	switch {
	case chance(r, 10):
		c.bstate = neState
	case chance(r, 700): // most people live where they were born
		c.bstate = uint8(home)
	default:
		c.bstate = uint8(stateW.pick(r))
	}
	peninsula := c.bstate == 3 || c.bstate == 22 || c.bstate == 30 // Campeche, Quintana Roo, Yucatán
	c.paterno = t.drawSurname(r, peninsula)
	if !chance10k(r, noMaternoPer10k) {
		c.materno = t.drawSurname(r, peninsula)
	}
	c.given1, c.given2 = t.drawGiven(r, c.sex)

	c.stype = uint8(streetTypeW.pick(r))
	c.street = uint8(r.IntN(len(streetNames)))
	if numberedStreet(streetNames[c.street]) {
		c.stype = 0 // CALLE 21, never AV. 21
	}
	switch {
	case chance(r, 50):
		c.block, c.lot = uint8(between(r, 1, 60)), uint8(between(r, 1, 40))
	case chance(r, 50): // S/N
	default:
		if chance(r, 700) {
			c.number = uint16(between(r, 1, 250))
		} else {
			c.number = uint16(between(r, 1, 4000))
		}
		if chance(r, 50) {
			c.suffix = uint8(between(r, 1, 3))
		}
	}
	if chance(r, 80) {
		c.interior = uint8(between(r, 1, 24))
	}
	c.settle = uint8(settlementW.pick(r))
	c.colonia = uint8(r.IntN(len(colonias)))
	c.cp = postalCode(r, int(c.muni))

	// ten digits: the area code, then a local number not starting with 0 or 1
	phone := pick(r, states[home].ladas) + strconv.Itoa(between(r, 2, 9))
	for len(phone) < 10 {
		phone += strconv.Itoa(r.IntN(10))
	}
	c.phone, _ = strconv.ParseInt(phone, 10, 64)

	if chance(r, 400) {
		c.email = uint8(1 + r.IntN(len(emailPatterns))*4 + emailDomainW.pick(r))
		c.emailSalt = uint8(r.IntN(100))
	}

	key := validate.CURPNameKey(t.surnames[c.paterno], t.surnames[c.materno], t.givenName(c.given1, c.given2))
	p.setCURPBody(c, key)
	born2000 := dayTime(c.birth).Year() >= 2000
	switch n := r.IntN(100); {
	case n < 90:
		c.curp[16] = diffChar(born2000, 0)
	case n < 98:
		c.curp[16] = diffChar(born2000, 1)
	case born2000:
		c.curp[16] = diffChar(true, r.IntN(26))
	default:
		c.curp[16] = diffChar(false, r.IntN(10))
	}
}

// setCURPBody writes positions 1-16 from the name key, birth, sex and state.
func (p *Pool) setCURPBody(c *person, key string) {
	b := dayTime(c.birth)
	st := "NE"
	if c.bstate != neState {
		st = states[c.bstate].Code
	}
	body := fmt.Sprintf("%s%02d%02d%02d%c%s%s", key[:4], b.Year()%100, int(b.Month()), b.Day(), c.sex, st, key[4:])
	copy(c.curp[:16], body)
}

// diffChar is the n-th differentiator: digits for births before 2000,
// letters from 2000 on (reference §1.6).
func diffChar(born2000 bool, n int) byte {
	if born2000 {
		return byte('A' + n)
	}
	return byte('0' + n)
}

// assignCURPs makes every CURP unique the way RENAPO does, by bumping the
// differentiator of a later homonym, then sets the check digit. It runs
// sequentially, in pool order, so the outcome is deterministic.
func (p *Pool) assignCURPs() error {
	used := make(map[[16]byte]uint64, len(p.people))
	for i := range p.people {
		c := &p.people[i]
		for attempt := 0; ; attempt++ {
			if attempt > 40 {
				return fmt.Errorf("synth: cannot give person %d a unique valid CURP", i)
			}
			var prefix [16]byte
			copy(prefix[:], c.curp[:16])
			born2000 := dayTime(c.birth).Year() >= 2000
			span, base := 10, 0
			if born2000 {
				span, base = 26, 10
			}
			want := int(c.curp[16] - '0')
			if born2000 {
				want = int(c.curp[16] - 'A')
			}
			bits := used[prefix]
			n := -1
			for k := range span {
				if d := (want + k) % span; bits&(1<<(base+d)) == 0 {
					n = d
					break
				}
			}
			if n < 0 { // every differentiator taken: move the birthday a day back
				c.birth--
				p.setCURPBody(c, string(c.curp[:4])+string(c.curp[13:16]))
				c.curp[16] = diffChar(dayTime(c.birth).Year() >= 2000, 0)
				continue
			}
			used[prefix] = bits | 1<<(base+n)
			c.curp[16] = diffChar(born2000, n)
			d, ok := validate.CURPCheckDigit(string(c.curp[:17]))
			if !ok {
				return fmt.Errorf("synth: person %d has a malformed CURP %q", i, c.curp[:17])
			}
			c.curp[17] = d
			if _, why := validate.ParseCURP(string(c.curp[:]), p.today); why == validate.OK {
				break
			}
			// a known fixture or similar: try the next differentiator
		}
	}
	return nil
}

// emailPatterns build the local part from the name and birth year.
var (
	emailPatterns = []string{"g.p.yy", "gpyyyy", "ipmyy", "p_gnn", "g.p.m", "g_yyyy"}
	emailDomains  = []string{"gmail.com", "hotmail.com", "outlook.com", "yahoo.com.mx"}
	emailDomainW  = newWeighted([]uint64{50, 30, 10, 10})
)

func emailAddress(p Person, code, salt int) string {
	pattern, domain := emailPatterns[code/4], emailDomains[code%4]
	g := emailWord(firstWord(p.Nombre))
	pa := emailWord(firstWord(p.Paterno))
	ma := emailWord(firstWord(p.Materno))
	yyyy := strconv.Itoa(p.Birth.Year())
	yy := yyyy[2:]
	var local string
	switch pattern {
	case "g.p.yy":
		local = g + "." + pa + yy
	case "gpyyyy":
		local = g + pa + yyyy
	case "ipmyy":
		local = g[:1] + pa + initialOf(ma) + yy
	case "p_gnn":
		local = pa + "_" + g + strconv.Itoa(salt)
	case "g.p.m":
		local = strings.TrimSuffix(g+"."+pa+"."+ma, ".")
	default:
		local = g + "_" + yyyy
	}
	return local + "@" + domain
}

// firstWord skips particles: DE LA CRUZ gives CRUZ, for an e-mail address.
func firstWord(s string) string {
	ws := strings.Fields(plain(s))
	for len(ws) > 1 && (ws[0] == "DE" || ws[0] == "DEL" || ws[0] == "LA" || ws[0] == "LOS") {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return ""
	}
	return ws[0]
}

func emailWord(s string) string {
	var b strings.Builder
	for _, r := range plain(s) {
		switch {
		case r == 'Ñ':
			b.WriteByte('n')
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r - 'A' + 'a')
		}
	}
	return b.String()
}

func initialOf(s string) string {
	if s == "" {
		return ""
	}
	return s[:1]
}

// Sample returns, in pool order, the people a table includes: each with
// probability perMille/1000, among those keep accepts (nil = everyone).
func (p *Pool) Sample(r *rand.Rand, perMille int, keep func(i int32) bool) []int32 {
	out := make([]int32, 0, len(p.people)*perMille/1000+16)
	for i := range p.people {
		if chance(r, perMille) && (keep == nil || keep(int32(i))) {
			out = append(out, int32(i))
		}
	}
	return out
}
