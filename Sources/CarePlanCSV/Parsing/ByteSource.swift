// CarePlan Link — CarePlanCSV

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Something bytes are read from in chunks, so that files of any size are read in constant memory.
public protocol ByteSource {
    /// Fills up to `buffer.count` bytes; returns 0 at the end.
    mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(ByteSourceError) -> Int
}

/// Reading the input failed.
public struct ByteSourceError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let errno: Int32
    public var description: String {
        "ファイルを読めません / cannot read \(self.path): \(String(cString: strerror(self.errno)))"
    }
}

/// Bytes already in memory.
public struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(ByteSourceError) -> Int {
        let count = min(buffer.count, self.bytes.count - self.position)
        guard count > 0 else { return 0 }
        self.bytes.withUnsafeBufferPointer { source in
            _ = buffer.initialize(from: UnsafeBufferPointer(rebasing: source[self.position..<(self.position + count)]))
        }
        self.position += count
        return count
    }
}

/// A file read with `read(2)`; the descriptor is closed when the last copy is released.
public struct FileByteSource: ByteSource {
    private final class Descriptor {
        let fd: Int32
        init(fd: Int32) { self.fd = fd }
        deinit { close(self.fd) }
    }

    private let descriptor: Descriptor
    public let path: String

    /// Opens `path` for reading.
    public init(path: String) throws(ByteSourceError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ByteSourceError(path: path, errno: errno) }
        self.descriptor = Descriptor(fd: fd)
        self.path = path
    }

    public mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(ByteSourceError) -> Int {
        while true {
            #if canImport(Glibc)
            let count = Glibc.read(self.descriptor.fd, buffer.baseAddress, buffer.count)
            #else
            let count = Darwin.read(self.descriptor.fd, buffer.baseAddress, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw ByteSourceError(path: self.path, errno: errno)
        }
    }
}
