package extract

// SchemaVersion is the version of the [Article] record. Adding a field keeps
// the version; renaming a field or changing its meaning bumps it.
const SchemaVersion = 1

// Article is the record the extractor makes of one page. It is encoded as
// JSON with snake_case keys, the schema version first.
//
// Times are RFC 3339. When the page states a time without a zone, the zone is
// not invented: the time is kept as local time without an offset
// ("2025-04-17T14:27:32") and PublishedZone / ModifiedZone are false.
type Article struct {
	Schema int `json:"schema"`
	// Input names the source of the record (a file, a URL, "-"); set by the
	// CLI and the crawler, empty for library calls.
	Input string `json:"input,omitempty"`
	// Fetched is when the page was fetched, RFC 3339 in UTC: set by the
	// crawler as it writes the record, the WARC-Date of a record read from
	// a WARC file; empty when the input does not tell (files, library
	// calls).
	Fetched string `json:"fetched,omitempty"`
	// Error is set, and every other field but Schema and Input is empty, on a
	// record that stands for an input that failed.
	Error string `json:"error,omitempty"`

	URL          string   `json:"url,omitempty"`
	CanonicalURL string   `json:"canonical_url,omitempty"`
	SiteName     string   `json:"site_name,omitempty"`
	Title        string   `json:"title,omitempty"`
	Section      []string `json:"section,omitempty"`
	// Published and Modified are RFC 3339 when the page gives a zone, and
	// local time without offset when it does not (see PublishedZone).
	Published     string   `json:"published,omitempty"`
	PublishedZone bool     `json:"published_zone,omitempty"`
	Modified      string   `json:"modified,omitempty"`
	ModifiedZone  bool     `json:"modified_zone,omitempty"`
	Authors       []string `json:"authors,omitempty"`
	// Agency is the wire service credited in the dateline or byline (AP,
	// Reuters, AFP, ...); Dateline is the place it names ("MOSCOW").
	Agency      string   `json:"agency,omitempty"`
	Dateline    string   `json:"dateline,omitempty"`
	Language    string   `json:"language,omitempty"`
	Description string   `json:"description,omitempty"`
	Image       string   `json:"image,omitempty"`
	Images      []string `json:"images,omitempty"`
	// Text is the body: paragraphs in reading order joined by a blank line.
	Text      string         `json:"text"`
	WordCount int            `json:"word_count"`
	Reactions map[string]int `json:"reactions,omitempty"`
	Blocks    []Block        `json:"blocks,omitempty"`
	// Fingerprint is a 64-bit SimHash of Text, 16 hex digits. Copies of one
	// story in different templates lie within a small Hamming distance; see
	// [Distance].
	Fingerprint string `json:"fingerprint,omitempty"`
	// CrawlID names the crawl that made the record (newsclip crawl
	// --crawl-id); empty otherwise.
	CrawlID string `json:"crawl_id,omitempty"`
}

// BlockKind says what a [Block] lists. The kinds, their heading
// vocabularies and the class and id names that mark them are one table
// (blockKinds, blocks.go). It is a string: a kind is also the class of the
// block's elements in a [Trace] ([TraceEntry].Class).
type BlockKind = string

// Block kinds.
const (
	KindRelated        BlockKind = "related"
	KindRanking        BlockKind = "ranking"
	KindRecommendation BlockKind = "recommendation"
	KindMore           BlockKind = "more"
)

// Block is a list of links on the page that is not navigation and not body:
// a Related, Ranking (most read), Recommendation or other link list, kept in
// page order with duplicates.
type Block struct {
	Kind    BlockKind `json:"kind"`
	Heading string    `json:"heading,omitempty"`
	Links   []Link    `json:"links"`
}

// Link is one item of a [Block]; URL is absolute when the page URL is known.
type Link struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}
