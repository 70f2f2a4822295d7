package article

import "strings"

//go:generate go run mkzones.go

// nearestZone is the time zone name that v nearly is: the same but for
// case or a letter in five (Europe/Londn is Europe/London), or the one
// zone whose city v nearly names (London); "" when there is none. Short
// names must match but for case: BST is not EST.
func nearestZone(v string) string {
	low := strings.ToLower(strings.TrimSpace(v))
	if low == "" || low == "local" {
		return ""
	}
	zones := zoneNames()
	best, bestD := "", min(2, len(low)/5)+1
	for _, z := range zones {
		if d := editDistance(low, strings.ToLower(z)); d < bestD {
			best, bestD = z, d
		}
	}
	if best != "" || strings.Contains(low, "/") {
		return best
	}
	city := strings.ReplaceAll(low, " ", "_")
	var found []string
	for _, z := range zones {
		i := strings.LastIndexByte(z, '/')
		if i >= 0 && editDistance(city, strings.ToLower(z[i+1:])) <= min(1, len(city)/6) {
			found = append(found, z)
		}
	}
	if len(found) != 1 {
		return ""
	}
	return found[0]
}
