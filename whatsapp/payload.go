package whatsapp

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/autoleads/autoleads/store"
)

// Fonnte calls one webhook URL with three kinds of body (docs/api.md, The Fonnte webhook), as JSON
// or as a form, and sends numbers sometimes as JSON numbers and sometimes as
// strings. Decoding here is pure and lenient about types, strict about what
// a message must carry, and fuzzed (FuzzDecodePayload).

// Payload is one decoded Fonnte webhook body.
type Payload struct {
	Kind   string // a store.WebhookKind* constant
	Device string // the showroom's device number, as sent
	Token  string // a device token some status bodies carry; never stored

	// A message (Kind message).
	Sender   string          // as sent
	Phone    string          // the sender as E.164, for a message that is not ignored
	Ignore   string          // why the message is recorded but not stored (group, broadcast), or ""
	Message  string          // `message`, else `text` (a button reply)
	Name     string          // `name`, `pushname`, or the member's name
	InboxID  string          // Fonnte's id of the incoming message: the idempotency key
	Metadata json.RawMessage // a JSON object of what else the message carried

	// A status event (Kind device or message_status).
	ID       string // Fonnte's id of an outgoing message
	Status   string // device: connect or disconnect; message: Fonnte's status
	State    string // message: WhatsApp's state (sent, delivered, read)
	Reason   string // device: why it disconnected
	Delivery string // the delivery status a message status maps to, "" when none
}

// fields are the fields of a body as JSON values, whatever the body's
// encoding: form values become JSON strings.
type fields map[string]json.RawMessage

// Error messages of bodies that cannot be used.
const (
	errBodyShape = "Webhook body must be a JSON object or form fields"
)

// DecodePayload decodes body as its content type says (JSON, form or
// multipart form; sniffed when the type says neither) and tells its kind by
// shape. The payload is returned whenever the body could be read, even with
// an error, so the event can be recorded with its kind.
// Errors: EBADREQUEST (not an object or form), EINVALID (a message without a
// usable sender or content; a body of no known shape).
func DecodePayload(contentType string, body []byte) (*Payload, error) {
	f, err := parseFields(contentType, body)
	if err != nil {
		return &Payload{Kind: store.WebhookKindUnknown}, err
	}
	p := &Payload{
		Device: f.str("device"), Token: f.str("token"), Sender: f.str("sender"),
		ID: f.str("id"), Status: f.str("status"), State: f.str("state"), Reason: f.str("reason"),
	}
	switch {
	case p.Sender != "":
		p.Kind = store.WebhookKindMessage
		return p, p.decodeMessage(f)
	case (p.ID != "" || f.str("stateid") != "") && (p.Status != "" || p.State != ""):
		p.Kind = store.WebhookKindMessageStatus
		if p.ID == "" {
			p.ID = f.str("stateid")
		}
		p.Delivery = deliveryStatusOf(p.Status, p.State)
		return p, nil
	case p.Device != "" && p.Status != "":
		p.Kind = store.WebhookKindDevice
		return p, nil
	}
	p.Kind = store.WebhookKindUnknown
	return p, &store.Error{Code: store.EINVALID, Message: "Webhook body has no sender",
		Details: map[string]any{"sender": "Sender is required"}}
}

// decodeMessage fills the message fields and checks that the message can
// be stored: a sender that is a phone number, and text or media.
func (p *Payload) decodeMessage(f fields) error {
	jid := strings.ToLower(p.Sender)
	switch {
	case strings.HasSuffix(jid, "@g.us") || f.flag("isgroup"):
		p.Ignore = "Group message"
	case strings.HasSuffix(jid, "@broadcast"):
		p.Ignore = "Status or broadcast message"
	case strings.HasSuffix(jid, "@newsletter"):
		p.Ignore = "Channel message"
	}
	if p.Ignore != "" {
		return nil
	}
	phone, err := store.NormalizePhone(p.Sender)
	if err != nil {
		return &store.Error{Code: store.EINVALID, Message: "Invalid phone number format",
			Details: map[string]any{"sender": "Sender must be a phone number"}}
	}
	p.Phone = phone
	p.InboxID = f.str("inboxid")
	p.Message = cleanText(f.str("message"))
	text := cleanText(f.str("text"))
	if p.Message == "" {
		p.Message = text
	}
	p.Name = firstNonBlank(cleanText(f.str("name")), cleanText(f.str("pushname")), f.memberName())

	md := metadata{
		Type: f.str("type"), URL: f.str("url"), Filename: f.str("filename"), Extension: f.str("extension"),
		Location: f.value("location"), Timestamp: f.timestamp(), PollName: f.str("pollname"),
		Choices: f.value("choices"), Member: f.value("member"),
	}
	if text != p.Message {
		md.Text = text
	}
	media := md.URL != "" || md.Location != nil || md.PollName != "" || md.Choices != nil ||
		(md.Type != "" && !strings.EqualFold(md.Type, "text"))
	if p.Message == "" && !media {
		return &store.Error{Code: store.EINVALID, Message: "Message is empty",
			Details: map[string]any{"message": "Message text or media is required"}}
	}
	if b, _ := json.Marshal(md); string(b) != "{}" {
		p.Metadata = b
	}
	return nil
}

// CheckDevice refuses a body from another device than number, the
// showroom's own WhatsApp number, when both are known. Errors: EFORBIDDEN.
func (p *Payload) CheckDevice(number string) error {
	if number == "" || p.Device == "" {
		return nil
	}
	// Fonnte sends digits; digits alone read as a number only for "62…", so
	// another country's device is read with a "+".
	n, err := store.NormalizeWhatsAppNumber(p.Device)
	if err != nil {
		n, err = store.NormalizeWhatsAppNumber("+" + p.Device)
	}
	if err == nil && n == number {
		return nil
	}
	return store.Errorf(store.EFORBIDDEN, "Webhook comes from another WhatsApp device than this showroom's")
}

// Inbound is the customer's message a message payload carries, as the
// store takes it: Fonnte's inboxid is its idempotency key.
func (p *Payload) Inbound() store.InboundMessage {
	return store.InboundMessage{Phone: p.Phone, Name: p.Name, Source: store.SourceWhatsApp,
		Message: p.Message, Metadata: p.Metadata, ExternalID: p.InboxID}
}

// metadata is what a message carried besides its text; only the keys
// present in the body appear.
type metadata struct {
	Type      string          `json:"type,omitempty"`
	URL       string          `json:"url,omitempty"`
	Filename  string          `json:"filename,omitempty"`
	Extension string          `json:"extension,omitempty"`
	Location  json.RawMessage `json:"location,omitempty"`
	Timestamp json.RawMessage `json:"timestamp,omitempty"`
	PollName  string          `json:"pollname,omitempty"`
	Choices   json.RawMessage `json:"choices,omitempty"`
	Member    json.RawMessage `json:"member,omitempty"`
	Text      string          `json:"text,omitempty"` // a button's text, when `message` was given too
}

// parseFields reads body into fields.
func parseFields(contentType string, body []byte) (fields, error) {
	mt, params, _ := mime.ParseMediaType(contentType)
	switch {
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return jsonFields(body)
	case mt == "application/x-www-form-urlencoded":
		return formFields(body)
	case mt == "multipart/form-data":
		return multipartFields(body, params["boundary"])
	}
	if t := bytes.TrimSpace(body); len(t) > 0 && t[0] == '{' {
		return jsonFields(body)
	}
	return formFields(body)
}

func jsonFields(body []byte) (fields, error) {
	var f fields
	if err := json.Unmarshal(body, &f); err != nil || f == nil {
		return nil, store.Errorf(store.EBADREQUEST, errBodyShape)
	}
	return f, nil
}

func formFields(body []byte) (fields, error) {
	v, err := url.ParseQuery(string(body))
	if err != nil || len(v) == 0 {
		return nil, store.Errorf(store.EBADREQUEST, errBodyShape)
	}
	return formValues(v), nil
}

// maxMultipartParts bounds the work a hostile multipart body can cause.
const maxMultipartParts = 100

func multipartFields(body []byte, boundary string) (fields, error) {
	if boundary == "" {
		return nil, store.Errorf(store.EBADREQUEST, errBodyShape)
	}
	r := multipart.NewReader(bytes.NewReader(body), boundary)
	v := url.Values{}
	for i := 0; i < maxMultipartParts; i++ {
		part, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, store.Errorf(store.EBADREQUEST, errBodyShape)
		}
		b, err := io.ReadAll(part)
		if err != nil {
			return nil, store.Errorf(store.EBADREQUEST, errBodyShape)
		}
		if name := part.FormName(); name != "" && part.FileName() == "" {
			v.Add(name, string(b))
		}
	}
	if len(v) == 0 {
		return nil, store.Errorf(store.EBADREQUEST, errBodyShape)
	}
	return formValues(v), nil
}

// formValues maps form fields to JSON values: PHP-style `choices[]` and
// repeated `choices` become an array, `member[name]` an object, anything
// else its first value as a string.
func formValues(v url.Values) fields {
	f := fields{}
	for k, vals := range v {
		switch {
		case k == "choices" || k == "choices[]":
			all := append(append([]string{}, v["choices"]...), v["choices[]"]...)
			if len(all) == 1 {
				f["choices"] = jsonOf(all[0])
			} else {
				f["choices"] = jsonOf(all)
			}
		case k == "member[name]":
			f["member"] = jsonOf(map[string]string{"name": vals[0]})
		default:
			if _, taken := f[k]; !taken {
				f[k] = jsonOf(vals[0])
			}
		}
	}
	return f
}

// jsonOf encodes a value that always encodes.
func jsonOf(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// str returns a scalar field as trimmed text: a string as is, a number as
// written, a boolean as true/false; "" when absent, null, or not a scalar.
func (f fields) str(key string) string {
	raw := bytes.TrimSpace(f[key])
	if len(raw) == 0 {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return ""
		}
		return strings.TrimSpace(s)
	case '{', '[', 'n':
		return ""
	}
	return string(raw) // a number or a boolean, as written
}

// flag reports whether a field is true ("true", "1", or JSON true).
func (f fields) flag(key string) bool {
	s := strings.ToLower(f.str(key))
	return s == "true" || s == "1"
}

// value returns a field as JSON when it carries something: not absent,
// null, "", [] or {}.
func (f fields) value(key string) json.RawMessage {
	raw := bytes.TrimSpace(f[key])
	switch string(raw) {
	case "", "null", `""`, "[]", "{}":
		return nil
	}
	if raw[0] == '"' && f.str(key) == "" {
		return nil // only spaces
	}
	var buf bytes.Buffer
	if json.Compact(&buf, raw) != nil {
		return nil
	}
	return buf.Bytes()
}

// timestamp returns the timestamp as a JSON number when it is one or a
// string of digits, else as the string it is.
func (f fields) timestamp() json.RawMessage {
	s := f.str("timestamp")
	if s == "" {
		return nil
	}
	if _, err := strconv.ParseInt(s, 10, 64); err == nil {
		return json.RawMessage(s)
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil && json.Valid([]byte(s)) {
		return json.RawMessage(s)
	}
	return jsonOf(s)
}

// memberName is the name in a `member` object, or a `member` string that is
// a name rather than a number.
func (f fields) memberName() string {
	raw := bytes.TrimSpace(f["member"])
	if len(raw) > 0 && raw[0] == '{' {
		var m fields
		if json.Unmarshal(raw, &m) == nil {
			return cleanText(m.str("name"))
		}
		return ""
	}
	s := cleanText(f.str("member"))
	if _, err := store.NormalizePhone(s); err == nil || strings.Contains(s, "@") {
		return ""
	}
	return s
}

// deliveryStatusOf maps Fonnte's status and WhatsApp's state of an outgoing
// message to a delivery status: the most advanced positive one, else failed
// when either says so, else "" (pending, processing: nothing to record).
func deliveryStatusOf(status, state string) string {
	best, rank, failed := "", 0, false
	for _, v := range []string{state, status} {
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "read", "played":
			best, rank = store.DeliveryRead, 3
		case "delivered", "received":
			if rank < 2 {
				best, rank = store.DeliveryDelivered, 2
			}
		case "sent", "server":
			if rank < 1 {
				best, rank = store.DeliverySent, 1
			}
		case "failed", "invalid", "expired", "error", "rejected", "url unreachable":
			failed = true
		}
	}
	if best == "" && failed {
		return store.DeliveryFailed
	}
	return best
}

// minRedactedToken is the shortest token redacted: a shorter value cannot
// be a Fonnte token, and replacing it would mangle the body.
const minRedactedToken = 8

// RedactToken removes a device token from a body before it is stored, in
// each encoding it may appear in (as is, JSON-escaped, form-escaped): the
// token sends messages as the dealer, and webhook events are kept for long.
func RedactToken(body, token string) string {
	if len(token) < minRedactedToken {
		return body
	}
	quoted := string(jsonOf(token))
	for _, v := range []string{quoted[1 : len(quoted)-1], url.QueryEscape(token), token} {
		body = strings.ReplaceAll(body, v, "[redacted]")
	}
	return body
}

// cleanText makes text valid UTF-8 and trims it.
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.TrimSpace(s)
}

func firstNonBlank(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}
