package store

import (
	"fmt"
	"unicode/utf8"
)

// checkStringList records in errs, under key, that a list of short strings
// (a car's key features, a lead's tags) holds more than maxItems items or
// an item longer than maxLen characters; the item's limit wins when both
// are broken. one and many name an item and the items in the message.
func checkStringList(errs map[string]string, key, one, many string, items []string, maxItems, maxLen int) {
	if len(items) > maxItems {
		errs[key] = fmt.Sprintf("At most %d %s are allowed", maxItems, many)
	}
	for _, s := range items {
		if utf8.RuneCountInString(s) > maxLen {
			errs[key] = fmt.Sprintf("Each %s must be at most %d characters", one, maxLen)
			return
		}
	}
}
