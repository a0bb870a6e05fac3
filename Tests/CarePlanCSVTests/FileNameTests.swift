// CarePlan Link — file-name grammar.
import Testing

@testable import CarePlanCSV

@Suite("File names")
struct FileNameTests {
    @Test(
        "every kind parses and formats back",
        arguments: [
            "UP1KYO_0300000100_43_0300000005_11_20191025200201.CSV",
            "DLT1KYO_0300000100_43_0300000005_11_20191025200201.CSV",
            "UP2KYO_0300000100_43_0300000005_11_20191025200201.CSV",
            "UP3KYO_0300000100_43_0300000005_11_20191025200201.CSV",
            "UPHOSOKU_000000_0300000100_43_0300000005_11_20191025200201.CSV",
            "UPHOSOKU_201912_0300000100_43_0300000005_11_20191025200201.CSV",
            "UPPLAN_201912_0300000100_43_0300000005_11_20191025200201.CSV",
            "DLTPLAN_201912_0300000100_43_0300000005_11_20191025200201.CSV",
            "UPSIKYU_201912_0300000100_43_0300000005_11_20191025200201.CSV",
            "UPJSK_201912_0300000005_11_0300000100_43_20191025200201.CSV",
            "DLTJSK_201912_0300000005_11_0300000100_43_20191025200201.CSV",
            "UPKIHON_0300000100_46_0300000005_A6_20191025200201.CSV",
            "UPKIHON_SUB1_0300000100_46_0300000005_A6_20191025200201.CSV",
            "UPKIHON_SUB2_0300000100_46_0300000005_A6_20191025200201.CSV",
            "UPKIHON_IMAGE_0300000100_46_0300000005_A6_20191025200201_0001.jpg",
            "DLTKIHON_0300000100_46_0300000005_A6_20191025200201.CSV",
            "UPYOBO_0300000100_46_0300000005_A6_20191025200201.CSV",
            "UPYOBO_SUB_0300000100_46_0300000005_A6_20191025200201.CSV",
            "DLTYOBO_0300000100_46_0300000005_A6_20191025200201.CSV",
            // 3.x (no service tokens) and 4.0 (3-character tokens)
            "UPPLAN_201912_0300000100_0300000005_20191025200201.CSV",
            "UP1KYO_0300000100_431_0300000005_111_20191025200201.CSV",
        ])
    func roundTrip(_ text: String) throws {
        let name = try CarePlanFileName(parsing: text)
        #expect(name.description == text)
        #expect(text.hasPrefix(name.kind.prefix + "_"))
        #expect(name.timestamp.description == "20191025200201")
    }

    @Test("parsed tokens land in the right fields")
    func tokens() throws {
        let name = try CarePlanFileName(parsing: "UPJSK_202506_1310100021_11_1310100012_43_20250630120000.CSV")
        #expect(name.kind == .serviceResults)
        #expect(name.month == .month(YearMonth(year: 2025, month: 6)!))
        #expect(name.sender == OfficeID(number: "1310100021", serviceType: "11"))
        #expect(name.recipient == OfficeID(number: "1310100012", serviceType: "43"))
        #expect(name.grammar == .version4_1)
        let prefixed = try CarePlanFileName(parsing: "UPKIHON_SUB1_0300000100_46_0300000005_A6_20191025200201.CSV")
        #expect(prefixed.kind == .basicUserInfoDailySchedule)
        let image = try CarePlanFileName(parsing: "UPKIHON_IMAGE_0300000100_46_0300000005_A6_20191025200201_0012.JPG")
        #expect(image.imageBranch == 12)
        #expect(try CarePlanFileName(parsing: "UPPLAN_201912_0300000100_0300000005_20191025200201.CSV").grammar == .version3)
    }

    @Test(
        "a bad name names the wrong token",
        arguments: [
            ("UPPLAN_201912_0300000100_43_0300000005_11_20191025200201", 0, FileNameError.Problem.missingExtension),
            ("UPPLAN_201912_0300000100_43_0300000005_11_20191025200201.TXT", 0, .wrongExtension(expected: "CSV")),
            ("UPPLANX_201912_0300000100_43_0300000005_11_20191025200201.CSV", 0, .unknownPrefix),
            ("UPPLAN_201913_0300000100_43_0300000005_11_20191025200201.CSV", 1, .badMonth),
            ("UPPLAN_000000_0300000100_43_0300000005_11_20191025200201.CSV", 1, .zeroMonthNotAllowed),
            ("UPPLAN_201912_030000010_43_0300000005_11_20191025200201.CSV", 2, .badOfficeNumber),
            ("UPPLAN_201912_0300000100_4_0300000005_11_20191025200201.CSV", 3, .badServiceType(width: 2)),
            ("UPPLAN_201912_0300000100_43_0300000005_99_20191025200201.CSV", 5, .unknownServiceType),
            ("UPPLAN_201912_0300000100_43_0300000005_11_20191325200201.CSV", 6, .badTimestamp),
            ("UPPLAN_201912_0300000100_43_0300000005_11_20191025250201.CSV", 6, .badTimestamp),
            ("UPPLAN_201912_0300000100_43_0300000005_20191025200201.CSV", 2, .missingServiceType),  // one service token of two
            ("UPJSK_201912_0300000005_11__43_20191025200201.CSV", 4, .emptyToken("送信先事業所番号")),
            ("UPPLAN_201912_0300000100_43_0300000005_11_20191025200201 (1).CSV", 0, .copySuffix),
            ("UPKIHON_IMAGE_0300000100_46_0300000005_A6_20191025200201_01.jpg", 6, .badImageBranch),
            ("UPKIHON_IMAGE_0300000100_46_0300000005_A6_20191025200201_0001.CSV", 0, .wrongExtension(expected: "jpg")),
        ])
    func badNames(_ text: String, _ token: Int, _ problem: FileNameError.Problem) {
        #expect {
            try CarePlanFileName(parsing: text)
        } throws: { error in
            guard let error = error as? FileNameError else { return false }
            return error.tokenIndex == token && error.problem == problem && error.description.contains(" / ")
        }
    }

    @Test("send-unit keys group by sender, recipient and timestamp")
    func unitKeys() throws {
        let plan = try CarePlanFileName(parsing: "UPPLAN_202506_1310100012_43_1310100021_11_20250525180000.CSV")
        let annex = try CarePlanFileName(parsing: "UPSIKYU_202506_1310100012_43_1310100021_11_20250525180000.CSV")
        let other = try CarePlanFileName(parsing: "UPSIKYU_202506_1310100012_43_1310100021_11_20250525180001.CSV")
        #expect(plan.sendUnitKey == annex.sendUnitKey)
        #expect(plan.sendUnitKey != other.sendUnitKey)
        #expect(plan.sendUnitKey < other.sendUnitKey)
    }
}
