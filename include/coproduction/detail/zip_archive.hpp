#pragma once
/// \file
/// Zip archives (PKWARE, *APPNOTE.TXT*, version 6.3.10), the container of an `.xlsx`
/// workbook: reading one held in memory, treating it as hostile, and writing one so that the
/// same parts always give the same bytes. Users include `io/xlsx.hpp`.
///
/// Reading trusts nothing the archive says until it has checked it:
/// - the central directory must lie inside the file and end where its end record says, with
///   as many entries as that record declares and no more than `max_parts` of them (counted
///   before any entry is read); a zip64 end record is read only when its locator is present,
///   and is checked the same way; an archive on several disks, or with data before it, is
///   refused;
/// - every entry's name must be non-empty, free of control characters, valid UTF-8 when the
///   entry says it is UTF-8 (else it is code page 437, as APPNOTE appendix D says), and
///   unique; its local header must be where the directory says, carry the same name, and its
///   data must end before the next entry begins and before the directory (no overlapping
///   entries, no entry running past the end of the file);
/// - a part is unpacked into a buffer of the size it declares, and only when that size is
///   within the caller's limit: inflating stops at the declared size, a part whose data
///   unpack to more or fewer bytes than it declares is refused, and so is one whose CRC-32
///   differs from the one it declares; only stored and deflated parts are read, and no
///   encrypted one.
///
/// Every problem is a `zip_error` (a `format_error` with one problem) whose place is the
/// part's name, or empty for the archive as a whole.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <zlib.h>

#include "coproduction/detail/utf8.hpp"
#include "coproduction/error.hpp"

namespace coproduction::detail::zip {

/// A problem with a zip archive or one of its parts: a `format_error` holding one problem
/// whose pointer is the part's name (empty when the archive as a whole is at fault), code
/// `format.syntax` (damaged, unsupported) or `format.size` (over a limit).
class zip_error : public format_error {
 public:
  zip_error(std::string part, std::string code, std::string message)
      : format_error({{part, std::move(code), std::move(message)}}), part_(std::move(part)) {}
  /// The part at fault, or empty for the archive as a whole.
  const std::string& part() const noexcept { return part_; }

 private:
  std::string part_;
};

/// The archive declares more parts than the reader takes (`format.size`).
class too_many_parts : public zip_error {
 public:
  too_many_parts(std::uint64_t parts, std::uint64_t limit)
      : zip_error("", "format.size",
                  "the archive holds " + std::to_string(parts) +
                      " parts, more than the limit of " + std::to_string(limit)),
        parts_(parts) {}
  std::uint64_t parts() const noexcept { return parts_; }

 private:
  std::uint64_t parts_;
};

/// One part of an archive, as its central directory entry declares it.
struct entry {
  std::string name;                  ///< UTF-8
  std::uint16_t flags = 0;           ///< general purpose bit flags
  std::uint16_t method = 0;          ///< 0 stored, 8 deflated
  std::uint32_t crc = 0;             ///< declared CRC-32 of the unpacked data
  std::uint64_t compressed_size = 0; ///< bytes of its data in the archive
  std::uint64_t size = 0;            ///< declared bytes once unpacked
  std::uint64_t header_offset = 0;   ///< of its local header
  std::uint64_t data_offset = 0;     ///< of its data (after the local header)
};

namespace bytes {
inline std::uint16_t u16(std::string_view s, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) |
                                    (static_cast<unsigned char>(s[at + 1]) << 8));
}
inline std::uint32_t u32(std::string_view s, std::size_t at) {
  return static_cast<std::uint32_t>(u16(s, at)) | (static_cast<std::uint32_t>(u16(s, at + 2)) << 16);
}
inline std::uint64_t u64(std::string_view s, std::size_t at) {
  return static_cast<std::uint64_t>(u32(s, at)) | (static_cast<std::uint64_t>(u32(s, at + 4)) << 32);
}
inline void put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
inline void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}
}  // namespace bytes

/// Code page 437's characters 0x80-0xFF, the encoding of a name not flagged as UTF-8.
inline constexpr std::array<std::uint16_t, 128> cp437_high = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8,
    0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2,
    0x00FB, 0x00F9, 0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1,
    0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD,
    0x00BC, 0x00A1, 0x00AB, 0x00BB, 0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562,
    0x2556, 0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534,
    0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560,
    0x2550, 0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,
    0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580, 0x03B1, 0x00DF, 0x0393,
    0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4, 0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6,
    0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248, 0x00B0,
    0x2219, 0x00B7, 0x221A, 0x25A0, 0x00B2, 0x207F, 0x00A0};

/// A name as the reader keeps it: UTF-8, decoded from code page 437 unless flagged UTF-8.
inline std::string entry_name(std::string_view raw, bool utf8, std::size_t index) {
  auto refuse = [&](const std::string& why) -> zip_error {
    return zip_error("", "format.syntax", "entry " + std::to_string(index + 1) + " of the central directory: " + why);
  };
  if (raw.empty()) throw refuse("a part without a name");
  std::string name;
  if (utf8) {
    if (!valid_utf8(raw)) throw refuse("its name is flagged as UTF-8 but is not valid UTF-8");
    name = std::string(raw);
  } else {
    for (char ch : raw) {
      const auto c = static_cast<unsigned char>(ch);
      if (c < 0x80) {
        name += ch;
        continue;
      }
      append_utf8(name, cp437_high[c - 0x80]);
    }
  }
  for (char ch : name)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F)
      throw refuse("its name holds a control character");
  return name;
}

/// An archive held in memory (the bytes are viewed, not copied: they must outlive it).
class archive {
 public:
  /// The most parts an archive may declare unless the caller says otherwise.
  static constexpr std::uint64_t default_max_parts = 10000;

  /// Reads and checks the central directory and every local header. Throws `too_many_parts`
  /// for more than `max_parts` entries (before reading any), `zip_error` for anything else.
  /// O(size of the directory + parts log parts).
  explicit archive(std::string_view data, std::uint64_t max_parts = default_max_parts) : s_(data) {
    using namespace bytes;
    constexpr std::size_t end_record = 22;
    if (s_.size() < end_record) throw not_zip("too short to be a zip archive");
    // The end record is the last "PK\5\6" whose comment reaches no further than the file.
    std::size_t eocd = std::string_view::npos;
    const std::size_t lowest = s_.size() > end_record + 0xFFFF ? s_.size() - end_record - 0xFFFF : 0;
    for (std::size_t at = s_.size() - end_record + 1; at-- > lowest;) {
      if (s_.compare(at, 4, "PK\x05\x06") == 0 && at + end_record + u16(s_, at + 20) <= s_.size()) {
        eocd = at;
        break;
      }
    }
    if (eocd == std::string_view::npos) throw not_zip("no end of central directory record");
    if (u16(s_, eocd + 4) != 0 || u16(s_, eocd + 6) != 0 || u16(s_, eocd + 8) != u16(s_, eocd + 10))
      throw not_zip("an archive on several disks");
    std::uint64_t count = u16(s_, eocd + 10), cd_size = u32(s_, eocd + 12), cd_offset = u32(s_, eocd + 16);
    std::uint64_t cd_end = eocd;
    // A zip64 end record, if its locator sits just before the end record.
    if (eocd >= 20 && s_.compare(eocd - 20, 4, "PK\x06\x07") == 0) {
      const std::size_t locator = eocd - 20;
      const std::uint64_t at = u64(s_, locator + 8);
      if (u32(s_, locator + 4) != 0 || u32(s_, locator + 16) != 1)
        throw not_zip("an archive on several disks");
      if (at > locator || locator - at < 56 || s_.compare(at, 4, "PK\x06\x06") != 0)
        throw not_zip("the zip64 end record is not where its locator says");
      if (u32(s_, at + 16) != 0 || u32(s_, at + 20) != 0 || u64(s_, at + 24) != u64(s_, at + 32))
        throw not_zip("an archive on several disks");
      count = u64(s_, at + 32);
      cd_size = u64(s_, at + 40);
      cd_offset = u64(s_, at + 48);
      cd_end = at;
    }
    if (count > max_parts) throw too_many_parts(count, max_parts);
    if (cd_offset > cd_end || cd_end - cd_offset != cd_size)
      throw not_zip("the central directory is not where the end record says (data before "
                    "the archive, or a damaged archive)");
    entries_.reserve(static_cast<std::size_t>(count));
    std::size_t at = static_cast<std::size_t>(cd_offset);
    for (std::uint64_t i = 0; i < count; ++i) {
      if (cd_end - at < 46 || s_.compare(at, 4, "PK\x01\x02") != 0)
        throw not_zip("central directory entry " + std::to_string(i + 1) + " is damaged");
      entry e;
      e.flags = u16(s_, at + 8);
      e.method = u16(s_, at + 10);
      e.crc = u32(s_, at + 16);
      e.compressed_size = u32(s_, at + 20);
      e.size = u32(s_, at + 24);
      const std::size_t name_len = u16(s_, at + 28), extra_len = u16(s_, at + 30), comment_len = u16(s_, at + 32);
      const std::uint32_t disk = u16(s_, at + 34);
      e.header_offset = u32(s_, at + 42);
      if (cd_end - at - 46 < name_len + extra_len + comment_len)
        throw not_zip("central directory entry " + std::to_string(i + 1) + " runs past the directory");
      e.name = entry_name(s_.substr(at + 46, name_len), (e.flags & 0x800) != 0, static_cast<std::size_t>(i));
      zip64_extra(e, disk, s_.substr(at + 46 + name_len, extra_len));
      at += 46 + name_len + extra_len + comment_len;
      entries_.push_back(std::move(e));
    }
    if (at != cd_end) throw not_zip("the central directory holds more than its entries");
    check_entries(static_cast<std::uint64_t>(cd_offset));
  }

  /// The parts in the order of the central directory.
  const std::vector<entry>& entries() const noexcept { return entries_; }

  /// The part with this exact name, or null.
  const entry* find(std::string_view name) const {
    const auto it = std::lower_bound(by_name_.begin(), by_name_.end(), name,
                                     [&](std::size_t i, std::string_view n) { return entries_[i].name < n; });
    return it != by_name_.end() && entries_[*it].name == name ? &entries_[*it] : nullptr;
  }

  /// The sum of the sizes the parts declare once unpacked (saturating).
  std::uint64_t declared_size() const {
    std::uint64_t total = 0;
    for (const entry& e : entries_)
      total = e.size > std::numeric_limits<std::uint64_t>::max() - total ? std::numeric_limits<std::uint64_t>::max()
                                                                          : total + e.size;
    return total;
  }

  /// The data of a part, unpacked whole and checked: at most `max_bytes` (a part declaring
  /// more is refused, `format.size`, before anything is unpacked); inflating stops at the
  /// declared size; the data must be exactly the declared size and match the declared CRC-32.
  /// Throws `zip_error` naming the part. O(compressed + declared size).
  std::string read(const entry& e, std::uint64_t max_bytes = std::numeric_limits<std::uint64_t>::max()) const {
    if (e.size > max_bytes)
      throw zip_error(e.name, "format.size",
                      "the part declares " + std::to_string(e.size) + " bytes unpacked, more than the limit of " +
                          std::to_string(max_bytes));
    std::string out = unpack(e, e.size, true);
    const std::uint32_t crc = checksum(out);
    if (crc != e.crc)
      throw zip_error(e.name, "format.syntax",
                      "Bad CRC-32: the data unpack to CRC-32 " + hex(crc) + ", not the " + hex(e.crc) +
                          " the part declares");
    return out;
  }

  /// The first `n` bytes of a part (fewer if it is shorter), unpacked without reading the
  /// rest; the sizes and CRC-32 are not checked, as they cannot be without reading it whole.
  std::string head(const entry& e, std::size_t n) const {
    return unpack(e, std::min<std::uint64_t>(n, e.size), false);
  }

  /// CRC-32 (ISO 3309, as zip and zlib compute it) of `data`.
  static std::uint32_t checksum(std::string_view data) {
    uLong crc = crc32(0L, Z_NULL, 0);
    for (std::size_t done = 0; done < data.size();) {
      const std::size_t n = std::min<std::size_t>(data.size() - done, 1u << 30);
      crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data() + done), static_cast<uInt>(n));
      done += n;
    }
    return static_cast<std::uint32_t>(crc);
  }

 private:
  static zip_error not_zip(const std::string& why) { return zip_error("", "format.syntax", why); }

  static std::string hex(std::uint32_t v) {
    static const char* digits = "0123456789abcdef";
    std::string out = "0x00000000";
    for (int i = 9; i >= 2; --i, v >>= 4) out[static_cast<std::size_t>(i)] = digits[v & 0xF];
    return out;
  }

  // The zip64 extended information field (APPNOTE 4.5.3): each 32-bit field set to all ones
  // is replaced by the next 64-bit value, in the order size, compressed size, offset, disk.
  void zip64_extra(entry& e, std::uint32_t disk, std::string_view extra) const {
    using namespace bytes;
    const bool big_size = e.size == 0xFFFFFFFFu, big_csize = e.compressed_size == 0xFFFFFFFFu,
               big_offset = e.header_offset == 0xFFFFFFFFu, big_disk = disk == 0xFFFF;
    bool found = false;
    for (std::size_t at = 0; at < extra.size();) {
      if (extra.size() - at < 4) throw zip_error(e.name, "format.syntax", "its extra field is damaged");
      const std::uint16_t id = u16(extra, at), len = u16(extra, at + 2);
      if (extra.size() - at - 4 < len) throw zip_error(e.name, "format.syntax", "its extra field is damaged");
      if (id == 0x0001 && !found) {
        found = true;
        std::string_view field = extra.substr(at + 4, len);
        std::size_t k = 0;
        auto take = [&](std::uint64_t& v) {
          if (field.size() - k < 8) throw zip_error(e.name, "format.syntax", "its zip64 extra field is too short");
          v = u64(field, k);
          k += 8;
        };
        if (big_size) take(e.size);
        if (big_csize) take(e.compressed_size);
        if (big_offset) take(e.header_offset);
        if (big_disk) {
          if (field.size() - k < 4) throw zip_error(e.name, "format.syntax", "its zip64 extra field is too short");
          disk = u32(field, k);
        }
      }
      at += 4 + len;
    }
    if (!found && (big_size || big_csize || big_offset || big_disk))
      throw zip_error(e.name, "format.syntax", "it declares zip64 sizes without a zip64 extra field");
    if (disk != 0) throw zip_error(e.name, "format.syntax", "a part on another disk");
  }

  // Names unique; local headers where the directory says, with the same name; data inside
  // the file, before the directory, not overlapping the next entry.
  void check_entries(std::uint64_t cd_offset) {
    using namespace bytes;
    by_name_.resize(entries_.size());
    for (std::size_t i = 0; i < entries_.size(); ++i) by_name_[i] = i;
    std::sort(by_name_.begin(), by_name_.end(), [&](std::size_t a, std::size_t b) { return entries_[a].name < entries_[b].name; });
    for (std::size_t i = 1; i < by_name_.size(); ++i)
      if (entries_[by_name_[i]].name == entries_[by_name_[i - 1]].name)
        throw zip_error(entries_[by_name_[i]].name, "format.syntax", "the archive holds two parts of this name");
    std::vector<std::size_t> by_offset(by_name_);
    std::sort(by_offset.begin(), by_offset.end(), [&](std::size_t a, std::size_t b) { return entries_[a].header_offset < entries_[b].header_offset; });
    for (std::size_t k = 0; k < by_offset.size(); ++k) {
      entry& e = entries_[by_offset[k]];
      // Where its data must end: at the next entry, and in any case before the directory.
      const std::uint64_t limit =
          std::min(k + 1 < by_offset.size() ? entries_[by_offset[k + 1]].header_offset : cd_offset, cd_offset);
      if (e.header_offset >= limit || limit - e.header_offset < 30)
        throw zip_error(e.name, "format.syntax", "its local header overlaps another entry or the central directory (truncated or overlapping entries)");
      const auto h = static_cast<std::size_t>(e.header_offset);
      if (s_.compare(h, 4, "PK\x03\x04") != 0)
        throw zip_error(e.name, "format.syntax", "Bad magic number for its local header");
      const std::size_t name_len = u16(s_, h + 26), extra_len = u16(s_, h + 28);
      if (limit - e.header_offset - 30 < name_len + extra_len)
        throw zip_error(e.name, "format.syntax", "its local header runs into the next entry (truncated or overlapping entries)");
      const std::uint16_t local_flags = u16(s_, h + 6);
      std::string local;
      try {
        local = entry_name(s_.substr(h + 30, name_len), (local_flags & 0x800) != 0, 0);
      } catch (const zip_error&) {
        throw zip_error(e.name, "format.syntax", "its local header holds a damaged name");
      }
      if (local != e.name)
        throw zip_error(e.name, "format.syntax", "the name in the directory and in its local header differ (\"" + local + "\")");
      e.data_offset = e.header_offset + 30 + name_len + extra_len;
      if (e.compressed_size > limit - e.data_offset)
        throw zip_error(e.name, "format.syntax",
                        "its data run past the next entry or the central directory (truncated or overlapping entries)");
    }
  }

  // Unpacks at most `want` bytes of `e`; with `whole`, refuses data that unpack to other than
  // exactly `want` (= the declared size) bytes.
  std::string unpack(const entry& e, std::uint64_t want, bool whole) const {
    if (e.flags & 0x1) throw zip_error(e.name, "format.syntax", "the part is encrypted (a password-protected workbook?)");
    if (e.flags & 0x20) throw zip_error(e.name, "format.syntax", "the part is compressed patched data, which is not supported");
    if (want > std::numeric_limits<std::size_t>::max() / 2)
      throw zip_error(e.name, "format.size", "the part declares more bytes than memory can hold");
    const std::string_view data = s_.substr(static_cast<std::size_t>(e.data_offset), static_cast<std::size_t>(e.compressed_size));
    if (e.method == 0) {
      if (whole && e.compressed_size != e.size)
        throw zip_error(e.name, "format.syntax",
                        "the part is stored as " + std::to_string(e.compressed_size) + " bytes but declares " +
                            std::to_string(e.size));
      return std::string(data.substr(0, static_cast<std::size_t>(std::min<std::uint64_t>(want, data.size()))));
    }
    if (e.method != 8)
      throw zip_error(e.name, "format.syntax",
                      "compression method " + std::to_string(e.method) + " is not supported (only stored and deflated parts)");
    std::string out(static_cast<std::size_t>(want), '\0');
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw zip_error(e.name, "format.syntax", "zlib cannot start inflating");
    struct closer {
      z_stream* z;
      ~closer() { inflateEnd(z); }
    } close{&z};
    std::size_t in_done = 0, out_done = 0;
    constexpr std::size_t chunk = std::size_t{1} << 30;  // zlib counts in 32 bits
    bool ended = false;
    while (out_done < out.size()) {
      if (z.avail_in == 0 && in_done < data.size()) {
        const std::size_t n = std::min(chunk, data.size() - in_done);
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + in_done));
        z.avail_in = static_cast<uInt>(n);
        in_done += n;
      }
      const std::size_t room = std::min(chunk, out.size() - out_done);
      z.next_out = reinterpret_cast<Bytef*>(out.data() + out_done);
      z.avail_out = static_cast<uInt>(room);
      const int rc = inflate(&z, Z_NO_FLUSH);
      out_done += room - z.avail_out;
      if (rc == Z_STREAM_END) {
        ended = true;
        break;
      }
      if (rc == Z_BUF_ERROR && z.avail_in == 0 && in_done == data.size()) break;
      if (rc != Z_OK && rc != Z_BUF_ERROR)
        throw zip_error(e.name, "format.syntax",
                        std::string("the compressed data are damaged (zlib: ") + (z.msg ? z.msg : "error") + ")");
    }
    if (!whole) {
      out.resize(out_done);
      return out;
    }
    if (!ended && out_done == out.size()) {
      // The declared size is reached: one more byte out means the part lies about its size.
      char extra = 0;
      if (z.avail_in == 0 && in_done < data.size()) {
        const std::size_t n = std::min(chunk, data.size() - in_done);
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + in_done));
        z.avail_in = static_cast<uInt>(n);
        in_done += n;
      }
      z.next_out = reinterpret_cast<Bytef*>(&extra);
      z.avail_out = 1;
      const int rc = inflate(&z, Z_NO_FLUSH);
      if (z.avail_out == 0)
        throw zip_error(e.name, "format.syntax",
                        "the part unpacks to more than the " + std::to_string(e.size) + " bytes it declares");
      if (rc == Z_STREAM_END) ended = true;
      else if (rc != Z_OK && rc != Z_BUF_ERROR)
        throw zip_error(e.name, "format.syntax",
                        std::string("the compressed data are damaged (zlib: ") + (z.msg ? z.msg : "error") + ")");
    }
    if (!ended) {
      if (out_done < out.size())
        throw zip_error(e.name, "format.syntax",
                        "the compressed data end early: " + std::to_string(out_done) + " of the " +
                            std::to_string(e.size) + " bytes the part declares");
      throw zip_error(e.name, "format.syntax", "the compressed data end early (no end of the deflate stream)");
    }
    if (out_done != out.size())
      throw zip_error(e.name, "format.syntax",
                      "the part unpacks to " + std::to_string(out_done) + " bytes, not the " + std::to_string(e.size) +
                          " it declares");
    return out;
  }

  std::string_view s_;
  std::vector<entry> entries_;
  std::vector<std::size_t> by_name_;
};

/// Writes a zip archive: each part deflated (zlib level 6, raw deflate), in the order given,
/// with a fixed time stamp (1980-01-01 00:00), no extra fields and no comment, so that the
/// same parts give the same bytes with the same zlib: the bytes Python's `zipfile` writes on
/// a POSIX system for `ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))` parts deflated. Throws `input_error` (`parts`) for a
/// name that is empty or repeated, or an archive that would need zip64 (a part of 4 GiB or
/// more, more than 65,535 parts).
inline std::string write_archive(const std::vector<std::pair<std::string, std::string>>& parts) {
  using namespace bytes;
  if (parts.size() > 0xFFFF) throw input_error("parts", "more than 65535 parts would need zip64");
  std::string out, directory;
  std::set<std::string_view> seen;
  // One deflate stream, reset between parts: the output is that of a fresh stream per part,
  // without allocating zlib's tables once per part.
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw input_error("parts", "zlib cannot start deflating");
  struct closer {
    z_stream* z;
    ~closer() { deflateEnd(z); }
  } close{&z};
  for (const auto& [name, data] : parts) {
    if (name.empty() || name.size() > 0xFFFF) throw input_error("parts", "a part name must have 1 to 65535 bytes");
    if (!seen.insert(name).second) throw input_error("parts", "the part \"" + name + "\" is given twice");
    if (data.size() >= 0xFFFFFFFFu) throw input_error("parts", "the part \"" + name + "\" is 4 GiB or more");
    deflateReset(&z);
    std::string packed(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(packed.data());
    z.avail_out = static_cast<uInt>(packed.size());
    const int rc = deflate(&z, Z_FINISH);
    packed.resize(z.total_out);
    if (rc != Z_STREAM_END) throw input_error("parts", "zlib cannot deflate the part \"" + name + "\"");
    if (out.size() + packed.size() + 30 + name.size() >= 0xFFFFFFFFu)
      throw input_error("parts", "the archive would be 4 GiB or more");
    const bool ascii = std::all_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    const std::uint32_t flags = ascii ? 0 : 0x800, crc = archive::checksum(data);
    const auto offset = static_cast<std::uint32_t>(out.size());
    constexpr std::uint32_t time = 0, date = (0u << 9) | (1u << 5) | 1u;  // 1980-01-01 00:00:00
    out += "PK\x03\x04";
    put16(out, 20);
    put16(out, flags);
    put16(out, 8);
    put16(out, time);
    put16(out, date);
    put32(out, crc);
    put32(out, static_cast<std::uint32_t>(packed.size()));
    put32(out, static_cast<std::uint32_t>(data.size()));
    put16(out, static_cast<std::uint32_t>(name.size()));
    put16(out, 0);
    out += name;
    out += packed;
    directory += "PK\x01\x02";
    put16(directory, 0x0314);  // made by: version 2.0 on a POSIX system, as Python's zipfile writes
    put16(directory, 20);
    put16(directory, flags);
    put16(directory, 8);
    put16(directory, time);
    put16(directory, date);
    put32(directory, crc);
    put32(directory, static_cast<std::uint32_t>(packed.size()));
    put32(directory, static_cast<std::uint32_t>(data.size()));
    put16(directory, static_cast<std::uint32_t>(name.size()));
    put16(directory, 0);  // extra
    put16(directory, 0);  // comment
    put16(directory, 0);  // disk
    put16(directory, 0);  // internal attributes
    put32(directory, 0600u << 16);  // external attributes: a file of mode 0600, as Python writes
    put32(directory, offset);
    directory += name;
  }
  const auto cd_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  out += "PK\x05\x06";
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint32_t>(parts.size()));
  put16(out, static_cast<std::uint32_t>(parts.size()));
  put32(out, static_cast<std::uint32_t>(directory.size()));
  put32(out, cd_offset);
  put16(out, 0);
  return out;
}

}  // namespace coproduction::detail::zip
