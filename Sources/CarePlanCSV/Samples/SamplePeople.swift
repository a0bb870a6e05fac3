// CarePlan Link — CarePlanCSV
// Invented names and places for sample files: no real person's data.

/// A sample care-insurance user.
public struct SampleUser: Sendable {
    /// 保険者番号
    public let insurerNumber: String
    /// 被保険者番号
    public let insuredNumber: String
    /// 利用者氏名
    public let name: String
    /// 利用者氏名フリガナ
    public let nameKana: String
    /// 利用者性別 (1 男性 / 2 女性)
    public let gender: String
    /// 利用者生年月日
    public let birthDate: CalendarDate
    /// 利用者住所１
    public let address: String
    /// 要介護状態区分
    public let careLevel: String

    static let familyNames: [(String, String)] = [
        ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"), ("伊藤", "イトウ"), ("渡辺", "ワタナベ"),
        ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("山田", "ヤマダ"),
        ("髙橋", "タカハシ"), ("斎藤", "サイトウ"), ("﨑山", "サキヤマ"), ("松本", "マツモト"),
    ]
    static let givenNames: [(String, String, String)] = [
        ("ハナ", "ハナ", "2"), ("和子", "カズコ", "2"), ("幸子", "サチコ", "2"), ("節子", "セツコ", "2"), ("トシ", "トシ", "2"),
        ("茂", "シゲル", "1"), ("清", "キヨシ", "1"), ("勇", "イサム", "1"), ("三郎", "サブロウ", "1"), ("實", "ミノル", "1"),
    ]
    static let towns = ["千代田区神田一丁目", "千代田区麹町三丁目", "千代田区九段南二丁目", "千代田区神保町一丁目", "千代田区富士見二丁目"]

    /// The `index`-th user (deterministic). Every 97th user is 生保単独 (被保険者番号 `H` + 9 digits).
    static func make(index: Int, random: inout SplitMix64) -> SampleUser {
        let family = Self.familyNames[Int(random.next() % UInt64(Self.familyNames.count))]
        let given = Self.givenNames[Int(random.next() % UInt64(Self.givenNames.count))]
        let insured = index % 97 == 96 ? "H" + ASCIIDigits.padded(index, width: 9) : ASCIIDigits.padded(1_000_000 + index, width: 10)
        let year = 1930 + Int(random.next() % 20)
        let birth = CalendarDate(year: year, month: 1 + Int(random.next() % 12), day: 1 + Int(random.next() % 28))!
        let town = Self.towns[index % Self.towns.count]
        return SampleUser(
            insurerNumber: "131011", insuredNumber: insured, name: "\(family.0)　\(given.0)", nameKana: "\(family.1)　\(given.1)",
            gender: given.2, birthDate: birth, address: "東京都\(town)\(1 + index % 30)番\(1 + index % 12)号",
            careLevel: ["21", "22", "23", "24", "25"][index % 5])
    }
}

/// Sample offices: one care-manager office, three providers and a 地域包括支援センター with a 予防 provider.
public enum SampleOffices {
    /// 居宅介護支援事業所 (43)
    public static let careManager = OfficeID(number: "1310100012", serviceType: "43")
    /// 訪問介護 (11)
    public static let homeHelp = OfficeID(number: "1310100021", serviceType: "11")
    /// 通所介護 (15)
    public static let dayService = OfficeID(number: "1310100039", serviceType: "15")
    /// 福祉用具貸与 (17)
    public static let equipment = OfficeID(number: "1310100047", serviceType: "17")
    /// 地域包括支援センター (介護予防支援 46)
    public static let preventionCenter = OfficeID(number: "1310100055", serviceType: "46")
    /// 通所型サービス（独自） (A6)
    public static let preventionDayService = OfficeID(number: "1310100063", serviceType: "A6")

    static let names: [String: String] = [
        "1310100012": "ちよだ居宅介護支援センター", "1310100021": "神田ヘルパーステーション", "1310100039": "麹町デイサービス",
        "1310100047": "九段福祉用具", "1310100055": "千代田区地域包括支援センター", "1310100063": "富士見通所サービス",
    ]

    /// The office's name.
    public static func name(of office: OfficeID) -> String { Self.names[office.number] ?? "事業所" }
}

/// The offices one sample's files name: the care manager (居宅介護支援) and the providers in its plans, with their
/// names. The demo region gives each group of users its own set.
public struct SampleOfficeSet: Sendable, Hashable {
    /// 居宅介護支援事業所 (43)
    public var careManager: OfficeID
    /// 訪問介護 (11): every user's, the one that sends 実績.
    public var homeHelp: OfficeID
    /// 通所介護 (15): every user's.
    public var dayService: OfficeID
    /// 福祉用具貸与 (17): every third user's.
    public var equipment: OfficeID
    /// 事業所名 by 事業所番号.
    public var names: [String: String]

    public init(careManager: OfficeID, homeHelp: OfficeID, dayService: OfficeID, equipment: OfficeID, names: [String: String]) {
        self.careManager = careManager
        self.homeHelp = homeHelp
        self.dayService = dayService
        self.equipment = equipment
        self.names = names
    }

    /// The sample offices of ``SampleOffices``.
    public static let standard = SampleOfficeSet(
        careManager: SampleOffices.careManager, homeHelp: SampleOffices.homeHelp, dayService: SampleOffices.dayService, equipment: SampleOffices.equipment,
        names: SampleOffices.names)

    /// The office's name.
    public func name(of office: OfficeID) -> String { self.names[office.number] ?? "事業所" }
}

enum SampleImage {
    /// A 16×16 grayscale JPEG (made once with Pillow) standing in for a 家族構成 diagram.
    static let jpeg: [UInt8] = {
        let hex = Array("ffd8ffe000104a46494600010100000100010000ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123251d283a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffc0000b080010001001011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00e9b51d42fe1d55e181eda1b48a049259a485a428599c024065c2fc9c9ed9c9e32458826bf8b558ad6ee6b699258249018a068ca95641dddb3f7ff4a2786fe2d565bab486da649608e32259da32a559cf646cfdff00d2abe9da7dfc3aaa4d3a5b4369140f1c50c7334850b3212012ab85f9381db381c600ffd9".utf8)
        return stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }()
}
