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
// markets and weather) without being anyone's copy.

var (
	cities   = []string{"MOSCOW", "WASHINGTON", "LONDON", "PARIS", "BERLIN", "TOKYO", "SEOUL", "NAIROBI", "LIMA", "OTTAWA", "CANBERRA", "MADRID", "ROME", "CAIRO", "MUMBAI", "JAKARTA"}
	agencies = []string{"AP", "Reuters", "AFP"}
	subjects = []string{"The foreign minister", "The central bank", "City officials", "The prime minister", "Union leaders",
		"The health ministry", "Regional governors", "The defense secretary", "Company executives", "Coast guard crews",
		"Federal prosecutors", "The weather service", "School administrators", "Energy regulators", "The trade delegation"}
	verbs = []string{"announced", "warned", "confirmed", "denied", "proposed", "rejected", "approved", "questioned",
		"postponed", "welcomed", "criticized", "outlined", "defended", "expanded", "reviewed"}
	objects = []string{"a new round of talks", "the revised budget", "plans for a coastal railway", "emergency funding for farmers",
		"tighter rules on imports", "a review of the election results", "the sale of the state airline", "a ban on late-night flights",
		"new limits on water use", "the merger of two regional banks", "a program to rebuild bridges", "higher tariffs on steel",
		"a pilot scheme for electric buses", "the closure of three coal plants", "a census of wild horses"}
	tails = []string{"on Monday", "late Tuesday", "after weeks of negotiations", "in a brief statement", "despite protests outside parliament",
		"according to people familiar with the matter", "ahead of next month's summit", "in a televised address", "during a visit to the port",
		"citing rising costs", "as markets closed higher", "following heavy rain in the south"}
	fillers = []string{"Officials did not say when a final decision would be made.",
		"Analysts said the move had been expected for several months.",
		"The announcement came as prices for fuel and food continued to climb.",
		"Opposition lawmakers called for an independent inquiry.",
		"Residents interviewed near the harbor said they were worried about jobs.",
		"A spokesperson declined to comment on the details of the agreement.",
		"Similar measures were introduced in neighboring countries last year.",
		"The ministry said more than 1,000 people had been affected.",
		"Shares of the largest companies in the sector rose by about 2 percent.",
		"Forecasters expect the dry weather to continue into the weekend.",
		"Critics said the plan would do little to help small businesses.",
		"The report will be presented to lawmakers before the end of the year."}
	headWords = []string{"Minister", "Markets", "Council", "Storm", "Court", "Rail", "Harbor", "Budget", "Union", "Airline",
		"Farmers", "Bridge", "Election", "Tariff", "Census", "Festival", "Museum", "Bank", "Coast", "Summit"}
	headVerbs = []string{"weighs", "rejects", "backs", "delays", "defends", "expands", "questions", "reviews", "approves", "warns on"}
	headTails = []string{"amid rising costs", "after weeks of talks", "as protests grow", "ahead of summit", "in surprise move",
		"despite opposition", "as prices climb", "after storm damage", "in late vote", "as deadline nears"}
	authors = []string{"Maria Lopez", "James Okafor", "Lena Fischer", "Hiro Tanaka", "Priya Natarajan", "Tom Becker", "Ana Costa", "Samuel Adeyemi"}
)

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
			if r.IntN(3) == 0 {
				b.WriteString(pick(r, fillers))
				continue
			}
			fmt.Fprintf(&b, "%s %s %s %s.", pick(r, subjects), pick(r, verbs), pick(r, objects), pick(r, tails))
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
