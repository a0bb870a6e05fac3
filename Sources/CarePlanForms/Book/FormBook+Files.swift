// CarePlan Link — CarePlanForms
public import CarePlanCSV

/// A file that cannot be shown as a form: not a file of the standard, or not valid.
public struct FormFileError: Error, Sendable, CustomStringConvertible {
    /// The file's name as given.
    public let fileName: String
    /// Japanese first, then English; for an invalid file, its errors as the validator states them.
    public let description: String
}

extension FormBook {
    /// Validates and decodes the files of a unit (or any set); JPEG family images (UPKIHON_IMAGE) are kept for
    /// 利用者基本情報. Throws for the first file that is not of the standard or not valid: a form must show what
    /// the file says, so an invalid file is not guessed at.
    public init(files: [(name: String, bytes: [UInt8])]) throws(FormFileError) {
        let read = try Self.read(files: files)
        self.init(documents: read.documents, images: read.images)
    }

    /// The decoded files and the images, for a caller that combines sets (the hub adds the partner's 実績). A file
    /// given twice under the same name is read once, so that its rows are not counted twice.
    public static func read(files: [(name: String, bytes: [UInt8])]) throws(FormFileError) -> (documents: [CarePlanDocument], images: [String: [UInt8]]) {
        var documents: [CarePlanDocument] = []
        var images: [String: [UInt8]] = [:]
        var seen: Set<String> = []
        for file in files where seen.insert(file.name).inserted {
            let parsed: CarePlanFileName
            do {
                parsed = try CarePlanFileName(parsing: file.name)
            } catch {
                throw FormFileError(fileName: file.name, description: "\(file.name): 標準仕様のファイル名ではありません / not a file name of the standard (\(error))")
            }
            if parsed.kind == .basicUserInfoFamilyImage {
                images[file.name] = file.bytes
                continue
            }
            do {
                documents.append(try CarePlanDocument.read(bytes: file.bytes, fileName: file.name))
            } catch {
                throw FormFileError(fileName: file.name, description: "帳票にできません（仕様に合わないファイル） / cannot be shown as a form (invalid file)\n\(error.description)")
            }
        }
        return (documents, images)
    }
}
