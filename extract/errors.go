package extract

import "errors"

var (
	// ErrTooLarge: the input is longer than Options.MaxBytes.
	ErrTooLarge = errors.New("extract: input larger than the size limit")
	// ErrNotHTML: the input is empty or binary (an image, a PDF, ...).
	ErrNotHTML = errors.New("extract: input is not HTML")
	// ErrNoArticle: the page parsed but holds no article body (a home page,
	// a listing, an error page).
	ErrNoArticle = errors.New("extract: no article found")
)
