// Internal to the snapshot (lib/snapshot.cpp): the layout of its header, for
// the tests and the fuzzer that build damaged or foreign snapshots on purpose.
// docs/catalog-format.md ("Binary snapshot") describes the whole format.
#ifndef ONETRIP_LIB_SNAPSHOT_INTERNAL_HPP_
#define ONETRIP_LIB_SNAPSHOT_INTERNAL_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace onetrip::internal {

// The first bytes of every snapshot, whatever its version (after PNG's: a byte
// above 127, CR LF, Ctrl-Z and LF show a transfer that mangled them).
inline constexpr char kSnapshotMagic[8] = {'\x89', 'O', 'T', 'S', '\r', '\n', '\x1a', '\n'};
// The format this library writes and reads.
inline constexpr uint32_t kSnapshotFormat = 2;

// The header, little-endian: magic, format (u32), version number of the
// library that wrote it (u32, onetrip::version_number()), payload size (u64),
// XXH3-64 of the payload (u64); the payload follows.
inline constexpr size_t kSnapshotFormatAt = 8;
inline constexpr size_t kSnapshotLibraryAt = 12;
inline constexpr size_t kSnapshotSizeAt = 16;
inline constexpr size_t kSnapshotChecksumAt = 24;
inline constexpr size_t kSnapshotHeaderBytes = 32;

// The matters are written in chunks of this many (the catalogue's own chunks,
// MatterList::kChunkSize): a table after their count gives where each chunk
// begins and where the bundles begin, so that chunks are read on several
// threads and each is built from its bytes when one of its matters is first read.
inline constexpr size_t kSnapshotChunkMatters = 4096;
inline constexpr size_t snapshot_chunks(size_t matters) {
  return (matters + kSnapshotChunkMatters - 1) / kSnapshotChunkMatters;
}

// Whether a snapshot of `payload_bytes` is read with a second thread beside
// the calling one: a large one (1 MB or more), when the process may use a
// second CPU (usable_cpus).
bool reads_beside(size_t payload_bytes);
// The checksum of a payload.
uint64_t snapshot_checksum(std::string_view payload);

// Rewrites the header's payload size and checksum to match the bytes after it
// (a snapshot whose payload was edited on purpose); shorter than a header: unchanged.
void reseal_snapshot(std::string& bytes);

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_SNAPSHOT_INTERNAL_HPP_
