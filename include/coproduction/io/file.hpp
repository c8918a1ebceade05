#pragma once
/// \file
/// Files as every reader and writer of the library treats them: read whole but never past a
/// size limit (a pipe has no size to check first), and written atomically with the target's
/// permissions kept, so no file is ever half-written or readable more widely than before.

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#if __has_include(<unistd.h>)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#define COPRODUCTION_POSIX_IO 1
#endif

#include "coproduction/error.hpp"

namespace coproduction {

/// The bytes of a file (a regular file, or a pipe such as `/dev/stdin`, read up to
/// `max_bytes`). Throws `io_error` when it cannot be read (naming the path and the system's
/// reason: missing, a directory, no permission) and `format_error` ("format.size") for a file
/// over `max_bytes`, without reading more than `max_bytes` plus one block of it.
inline std::string read_text_file(const std::filesystem::path& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    throw io_error(path.string(), ec ? ec.message() : "no such file");
  if (std::filesystem::is_directory(status)) throw io_error(path.string(), "is a directory");
  auto too_large = [&](std::uintmax_t size) {
    return format_error({{"", "format.size",
                          "the document has " + std::to_string(size) +
                              (std::filesystem::is_regular_file(status) ? "" : " or more") +
                              " bytes, more than the limit of " +
                              std::to_string(max_bytes)}});
  };
  if (std::filesystem::is_regular_file(status)) {
    auto size = std::filesystem::file_size(path, ec);
    if (ec) throw io_error(path.string(), ec.message());
    if (size > max_bytes) throw too_large(size);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io_error(path.string(), "cannot open for reading (" + std::string(std::strerror(errno)) + ")");
  // Read in blocks, never past the limit: a pipe has no size to check first.
  std::string text;
  std::vector<char> block(1 << 16);
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    text.append(block.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) throw too_large(text.size());
  }
  if (in.bad()) throw io_error(path.string(), "read failed");
  return text;
}


namespace detail {

/// The file a write replaces: `path` itself, or the file a symbolic link at `path` names
/// (followed to the end of a chain), so that the link stays a link. Throws `io_error` for a
/// link that names nothing or a path that is not a regular file (a directory, a device).
inline std::filesystem::path write_target(const std::filesystem::path& path) {
  std::error_code ec;
  auto target = path;
  if (std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec))) {
    target = std::filesystem::canonical(path, ec);
    if (ec) throw io_error(path.string(), "a symbolic link to a file that does not exist");
  }
  const auto status = std::filesystem::status(target, ec);
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    throw io_error(path.string(), "not a regular file");
  return target;
}

#ifdef COPRODUCTION_POSIX_IO
/// Gives an open file or folder the mode, group and (if allowed) owner of `old`. The owner
/// can be kept only by a privileged process, the group by any member of it; where the group
/// cannot be kept its permissions are dropped rather than handed to the process's own group.
inline bool keep_owner_and_mode(int fd, const struct stat& old) {
  mode_t mode = old.st_mode & 07777;
  if (::fchown(fd, old.st_uid, old.st_gid) != 0 &&
      ::fchown(fd, static_cast<uid_t>(-1), old.st_gid) != 0)
    mode &= ~static_cast<mode_t>(S_IRWXG);
  return ::fchmod(fd, mode) == 0;
}

/// Writes all of `data` to `fd` and flushes it to disk: nothing on success, else what failed
/// ("write failed", "fsync failed") with `errno` saying why.
inline const char* write_all_synced(int fd, std::string_view data) {
  for (std::size_t done = 0; done < data.size();) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return "write failed";
    }
    done += static_cast<std::size_t>(n);
  }
  return ::fsync(fd) != 0 ? "fsync failed" : nullptr;
}

/// Flushes a folder, so that a rename into it reaches the disk.
inline void sync_folder(const std::filesystem::path& folder) {
  const std::string name = folder.empty() ? "." : folder.string();
  if (int fd = ::open(name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}
#endif

}  // namespace detail

/// Writes `text` to a file atomically: the text goes to a new temporary file beside
/// the target, which is flushed to disk and then renamed over it, so a reader sees the old file
/// or the new one, never half of one.
///
/// Permissions: an existing file keeps its mode, group and (where the process may set it)
/// owner; a new file gets the mode a plain `open` would give (0666 less the umask). The
/// temporary file carries the final mode from its creation, before any byte is written, so
/// the data are never readable more widely than the target allows. A symbolic link is written
/// through: the file it names is replaced and the link stays.
///
/// Throws `io_error` when the file cannot be written (the old file is untouched and nothing is
/// left behind).
inline void write_text_file(std::string_view text, const std::filesystem::path& path) {
  const std::filesystem::path target = detail::write_target(path);
#ifdef COPRODUCTION_POSIX_IO
  struct stat old {};
  const bool existed = ::stat(target.c_str(), &old) == 0;
  std::random_device entropy;
  std::filesystem::path tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    tmp = target;
    tmp += ".tmp-" + std::to_string(entropy()) + std::to_string(entropy());
    // O_EXCL: never open a file someone else made; the umask applies to 0666 as for any
    // new file, and an existing target's mode replaces it below before anything is written.
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST)
      throw io_error(path.string(), std::string("cannot create a temporary file beside it (") +
                                        std::strerror(errno) + ")");
  }
  if (fd < 0) throw io_error(path.string(), "cannot create a temporary file beside it");
  auto fail = [&](const std::string& why) {
    const std::string reason = why + " (" + std::strerror(errno) + ")";
    ::close(fd);
    ::unlink(tmp.c_str());
    throw io_error(path.string(), reason);
  };
  if (existed && !detail::keep_owner_and_mode(fd, old)) fail("cannot set the file's permissions");
  if (const char* failed = detail::write_all_synced(fd, text)) fail(failed);
  if (::close(fd) != 0) {
    fd = -1;
    ::unlink(tmp.c_str());
    throw io_error(path.string(), std::string("close failed (") + std::strerror(errno) + ")");
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(tmp.c_str());
    throw io_error(path.string(), "cannot replace the file (" + reason + ")");
  }
  detail::sync_folder(target.parent_path());  // the rename reaches the disk with its folder
#else
  std::random_device entropy;
  auto tmp = target;
  tmp += ".tmp-" + std::to_string(entropy()) + std::to_string(entropy());
  auto fail = [&](const std::string& why) {
    std::error_code ignore;
    std::filesystem::remove(tmp, ignore);
    throw io_error(path.string(), why);
  };
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw io_error(path.string(), "cannot create a temporary file beside it");
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) fail("write failed");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, target, ec);
  if (ec) fail(ec.message());
#endif
}

}  // namespace coproduction
