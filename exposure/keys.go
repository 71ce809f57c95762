package exposure

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"sync"
)

// Key is a keyed hash of one identity key: a CURP, a normalised name with a
// birthdate, a name alone, another identifier, or a table's row key. 128
// bits of HMAC-SHA256: collisions are negligible at national scale, and
// without the key nothing about the value can be learned from it.
type Key [16]byte

// Kinds of key. A key's kind is part of what is hashed, so a CURP and a
// name that happened to spell the same bytes never collide.
const (
	kindCURP uint8 = 1 + iota // a person, by a valid CURP
	kindNB                    // a person, by normalised full name + birthdate
	kindRow                   // a row of a table, by its key value (links)
	kindName                  // a name alone: maybe a person (widens high)
	kindID                    // an identifier without name and birthdate (widens high)
	// kindNobody is the target of a row key whose row names no one: the
	// key exists (the link is right) but leads to no person.
	kindNobody
	// kindStem is what a CURP says of its holder's name and birthdate: its
	// name letters and date (positions 1-10 and 14-16). A name and birthdate
	// with the same letters and date is that holder, even where no row ever
	// wrote their name beside their CURP.
	kindStem
)

// Keyer makes keyed hashes. It is safe for concurrent use.
type Keyer struct {
	key  []byte
	pool sync.Pool // of *hasher
}

// hasher is one HMAC with the buffers a hash needs: the message is
// written whole, once, and the sum lands in place, so that hashing a
// value allocates nothing.
type hasher struct {
	mac hash.Hash
	msg []byte
	sum [sha256.Size]byte
}

// NewHashKey returns a random 32-byte key, for a scan whose hashes need not
// be compared with any other scan's.
func NewHashKey() []byte {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		panic("alcance: no system randomness: " + err.Error())
	}
	return k
}

// NewKeyer makes hashes with key; an empty key means a random one.
func NewKeyer(key []byte) *Keyer {
	if len(key) == 0 {
		key = NewHashKey()
	}
	k := &Keyer{key: key}
	k.pool.New = func() any { return &hasher{mac: hmac.New(sha256.New, k.key), msg: make([]byte, 0, 128)} }
	return k
}

// KeyID is the key's fingerprint: reports and persons files made with the
// same key carry the same id, so merge can refuse to mix keys. It reveals
// nothing of the key (an HMAC of a fixed label).
func (k *Keyer) KeyID() string {
	m := hmac.New(sha256.New, k.key)
	m.Write([]byte("alcance key id v1"))
	return hex.EncodeToString(m.Sum(nil)[:8])
}

// hash returns the keyed hash of kind followed by the parts, each ended by
// a 0 byte so that ("AB","C") and ("A","BC") differ.
func (k *Keyer) hash(kind uint8, parts ...string) Key { return k.sum(kind, false, parts) }

// joined returns the keyed hash of kind followed by the parts written as
// one (the hash of their concatenation as one part).
func (k *Keyer) joined(kind uint8, parts ...string) Key { return k.sum(kind, true, parts) }

func (k *Keyer) sum(kind uint8, joined bool, parts []string) Key {
	h := k.pool.Get().(*hasher)
	h.msg = append(h.msg[:0], kind)
	for _, p := range parts {
		h.msg = append(h.msg, p...)
		if !joined {
			h.msg = append(h.msg, 0)
		}
	}
	if joined {
		h.msg = append(h.msg, 0)
	}
	h.mac.Reset()
	h.mac.Write(h.msg)
	h.mac.Sum(h.sum[:0])
	var out Key
	copy(out[:], h.sum[:])
	k.pool.Put(h)
	return out
}

// CURP is the key of a canonical, valid CURP.
func (k *Keyer) CURP(curp string) Key { return k.hash(kindCURP, curp) }

// Stem is the key of a CURP's name letters and date: the first ten
// characters and positions 14 to 16.
func (k *Keyer) Stem(stem string) Key { return k.hash(kindStem, stem) }

// NameBirth is the key of a normalised full name (NameKey) with a birthdate
// as YYYY-MM-DD.
func (k *Keyer) NameBirth(name, birth string) Key { return k.hash(kindNB, name, birth) }
