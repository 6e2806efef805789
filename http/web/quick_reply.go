package web

import "strings"

// QuickReplyValues are what a quick reply's placeholders stand for: the
// customer's name ({nama}), the car of interest ({mobil}) and its price
// ({harga}), each "" when the lead has none.
type QuickReplyValues struct {
	Name, Car, Price string
}

// FillQuickReply puts a lead's values in a quick reply's placeholders. A
// placeholder without a value is dropped with the space before it, so
// "Halo Kak {nama}, …" reads "Halo Kak, …" rather than showing the
// placeholder to the customer. Placeholders are matched as written.
func FillQuickReply(body string, v QuickReplyValues) string {
	var pairs []string
	for _, p := range [...]struct{ name, value string }{{"{nama}", v.Name}, {"{mobil}", v.Car}, {"{harga}", v.Price}} {
		if p.value == "" {
			pairs = append(pairs, " "+p.name, "")
		}
		pairs = append(pairs, p.name, p.value)
	}
	// One pass: a customer's name holding "{mobil}" stays as they wrote it.
	return strings.NewReplacer(pairs...).Replace(body)
}
