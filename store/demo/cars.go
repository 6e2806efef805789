package demo

import "github.com/autoleads/autoleads/store"

// car builds one demo car from the columns of the demo table (docs/rules.md).
func car(code, brand, model string, year int, color, transmission string, km, price int64, fuel, status,
	plate, stock string, features []string, condition, description string) store.Car {
	return store.Car{
		DisplayCode: code, Brand: brand, Model: model, Year: year, Color: color, Transmission: transmission,
		Km: km, Price: price, FuelType: fuel, Status: status, PlateNumber: plate, StockCode: stock,
		KeyFeatures: features, ConditionNotes: condition, Description: description,
		Photos: []string{},
	}
}

// demoCars are the fifteen cars of docs/rules.md (The demo showroom): twelve available, two booked
// and one sold.
func demoCars() []store.Car {
	const (
		manual, matic        = store.TransmissionManual, store.TransmissionMatic
		available, booking   = store.CarAvailable, store.CarBooking
		sold                 = store.CarSold
		bensin, diesel, hybr = "Bensin", "Diesel", "Hybrid"
	)
	return []store.Car{
		car("#A01", "Toyota", "Avanza", 2020, "Hitam", manual, 45000, 165000000, bensin, available,
			"L 1234 AB", "STK-001",
			[]string{"Tangan pertama", "Servis rutin di bengkel resmi", "Ban baru", "Pajak panjang"},
			"Mesin halus, kaki-kaki senyap. Baret halus di bumper belakang.",
			"Toyota Avanza G 2020 hitam, transmisi manual, tangan pertama dari baru. Kabin lega tujuh penumpang, "+
				"AC dingin, buku servis lengkap. Cocok untuk mobil keluarga harian di Surabaya."),
		car("#A02", "Toyota", "Avanza", 2021, "Silver", matic, 32000, 185000000, bensin, available,
			"L 1822 CD", "STK-002",
			[]string{"Transmisi matic", "Km rendah", "Head unit layar sentuh", "Kamera mundur"},
			"Kondisi seperti baru, interior bersih dan wangi.",
			"Toyota Avanza 1.5 G CVT 2021 silver, baru 32 ribu km. Nyaman di kemacetan kota, irit, "+
				"dan sudah dilengkapi kamera mundur. Surat-surat lengkap, siap pakai."),
		car("#A03", "Toyota", "Innova Reborn", 2019, "Putih", matic, 58000, 285000000, diesel, available,
			"L 1456 EF", "STK-003",
			[]string{"Mesin diesel 2.4 bertenaga", "Captain seat", "Servis rutin di bengkel resmi", "Velg racing"},
			"Servis besar baru dilakukan bulan lalu. Jok kulit terawat.",
			"Toyota Innova Reborn 2.4 V diesel matic 2019 putih. Tenaga besar dan irit solar, captain seat "+
				"di baris kedua, cocok untuk keluarga besar maupun perjalanan luar kota."),
		car("#A04", "Toyota", "Innova Zenix", 2022, "Abu-abu", matic, 18000, 385000000, hybr, booking,
			"L 1987 GH", "STK-004",
			[]string{"Hybrid irit BBM", "Toyota Safety Sense", "Panoramic roof", "Garansi pabrik masih berlaku"},
			"Sudah dipesan, menunggu pelunasan.",
			"Toyota Innova Zenix Q Hybrid 2022 abu-abu, km 18 ribu. Teknologi hybrid yang sangat irit, "+
				"fitur keselamatan lengkap, dan garansi pabrik masih berjalan."),
		car("#A05", "Toyota", "Fortuner VRZ", 2020, "Hitam", matic, 42000, 475000000, diesel, available,
			"L 1111 JK", "STK-005",
			[]string{"Mesin 2.4 VRZ", "Jok kulit elektrik", "Sunroof", "Power back door", "Tangan pertama"},
			"Body mulus, tidak pernah banjir atau tabrakan.",
			"Toyota Fortuner 2.4 VRZ 4x2 AT 2020 hitam, tangan pertama. SUV gagah dengan jok kulit elektrik "+
				"dan power back door. Riwayat servis lengkap di bengkel resmi Toyota."),
		car("#B01", "Honda", "Brio Satya", 2019, "Merah", manual, 52000, 135000000, bensin, available,
			"L 1345 MN", "STK-006",
			[]string{"Irit BBM", "Lincah di kota", "Pajak panjang", "Perawatan murah"},
			"Ada baret kecil di pintu kiri, mesin sehat.",
			"Honda Brio Satya E 2019 merah, transmisi manual. Mobil pertama yang pas: irit, lincah di jalan "+
				"sempit, dan biaya perawatan ringan."),
		car("#B02", "Honda", "Brio RS", 2021, "Putih", matic, 28000, 165000000, bensin, available,
			"L 1678 PQ", "STK-007",
			[]string{"Varian RS sporty", "Transmisi CVT", "Head unit Android", "Km rendah"},
			"Kondisi sangat terawat, ban masih tebal.",
			"Honda Brio RS CVT 2021 putih, km 28 ribu. Tampilan sporty khas RS, nyaman dikendarai di kota, "+
				"surat lengkap dan pajak panjang."),
		car("#B03", "Honda", "HR-V Prestige", 2018, "Hitam", matic, 65000, 285000000, bensin, sold,
			"L 1209 RS", "STK-008",
			[]string{"Mesin 1.8 i-VTEC", "Sunroof", "Jok kulit", "Keyless entry"},
			"Terjual.",
			"Honda HR-V 1.8 Prestige 2018 hitam dengan sunroof dan jok kulit. SUV kompak yang nyaman dan bertenaga."),
		car("#B04", "Honda", "HR-V SE", 2022, "Putih", matic, 22000, 385000000, bensin, available,
			"L 1543 TU", "STK-009",
			[]string{"Honda Sensing", "Panoramic glass roof", "Lampu LED", "Garansi pabrik"},
			"Seperti baru, semua fitur berfungsi normal.",
			"Honda HR-V 1.5 SE CVT 2022 putih, km 22 ribu. Generasi terbaru dengan Honda Sensing dan atap "+
				"kaca panoramik. Garansi pabrik masih berlaku."),
		car("#B05", "Honda", "HR-V RS", 2023, "Abu-abu", matic, 8000, 425000000, bensin, booking,
			"L 1776 VW", "STK-010",
			[]string{"Mesin turbo 1.5", "Varian RS tertinggi", "Km sangat rendah", "Garansi pabrik"},
			"Sudah dipesan, DP diterima.",
			"Honda HR-V 1.5 Turbo RS 2023 abu-abu, baru 8 ribu km. Varian tertinggi dengan mesin turbo yang "+
				"responsif dan fitur lengkap."),
		car("#C01", "Daihatsu", "Xenia R", 2019, "Silver", manual, 55000, 145000000, bensin, available,
			"L 1402 XY", "STK-011",
			[]string{"Tujuh penumpang", "Irit dan bandel", "Suku cadang murah", "Pajak panjang"},
			"Kondisi normal pemakaian, AC dingin.",
			"Daihatsu Xenia 1.3 R manual 2019 silver. MPV tujuh penumpang yang irit dan bandel, suku cadang "+
				"mudah dan murah. Pilihan hemat untuk keluarga."),
		car("#C02", "Daihatsu", "Xenia 1.5 R", 2021, "Hitam", matic, 35000, 175000000, bensin, available,
			"L 1635 ZA", "STK-012",
			[]string{"Mesin 1.5 bertenaga", "Transmisi CVT", "Kamera mundur", "Servis rutin"},
			"Interior rapi, tanpa bekas rokok.",
			"Daihatsu Xenia 1.5 R CVT 2021 hitam, generasi terbaru yang lebih lega dan nyaman. Servis rutin, "+
				"km 35 ribu, siap untuk perjalanan keluarga."),
		car("#C03", "Daihatsu", "Terios R", 2018, "Putih", manual, 72000, 165000000, bensin, available,
			"L 1958 BC", "STK-013",
			[]string{"Ground clearance tinggi", "Tujuh penumpang", "Tangguh di segala medan"},
			"Kaki-kaki baru diganti, siap jalan jauh.",
			"Daihatsu Terios R manual 2018 putih. SUV tujuh penumpang dengan ground clearance tinggi, "+
				"tangguh untuk jalan rusak maupun banjir ringan."),
		car("#C04", "Daihatsu", "Terios X", 2020, "Merah", matic, 48000, 195000000, bensin, available,
			"L 1261 DE", "STK-014",
			[]string{"Transmisi matic", "Tujuh penumpang", "Head unit layar sentuh", "Pajak panjang"},
			"Body mulus, cat original.",
			"Daihatsu Terios X AT 2020 merah, cat masih original. Nyaman untuk keluarga, transmisi matic "+
				"yang ringan di kemacetan Surabaya."),
		car("#C05", "Daihatsu", "Terios 1.5 X MT", 2022, "Hitam", manual, 25000, 215000000, bensin, available,
			"L 1794 FG", "STK-015",
			[]string{"Km rendah", "Garansi pabrik", "Ground clearance tinggi", "Tangan pertama", "Lampu LED"},
			"Kondisi istimewa, seperti baru.",
			"Daihatsu Terios 1.5 X MT 2022 hitam, tangan pertama dengan km 25 ribu. Garansi pabrik masih "+
				"berlaku, siap dibawa ke mana saja."),
	}
}
