// Package demo is the demo showroom of docs/rules.md as Go data — the profile of
// showroom-surabaya, its fifteen cars, three users, five leads with their
// WhatsApp conversations and an earlier lost one, and three quick replies — and Load, which writes a dataset into any tenant
// database through the store's own methods, so the demo obeys every rule the
// API does.
package demo

import (
	"time"

	"github.com/autoleads/autoleads/store"
)

// Password is the demo users' password, printed by `serve --demo`.
const Password = "password123"

// Profile is the registry record of the demo showroom.
type Profile struct {
	Slug           string
	Name           string
	Hosts          []string
	WhatsAppNumber string
	Phone          string
	Email          string
	Address        string
	City           string
	BusinessHours  map[string]string
}

// Showroom returns the demo showroom's profile (docs/rules.md). Each call returns
// fresh slices and maps, so callers may keep and change them.
func Showroom() Profile {
	return Profile{
		Slug:           "showroom-surabaya",
		Name:           "Showroom Mobil Surabaya",
		Hosts:          []string{"localhost", "127.0.0.1", "showroom-surabaya.localhost"},
		WhatsAppNumber: "628123456789",
		Phone:          "031-1234567",
		Email:          "info@showroom-surabaya.com",
		Address:        "Jl. Raya Darmo No. 123, Surabaya",
		City:           "Surabaya",
		BusinessHours: map[string]string{
			"monday": "08:00-17:00", "tuesday": "08:00-17:00", "wednesday": "08:00-17:00",
			"thursday": "08:00-17:00", "friday": "08:00-17:00", "saturday": "08:00-15:00",
			"sunday": "closed",
		},
	}
}

// Dataset is what Load writes: cars, users, and leads with their messages.
// The demo is one dataset; a generator of larger ones for load tests can
// build another.
type Dataset struct {
	Cars  []store.Car // as given to CreateCar; slug, public name and clean plate are computed
	Users []User
	Leads []Lead
	// QuickReplies are written to a showroom that has none.
	QuickReplies []store.QuickReply
}

// User is a back-office user of the dataset; its password comes from Options.
type User struct {
	Name  string
	Email string
	Role  string
}

// Lead is a customer inquiry of the dataset.
type Lead struct {
	Phone      string // any format NormalizePhone accepts
	Name       string
	CarCode    string // display code of the car asked about, or ""
	Status     string
	Source     string
	AssignedTo string // email of the assigned user, or ""
	Notes      string
	Tags       []string
	LostReason string
	// FollowUpIn is when the next follow-up is due after Options.Now
	// (negative: overdue), or 0 for none; FollowUpToday puts it later on
	// Options.Now's day in the showroom's zone, WIB, whatever the hour.
	FollowUpIn    time.Duration
	FollowUpToday bool
	// QualifiedBy, for an open lead, is the email of the user who set its
	// status, assignee and follow-up after it came in as new, which its
	// timeline then shows; "" creates the lead as it is.
	QualifiedBy string
	Messages    []Message // oldest first
}

// Message is one turn of a lead's conversation.
type Message struct {
	Sender string
	Text   string
	Ago    time.Duration // how long before Options.Now it was sent
}

// Demo returns the demo showroom's data (docs/rules.md): fifteen cars of which
// twelve are available, three users and five leads.
func Demo() *Dataset {
	return &Dataset{Cars: demoCars(), Users: demoUsers(), Leads: demoLeads(), QuickReplies: demoQuickReplies()}
}

// demoQuickReplies use the placeholders the dashboard fills in.
func demoQuickReplies() []store.QuickReply {
	return []store.QuickReply{
		{Title: "Salam pembuka", Body: "Halo {nama}, terima kasih sudah menghubungi Showroom Mobil Surabaya. " +
			"Ada yang bisa kami bantu?"},
		{Title: "Unit tersedia", Body: "{mobil} masih tersedia dengan harga {harga}. Kapan {nama} ingin " +
			"melihat unitnya langsung di showroom?"},
		{Title: "Simulasi kredit", Body: "Untuk {mobil} kami bisa bantu simulasi kredit dengan DP mulai 20%. " +
			"Boleh kami kirimkan rinciannya, {nama}?"},
	}
}

func demoUsers() []User {
	return []User{
		{Name: "Owner Showroom", Email: "owner@showroom-surabaya.com", Role: store.RoleOwner},
		{Name: "Budi Santoso", Email: "budi@showroom-surabaya.com", Role: store.RoleAdmin},
		{Name: "Ani Wijaya", Email: "ani@showroom-surabaya.com", Role: store.RoleSales},
	}
}

const (
	day    = 24 * time.Hour
	hour   = time.Hour
	minute = time.Minute
)

func demoLeads() []Lead {
	const owner, budi, ani = "owner@showroom-surabaya.com", "budi@showroom-surabaya.com", "ani@showroom-surabaya.com"
	return []Lead{
		{
			Phone: "6281987654321", Name: "Ibu Siti", CarCode: "#A01", Status: store.LeadNew, Source: store.SourceWhatsApp,
			Tags: []string{"kredit"},
			Messages: []Message{
				{store.SenderCustomer, "Selamat siang, Avanza hitam 2020 yang #A01 masih ada?", 26 * hour},
				{store.SenderBot, "Selamat siang Ibu! Toyota Avanza 2020 Hitam #A01 masih tersedia: manual, " +
					"45.000 km, harga Rp 165.000.000. Ada yang ingin Ibu tanyakan?", 26*hour - 1*minute},
				{store.SenderCustomer, "Bisa kredit? DP minimal berapa ya?", 25 * hour},
			},
		},
		{
			Phone: "6281987654322", Name: "Pak Andi", CarCode: "#A03", Status: store.LeadHot, Source: store.SourceWhatsApp,
			AssignedTo: budi, Notes: "Serius, minta nego. Janji lihat unit Sabtu pagi.", Tags: []string{"nego", "survey"},
			QualifiedBy: owner, FollowUpIn: -3 * hour,
			Messages: []Message{
				{store.SenderCustomer, "Halo, Innova Reborn diesel putih 2019 masih ready?", 4 * day},
				{store.SenderBot, "Halo Pak! Toyota Innova Reborn 2019 Putih #A03 masih tersedia: matic, diesel, " +
					"58.000 km, harga Rp 285.000.000.", 4*day - 1*minute},
				{store.SenderSystem, "Lead ditugaskan ke Budi Santoso.", 4*day - 30*minute},
				{store.SenderSales, "Selamat sore Pak Andi, saya Budi dari Showroom Mobil Surabaya. Unitnya masih ada, " +
					"servis rutin di bengkel resmi. Kapan Bapak bisa lihat langsung?", 3*day + 20*hour},
				{store.SenderCustomer, "Sabtu pagi saya ke showroom ya Pak. Harganya masih bisa nego?", 3*day + 18*hour},
			},
		},
		{
			Phone: "6281987654323", Name: "Dika", CarCode: "#B01", Status: store.LeadWarm, Source: store.SourceWhatsApp,
			AssignedTo: ani, Notes: "Mahasiswa, mobil pertama. Tanya pajak.", Tags: []string{"test-drive"},
			QualifiedBy: ani, FollowUpToday: true,
			Messages: []Message{
				{store.SenderCustomer, "Kak, Brio Satya merah 2019 itu pajaknya masih panjang?", 3 * day},
				{store.SenderSales, "Halo Kak Dika, saya Ani. Pajak hidup sampai Agustus tahun depan, BPKB dan faktur " +
					"lengkap. Mau dijadwalkan test drive?", 3*day - 2*hour},
				{store.SenderCustomer, "Oke kak, saya kabari lagi minggu ini ya.", 2*day + 20*hour},
			},
		},
		{
			Phone: "6281987654324", Name: "Bu Nina", CarCode: "#B04", Status: store.LeadHot, Source: store.SourceWeb,
			AssignedTo: budi, Notes: "Mau tukar tambah Jazz 2017.", Tags: []string{"tukar-tambah"},
			QualifiedBy: budi,
			Messages: []Message{
				{store.SenderCustomer, "Saya tertarik dengan Honda HR-V SE 2022 putih. Bisa tukar tambah dengan " +
					"Jazz 2017 saya?", 20 * hour},
				{store.SenderSystem, "Inquiry dari website; lead ditugaskan ke Budi Santoso.", 20*hour - 5*minute},
			},
		},
		{
			Phone: "6281987654325", Name: "Pak Rudi", Status: store.LeadNew, Source: store.SourceWhatsApp,
			Messages: []Message{
				{store.SenderCustomer, "Pagi, ada mobil keluarga 7 penumpang budget 200 jutaan?", 2 * hour},
			},
		},
		{
			// Ibu Siti's earlier lead, lost the way most are in Indonesia.
			Phone: "6281987654321", Name: "Ibu Siti", CarCode: "#B02", Status: store.LeadLost, Source: store.SourceWhatsApp,
			AssignedTo: ani, Notes: "Pengajuan kredit 4 tahun ditolak leasing.", LostReason: store.LostLeasingRejected,
			Messages: []Message{
				{store.SenderCustomer, "Mbak, Brio RS putih bisa kredit 4 tahun?", 62 * day},
				{store.SenderSales, "Bisa Bu, kami ajukan ke leasing dulu ya. Mohon kirim foto KTP dan slip gaji.",
					62*day - 1*hour},
				{store.SenderCustomer, "Sudah saya kirim ya Mbak.", 61 * day},
				{store.SenderSales, "Mohon maaf Bu Siti, pengajuan kreditnya belum disetujui leasing. Kalau berkenan " +
					"kami bantu carikan unit dengan DP lebih ringan.", 58 * day},
			},
		},
	}
}
