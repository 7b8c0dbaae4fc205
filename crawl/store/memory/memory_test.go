package memory_test

import (
	"testing"

	"github.com/newsclip/newsclip/crawl/store"
	"github.com/newsclip/newsclip/crawl/store/memory"
	"github.com/newsclip/newsclip/crawl/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Backend{
		Open:   func(testing.TB) store.Store { return memory.New() },
		Reopen: func(_ testing.TB, s store.Store) store.Store { return s },
	})
}
