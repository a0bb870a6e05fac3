// CarePlan Link — CarePlanClient
import CarePlanExchange
import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files written so that they survive a crash or power loss before the hub is told they were received: data is written to
/// a temporary name, fsync'ed, renamed into place, and the folder is fsync'ed so the rename itself is durable.
enum DurableFile {
    struct IOError: Error, CustomStringConvertible {
        let path: String
        let operation: String
        let code: Int32
        var description: String { "\(self.operation) \(self.path): \(String(cString: strerror(self.code)))" }
    }

    /// Writes `bytes` to `path` atomically and durably.
    static func store(_ bytes: [UInt8], at path: String) throws {
        let writer = try StreamingWriter(finalPath: path)
        try writer.append(bytes)
        _ = try writer.commit()
    }

    /// fsync of a folder, so that renames and new entries in it are on disk.
    static func syncDirectory(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw IOError(path: path, operation: "open", code: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw IOError(path: path, operation: "fsync", code: errno) }
    }

    /// Appends to `<path>.part` while hashing; `commit()` makes it `<path>`, `discard()` removes it. With `resume`, the
    /// bytes already in `<path>.part` (from a cut transfer) are kept and hashed, and writing continues after them.
    final class StreamingWriter {
        let finalPath: String
        let partPath: String
        private var descriptor: Int32
        private var hasher = SHA256()
        private(set) var size = 0

        init(finalPath: String, resume: Bool = false) throws {
            self.finalPath = finalPath
            self.partPath = finalPath + ".part"
            if resume, FileManager.default.fileExists(atPath: self.partPath) {
                self.descriptor = open(self.partPath, O_WRONLY | O_APPEND)
            } else {
                self.descriptor = open(self.partPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            }
            guard self.descriptor >= 0 else { throw IOError(path: self.partPath, operation: "open", code: errno) }
            // Two writers appending to one .part would each hash only their own bytes: refuse the second.
            guard flock(self.descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let code = errno
                close(self.descriptor)
                self.descriptor = -1
                throw IOError(path: self.partPath, operation: "lock (another download is writing it)", code: code)
            }
            // Under the lock: what an earlier, cut transfer left is hashed and kept.
            if resume, let existing = FileManager.default.contents(atPath: self.partPath), !existing.isEmpty {
                self.hasher.update(data: existing)
                self.size = existing.count
            }
        }

        /// Drops what was written so far and starts the file again.
        func restart() throws {
            guard ftruncate(self.descriptor, 0) == 0 else { throw IOError(path: self.partPath, operation: "truncate", code: errno) }
            self.hasher = SHA256()
            self.size = 0
        }

        /// Closes the file and keeps `<path>.part` for a later resume.
        func suspend() {
            if self.descriptor >= 0 { close(self.descriptor) }
            self.descriptor = -1
        }

        deinit {
            if self.descriptor >= 0 { close(self.descriptor) }
        }

        func append(_ bytes: some Collection<UInt8>) throws {
            self.hasher.update(data: Array(bytes))
            var remaining = Array(bytes)[...]
            while !remaining.isEmpty {
                let written = remaining.withUnsafeBytes { write(self.descriptor, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw IOError(path: self.partPath, operation: "write", code: errno)
                }
                remaining = remaining.dropFirst(written)
            }
            self.size += bytes.count
        }

        /// fsyncs, renames into place, fsyncs the folder; returns the SHA-256 (hex) of what was written.
        func commit() throws -> String {
            guard fsync(self.descriptor) == 0 else { throw IOError(path: self.partPath, operation: "fsync", code: errno) }
            close(self.descriptor)
            self.descriptor = -1
            guard rename(self.partPath, self.finalPath) == 0 else { throw IOError(path: self.finalPath, operation: "rename", code: errno) }
            try DurableFile.syncDirectory((self.finalPath as NSString).deletingLastPathComponent)
            return self.digest
        }

        var digest: String { HexDigest.hex(self.hasher.finalize()) }

        func discard() {
            if self.descriptor >= 0 { close(self.descriptor) }
            self.descriptor = -1
            unlink(self.partPath)
        }
    }

}
