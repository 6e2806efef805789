package csvio

import (
	"strconv"
	"strings"
)

// Whole reads a whole number as a spreadsheet may show it: 150000000,
// 150.000.000 or 150,000,000 (thousands grouped by dots or commas), with
// spaces, and with decimals only when they are zero (150000000,00). A
// number that is not whole, or grouped wrongly (1.50), is refused rather
// than guessed: a price off by a factor of a thousand is worse than a
// question.
func Whole(s string) (int64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if i := strings.LastIndexAny(s, ".,"); i >= 0 && len(s)-i-1 <= 2 {
		if strings.Trim(s[i+1:], "0") != "" {
			return 0, false
		}
		s = s[:i]
	}
	groups := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == ',' })
	if len(groups) == 0 || strings.Count(s, ".")+strings.Count(s, ",") != len(groups)-1 {
		return 0, false
	}
	for i, g := range groups[1:] {
		if len(g) != 3 || (i == 0 && len(groups[0]) > 3) {
			return 0, false
		}
	}
	if len(groups) > 1 && strings.Contains(s, ".") && strings.Contains(s, ",") {
		return 0, false
	}
	digits := strings.Join(groups, "")
	for _, r := range digits {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	return n, err == nil
}
