#pragma once
// Reading files people hand us without trusting them: only regular files are opened (a FIFO, a device, a socket
// or a folder is refused before anything could block or stream forever), and every read is bounded by what the
// caller's format allows, so /dev/zero or a sparse 3 GB file costs nothing to refuse.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "util/file_error.h"

namespace vitlens {

// An open regular file. Opening never blocks (O_NONBLOCK until the type is known); the size is taken once, at
// open time, and reads past it are refused rather than trusted.
class InputFile {
 public:
  // Throws FileError naming the path: missing, unreadable, or not a regular file (saying what it is instead).
  explicit InputFile(const std::string& path);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  uint64_t size() const { return size_; }
  const std::string& path() const { return path_; }
  // Reads exactly `count` bytes at `offset` into `out`; throws FileError if the file is shorter (it changed since
  // it was opened) or a read fails.
  void readAt(uint64_t offset, void* out, size_t count) const;

 private:
  std::string path_;
  int fd_ = -1;
  uint64_t size_ = 0;
};

// A stat mode in words for messages: "a FIFO (named pipe)", "a symbolic link", "a character device", ...; empty
// for a regular file.
std::string fileTypeName(unsigned mode);

// What kind of thing is at a path, in words for messages ("a FIFO", "a character device", ...); empty when it is a
// regular file or there is nothing there. Follows symbolic links.
std::string nonRegularKind(const std::string& path);

// Whole file into memory; throws FileError if it is not a regular file, unreadable, or larger than maxBytes.
std::vector<uint8_t> readWholeFile(const std::string& path, uint64_t maxBytes);
// The same as text (labels, config.json); `what` names the file's role in messages ("labels file").
std::string readTextFile(const std::string& path, uint64_t maxBytes, const std::string& what);

}  // namespace vitlens
