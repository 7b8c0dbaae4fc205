package crawl

import (
	"errors"
	"strings"

	"github.com/newsclip/newsclip/extract"
)

// Article or not: the decision is made from the page itself, never from
// its URL. The signals, in order:
//
//  1. A page with no run of two prose blocks (see pageScan.maxRun) and no
//     article metadata is a listing: it is not worth extracting.
//  2. The extractor: ErrNoArticle means no article body ("listing/extractor").
//  3. schema.org JSON-LD @type (NewsArticle, BlogPosting, ...) or og:type
//     "article", with a body of 100 bytes or more: an article.
//  4. JSON-LD saying CollectionPage, ItemList, SearchResultsPage, ... and
//     no article type: a listing; so is a page whose text is nearly all
//     link text (link density over 0.85). The threshold is high on purpose:
//     content-farm articles carry 26 headline links (Related, Ranking,
//     Recommendation) around a short body, and their link density passes
//     0.6; summary-style listings are caught by the prose run instead.
//  5. Otherwise the body decides: a run of 3 prose blocks and 300
//     bytes of body text, or a run of 2 and 600 bytes: an article.
//
// The decision's reason is counted in Stats.Decisions.

var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "reportagenewsarticle": true, "analysisnewsarticle": true,
	"opinionnewsarticle": true, "reviewnewsarticle": true, "backgroundnewsarticle": true,
	"askpublicnewsarticle": true, "blogposting": true, "liveblogposting": true, "report": true,
	"satiricalarticle": true, "techarticle": true, "scholarlyarticle": true, "posting": true,
}

var listingTypes = map[string]bool{
	"collectionpage": true, "itemlist": true, "searchresultspage": true, "profilepage": true,
	"aboutpage": true, "contactpage": true, "faqpage": true, "checkoutpage": true,
}

// decide returns the page's record when it is an article, nil when it is
// not, the decision's reason, and an extraction error (not ErrNoArticle).
func (r *run) decide(s *pageScan, raw []byte, src extract.Source) (*extract.Article, string, error) {
	var ldArticle, ldListing bool
	for _, t := range s.ldTypes {
		t = strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(t, "http://schema.org/"), "https://schema.org/"))
		ldArticle = ldArticle || articleTypes[t]
		ldListing = ldListing || listingTypes[t]
	}
	ogArticle := s.ogType == "article" || strings.HasPrefix(s.ogType, "article:") || s.ogType == "news"
	meta := ldArticle || ogArticle
	if !meta && s.maxRun < 2 {
		return nil, "listing/structure", nil
	}
	art, err := r.cfg.Extractor.ExtractBytes(raw, src)
	switch {
	case errors.Is(err, extract.ErrNoArticle):
		return nil, "listing/extractor", nil
	case err != nil:
		return nil, "", err
	}
	// Body size in bytes of UTF-8: a CJK character, three bytes, carries
	// about as much as three Latin letters.
	n := len(art.Text)
	density := 0.0
	if s.textBytes > 0 {
		density = float64(s.linkBytes) / float64(s.textBytes)
	}
	switch {
	case ldArticle && n >= 100:
		return art, "article/json-ld", nil
	case ogArticle && n >= 100:
		return art, "article/og-type", nil
	case ldListing:
		return nil, "listing/json-ld", nil
	case density > 0.85:
		return nil, "listing/link-density", nil
	case s.maxRun >= 3 && n >= 300, s.maxRun >= 2 && n >= 600:
		return art, "article/text", nil
	case meta:
		return nil, "listing/short", nil
	default:
		return nil, "listing/text", nil
	}
}
