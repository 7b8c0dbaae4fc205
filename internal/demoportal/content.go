package demoportal

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// The text of the portal is generated, deterministically, from the
// article's id and version: wire-style news prose that reads like the seed
// page (a dateline and agency first, then sentences about officials,
// markets and weather) without being anyone's copy. Each sentence names
// people, places and figures drawn from large combinatorial pools, so that
// two stories share few word 3-grams, as two real stories do: their
// fingerprints lie far apart (about 32 bits, never near the copies' few),
// which the near-duplicate report relies on (see copies.go).

var (
	cities   = []string{"MOSCOW", "WASHINGTON", "LONDON", "PARIS", "BERLIN", "TOKYO", "SEOUL", "NAIROBI", "LIMA", "OTTAWA", "CANBERRA", "MADRID", "ROME", "CAIRO", "MUMBAI", "JAKARTA"}
	agencies = []string{"AP", "Reuters", "AFP"}
	// Pools of one or two words: a run of three fixed words would be a
	// 3-gram every story shares.
	roles = []string{"Finance Minister", "Mayor", "Police Chief", "Union leader", "Health Minister", "Governor", "Port director",
		"Regulator", "Opposition leader", "Executive", "Admiral", "Prosecutor", "Superintendent",
		"Envoy", "Transport Minister", "Councillor", "Fire chief", "Budget director", "Spokesperson", "Senator"}
	firstNames = []string{"Amara", "Bruno", "Chen", "Dara", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kaito", "Leila",
		"Mateo", "Nadia", "Omar", "Petra", "Quinn", "Rosa", "Sven", "Talia", "Umar", "Vera", "Wen", "Yusuf"}
	syllables = []string{"ba", "ko", "ri", "ven", "tal", "mo", "sek", "lu", "dor", "ani", "per", "zo", "kel", "ra", "mi", "gan"}
	verbs     = []string{"announced", "confirmed", "denied", "proposed", "rejected", "approved", "questioned",
		"postponed", "welcomed", "criticized", "outlined", "defended", "expanded", "reviewed", "blocked", "unveiled"}
	dets = []string{"a", "the", "a revised", "a second", "the delayed", "an emergency", "a disputed", "another", "this year's"}
	adjs = []string{"coastal", "northern", "rural", "municipal", "cross-border", "temporary", "permanent", "digital", "seasonal",
		"private", "public", "joint", "overnight", "weekly", "annual", "voluntary", "mandatory", "pilot", "national", "urban", "offshore", "regional", "federal", "local"}
	things = []string{"railway", "water levy", "tariff", "housing plan", "school program", "bridge repair", "flight ban", "fishing quota",
		"bus network", "grain reserve", "tax credit", "power line", "hospital wing", "ferry route", "wage deal", "census", "dredging",
		"vaccine drive", "road toll", "solar farm", "curfew", "subsidy", "audit", "trade pact"}
	preps  = []string{"for", "on", "covering", "against", "benefiting", "involving"}
	topics = []string{"small farmers", "steel imports", "night flights", "river towns", "the airline", "regional banks",
		"wild horses", "coal plants", "electric buses", "rent controls", "mountain villages", "fuel prices", "border crossings",
		"pensions", "night trains", "fish stocks", "school meals", "port workers", "flood defenses", "street markets",
		"the exchange", "copper mines", "tourist visas", "dairy exports", "rural clinics", "the harbor", "city parks",
		"water meters", "taxi drivers", "grain silos"}
	weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	periods  = []string{"days", "weeks", "months"}
	sectors  = []string{"bank", "energy", "airline", "mining", "shipping", "retail", "telecom", "farm"}
	units    = []string{"families", "workers", "households", "passengers", "students", "farms", "shops", "vessels", "homes", "patients"}
	fillers  = []string{"Officials did not say when a final decision would be made.",
		"Analysts said the move had been expected for several months.",
		"The announcement came as prices for fuel and food continued to climb.",
		"Opposition lawmakers called for an independent inquiry.",
		"A spokesperson declined to comment on the details of the agreement.",
		"Forecasters expect the dry weather to continue into the weekend.",
		"The report will be presented to lawmakers before the end of the year."}
	headWords = []string{"Minister", "Markets", "Council", "Storm", "Court", "Rail", "Harbor", "Budget", "Union", "Airline",
		"Farmers", "Bridge", "Election", "Tariff", "Census", "Festival", "Museum", "Bank", "Coast", "Summit"}
	headVerbs = []string{"weighs", "rejects", "backs", "delays", "defends", "expands", "questions", "reviews", "approves", "warns on"}
	headTails = []string{"amid rising costs", "after weeks of talks", "as protests grow", "ahead of summit", "in surprise move",
		"despite opposition", "as prices climb", "after storm damage", "in late vote", "as deadline nears"}
	objects = []string{"a new round of talks", "the revised budget", "plans for a coastal railway", "emergency funding for farmers",
		"tighter rules on imports", "a review of the election results", "the sale of the state airline", "a ban on late-night flights",
		"new limits on water use", "the merger of two regional banks", "a program to rebuild bridges", "higher tariffs on steel",
		"a pilot scheme for electric buses", "the closure of three coal plants", "a census of wild horses"}
	authors = []string{"Maria Lopez", "James Okafor", "Lena Fischer", "Hiro Tanaka", "Priya Natarajan", "Tom Becker", "Ana Costa", "Samuel Adeyemi"}
)

// name makes a surname or a town: two or three syllables, capitalised.
func name(r *rand.Rand) string {
	n := 2 + r.IntN(2)
	var b strings.Builder
	for range n {
		b.WriteString(pick(r, syllables))
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// sentence is one sentence of wire prose.
func sentence(r *rand.Rand) string {
	if r.IntN(12) == 0 {
		return pick(r, fillers)
	}
	subject := fmt.Sprintf("%s %s %s", pick(r, roles), pick(r, firstNames), name(r))
	object := fmt.Sprintf("%s %s %s %s %s", pick(r, dets), pick(r, adjs), pick(r, things), pick(r, preps), pick(r, topics))
	var tail string
	switch r.IntN(5) {
	case 0:
		tail = " on " + pick(r, weekdays)
	case 1:
		tail = " in " + name(r)
	case 2:
		tail = fmt.Sprintf(" after %d %s", 2+r.IntN(11), pick(r, periods))
	case 3:
		tail = fmt.Sprintf(" as %s shares rose %d.%d percent", pick(r, sectors), r.IntN(9), r.IntN(10))
	default:
		tail = fmt.Sprintf(", affecting %d %s", 100*(1+r.IntN(90)), pick(r, units))
	}
	return fmt.Sprintf("%s %s %s%s.", subject, pick(r, verbs), object, tail)
}

func rng(id, version, salt int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(id)*0x9e3779b97f4a7c15+uint64(salt), uint64(version)+1))
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// title of article id: stable across versions.
func title(id int) string {
	r := rng(id, 0, 1)
	return fmt.Sprintf("%s %s %s %s", pick(r, headWords), pick(r, headVerbs), strings.ToLower(pick(r, objects)), pick(r, headTails))
}

// paragraphs of article id at version v.
func paragraphs(id, v int) []string {
	r := rng(id, v, 2)
	n := 5 + r.IntN(4)
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		if i == 0 {
			fmt.Fprintf(&b, "%s (%s) — ", pick(r, cities), pick(r, agencies))
		}
		sentences := 2 + r.IntN(3)
		for j := 0; j < sentences; j++ {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(sentence(r))
		}
		if v > 0 && i == n-1 {
			fmt.Fprintf(&b, " This story was updated (revision %d) with new details.", v)
		}
		out[i] = b.String()
	}
	return out
}

func summary(id int) string {
	p := paragraphs(id, 0)[0]
	if len(p) > 170 {
		p = p[:strings.LastIndexByte(p[:170], ' ')] + " …"
	}
	return p
}

func author(id int) string { return authors[id%len(authors)] }

var epoch = time.Date(2024, 1, 1, 6, 0, 0, 0, time.UTC)

// published time of article id: one every 47 minutes from 2024-01-01.
func published(id int) time.Time { return epoch.Add(time.Duration(id) * 47 * time.Minute) }

func reactions(id int) int { return 1000 + (id*7919)%90000 }
