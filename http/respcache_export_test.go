package http

import "time"

// SetResponseCacheClock replaces the response cache's clock, so tests can
// step past its recheck interval without sleeping.
func SetResponseCacheClock(s *Server, now func() time.Time) { s.cache.now = now }

// ResponseCacheEntries is how many answers the response cache holds.
func ResponseCacheEntries(s *Server) int {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	return len(s.cache.entries)
}
