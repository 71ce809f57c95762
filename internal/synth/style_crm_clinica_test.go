package synth

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alcance-mx/alcance/detectors/norm"
	"github.com/alcance-mx/alcance/detectors/validate"
)

// The clinic's CRM export: birthdates in US order that belong to the
// person the name columns name, most of them unambiguous (day over 12);
// phones, postal codes and e-mails that validate; insurers with their
// policy numbers, which are no other identifier; visits after birth.
func TestClinicCRM(t *testing.T) {
	c := batch2Corpus(t)
	today := c.Config.Today
	births := map[string][]time.Time{}
	for i := range int32(c.Pool.Len()) {
		ps := c.Pool.Person(i)
		k := norm.Fold(ps.Nombre + "|" + ps.Paterno + "|" + ps.Materno)
		births[k] = append(births[k], ps.Birth)
	}
	tb := mustTable(t, c, "clinic_patients_export")
	ix := tb.Column
	gI, fI, sI, dobI, genI, emI, phI, adI, cpI, insI, polI, alI, lvI := ix("given_name"), ix("family_name"),
		ix("second_family_name"), ix("dob"), ix("gender"), ix("email_address"), ix("cell_phone"),
		ix("home_address"), ix("postal_code"), ix("insurer"), ix("policy_number"), ix("allergies"), ix("last_visit")
	var insurers []string
	for _, in := range crmInsurers {
		insurers = append(insurers, in.name)
	}
	str := func(v any) string { s, _ := v.(string); return s }
	var n, dobs, mdy, leadingZero, emails, allergic, insured int
	for _, r := range rows(tb) {
		n++
		k := norm.Fold(str(r[gI]) + "|" + str(r[fI]) + "|" + str(r[sI]))
		if len(births[k]) == 0 {
			t.Fatalf("%q is nobody in the pool", k)
		}
		var born time.Time
		if s, ok := r[dobI].(string); ok {
			dobs++
			d, err := time.Parse("01/02/2006", s)
			if err != nil || !slices.ContainsFunc(births[k], d.Equal) {
				t.Errorf("dob %q is not the birth of %s", s, k)
			}
			born = d
			got, f, ok := validate.ParseDate(s, today)
			switch {
			case !ok:
				t.Errorf("dob %q does not read as a date", s)
			case d.Day() > 12 && (f != validate.DateMDY || !got.Equal(d)):
				t.Errorf("dob %q reads as %v %v", s, f, got)
			case f == validate.DateMDY:
				mdy++
			}
		}
		if g := r[genI].(string); g != "Male" && g != "Female" && g != "Other" {
			t.Errorf("gender %q", g)
		}
		if s, ok := r[emI].(string); ok {
			emails++
			if validate.ParseEmail(s) != validate.OK {
				t.Errorf("email_address %q", s)
			}
		}
		if s, ok := r[phI].(string); ok {
			if !strings.HasPrefix(s, "+52") {
				t.Errorf("cell_phone %q without country code", s)
			}
			if _, why := validate.ParsePhone(s); why != validate.OK {
				t.Errorf("cell_phone %q: %v", s, why)
			}
		}
		if ad := r[adI].(string); !strings.Contains(ad, ", ") || !strings.ContainsAny(ad, "0123456789") && !strings.Contains(ad, "S/N") {
			t.Errorf("home_address %q", ad)
		}
		cp := r[cpI].(string)
		if !postalCodeOK(cp, "") || len(cp) != 5 {
			t.Errorf("postal_code %q", cp)
		}
		if cp[0] == '0' {
			leadingZero++
		}
		ins, hasIns := r[insI].(string)
		pol, hasPol := r[polI].(string)
		if hasIns != hasPol {
			t.Errorf("insurer %v with policy %v", r[insI], r[polI])
		}
		if hasIns {
			insured++
			if !slices.Contains(insurers, ins) {
				t.Errorf("insurer %q", ins)
			}
			if strings.Trim(pol, "0123456789") == "" || !notAnIdentifier(pol, today) {
				t.Errorf("policy_number %q", pol)
			}
		}
		if s, ok := r[alI].(string); ok && slices.ContainsFunc(crmAllergens, func(a string) bool { return strings.Contains(s, a) }) {
			allergic++
		}
		lv := r[lvI].(time.Time)
		if lv.Before(crmVisitsStart) || !lv.Before(today) || !born.IsZero() && lv.Before(born) {
			t.Errorf("last_visit %v, born %v", lv, born)
		}
	}
	t.Logf("crm: %d patients, %d dobs (%.0f%% unambiguous MM/DD), %d CDMX codes with a leading zero, %d e-mails, %d insured, %d allergic",
		n, dobs, 100*float64(mdy)/float64(dobs), leadingZero, emails, insured, allergic)
	within(t, "dob values with a day over 12", float64(mdy)/float64(dobs), 0.85, 0.97)
	within(t, "patients with an allergy", float64(allergic)/float64(n), 0.2, 0.5)
	within(t, "insured patients", float64(insured)/float64(n), 0.75, 0.95)
	if leadingZero == 0 || emails == 0 {
		t.Errorf("%d postal codes keep a leading zero, %d e-mails", leadingZero, emails)
	}
}
