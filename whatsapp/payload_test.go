package whatsapp_test

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/autoleads/autoleads/store"
	"github.com/autoleads/autoleads/whatsapp"
)

func TestDecodePayload(t *testing.T) {
	const multipartBody = "--XyZ\r\nContent-Disposition: form-data; name=\"sender\"\r\n\r\n0812-3456-7890\r\n" +
		"--XyZ\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nHalo dari form\r\n" +
		"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\nJPEG\r\n--XyZ--\r\n"
	tests := []struct {
		name, contentType, body string
		kind, phone, message    string
		nameWant, metadata      string
		delivery, errCode       string
	}{
		{"multipart form", "multipart/form-data; boundary=XyZ", multipartBody,
			"message", "+6281234567890", "Halo dari form", "", "", "", ""},
		{"JSON sniffed without content type", "", `{"sender":"6281234567890","message":"hi"}`,
			"message", "+6281234567890", "hi", "", "", "", ""},
		{"form sniffed under text/plain", "text/plain", `sender=6281234567890&message=hi`,
			"message", "+6281234567890", "hi", "", "", "", ""},
		{"numeric sender and inboxid", "application/json", `{"sender":6281234567890,"message":"hi","inboxid":77}`,
			"message", "+6281234567890", "hi", "", "", "", ""},
		{"member string that is a name", "application/json", `{"sender":"6281234567890","message":"hi","member":"Rina"}`,
			"message", "+6281234567890", "hi", "Rina", `{"member":"Rina"}`, "", ""},
		{"member string that is a number is no name", "application/json", `{"sender":"6281234567890","message":"hi","member":"6281234567890"}`,
			"message", "+6281234567890", "hi", "", `{"member":"6281234567890"}`, "", ""},
		{"name before pushname", "application/json", `{"sender":"6281234567890","message":"hi","name":"A","pushname":"B"}`,
			"message", "+6281234567890", "hi", "A", "", "", ""},
		{"message before button text", "application/json", `{"sender":"6281234567890","message":"hi","text":"Ya"}`,
			"message", "+6281234567890", "hi", "", `{"text":"Ya"}`, "", ""},
		{"non-numeric timestamp kept as text", "application/json", `{"sender":"6281234567890","message":"hi","timestamp":"2024-10-23 09:00:00"}`,
			"message", "+6281234567890", "hi", "", `{"timestamp":"2024-10-23 09:00:00"}`, "", ""},
		{"decimal timestamp string", "application/json", `{"sender":"6281234567890","message":"hi","timestamp":"1729674000.5"}`,
			"message", "+6281234567890", "hi", "", `{"timestamp":1729674000.5}`, "", ""},
		{"media type without url", "application/json", `{"sender":"6281234567890","message":"","type":"image"}`,
			"message", "+6281234567890", "", "", `{"type":"image"}`, "", ""},
		{"isgroup flag: ignored, nothing decoded", "application/json", `{"sender":"6281234567890","message":"hi","isgroup":true}`,
			"message", "", "", "", "", "", ""},
		{"status by stateid", "application/json", `{"stateid":"3EB0","state":"delivered"}`,
			"message_status", "", "", "", "", "delivered", ""},
		{"failed status", "application/json", `{"id":"9","status":"invalid"}`,
			"message_status", "", "", "", "", "failed", ""},
		{"state beats status", "application/json", `{"id":"9","status":"sent","state":"delivered"}`,
			"message_status", "", "", "", "", "delivered", ""},
		{"array body", "application/json", `[{"sender":"6281234567890"}]`, "unknown", "", "", "", "", "", store.EBADREQUEST},
		{"empty body", "application/json", ``, "unknown", "", "", "", "", "", store.EBADREQUEST},
		{"empty form", "application/x-www-form-urlencoded", ``, "unknown", "", "", "", "", "", store.EBADREQUEST},
		{"LID sender", "application/json", `{"sender":"123456789012345@lid","message":"hi"}`, "message", "", "", "", "", "", store.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := whatsapp.DecodePayload(tt.contentType, []byte(tt.body))
			if store.ErrorCode(err) != tt.errCode {
				t.Fatalf("err = %v, want code %q", err, tt.errCode)
			}
			got := []string{p.Kind, p.Phone, p.Message, p.Name, string(p.Metadata), p.Delivery}
			want := []string{tt.kind, tt.phone, tt.message, tt.nameWant, tt.metadata, tt.delivery}
			if tt.errCode != "" {
				got, want = got[:1], want[:1]
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("got %q, want %q", got, want)
				}
			}
		})
	}
}

// FuzzDecodePayload feeds arbitrary bodies to the webhook decoder: it
// never panics, fails only with a client error, and every message it accepts
// has a normalised sender and something to store. Its seeds under
// testdata/fuzz hold every body of the webhook tests' corpus
// (http/testdata/fonnte).
func FuzzDecodePayload(f *testing.F) {
	f.Add("", []byte("sender=0812-3456-7890&message=hi&choices[]=a&member[name]=Rina"))
	f.Add("multipart/form-data; boundary=B", []byte("--B\r\nContent-Disposition: form-data; name=\"sender\"\r\n\r\n6281234567890\r\n--B--\r\n"))
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		p, err := whatsapp.DecodePayload(contentType, body)
		if p == nil {
			t.Fatal("nil payload")
		}
		if err != nil {
			if code := store.ErrorCode(err); code != store.EBADREQUEST && code != store.EINVALID {
				t.Fatalf("error code %q: %v", code, err)
			}
			return
		}
		switch p.Kind {
		case store.WebhookKindMessage:
			if p.Ignore != "" {
				return
			}
			if n, err := store.NormalizePhone(p.Phone); err != nil || n != p.Phone {
				t.Fatalf("sender %q (from %q) is not normalised: %q %v", p.Phone, p.Sender, n, err)
			}
			if p.Message == "" && len(p.Metadata) == 0 {
				t.Fatal("message accepted without text or media")
			}
			if p.Metadata != nil {
				var m map[string]json.RawMessage
				if json.Unmarshal(p.Metadata, &m) != nil || m == nil {
					t.Fatalf("metadata is not a JSON object: %s", p.Metadata)
				}
			}
			if !utf8.ValidString(p.Message) || !utf8.ValidString(p.Name) {
				t.Fatal("text is not valid UTF-8")
			}
		case store.WebhookKindMessageStatus:
			if p.ID == "" {
				t.Fatal("message status without id")
			}
		case store.WebhookKindDevice:
			if p.Device == "" || p.Status == "" {
				t.Fatal("device event without device or status")
			}
		default:
			t.Fatalf("kind %q accepted", p.Kind)
		}
	})
}
