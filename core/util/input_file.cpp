#include "util/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace vitlens {
namespace {

std::string errnoText() { return std::strerror(errno); }

std::string sizeLimitText(uint64_t bytes) {
  if (bytes >= (1ull << 30) && bytes % (1ull << 30) == 0) return std::to_string(bytes >> 30) + " GiB";
  if (bytes >= (1ull << 20) && bytes % (1ull << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

std::string fileTypeName(unsigned mode) {
  const mode_t type = mode & S_IFMT;
  if (S_ISREG(type)) return "";
  if (S_ISLNK(type)) return "a symbolic link";
  if (S_ISDIR(type)) return "a folder";
  if (S_ISFIFO(type)) return "a FIFO (named pipe)";
  if (S_ISCHR(type)) return "a character device";
  if (S_ISBLK(type)) return "a block device";
  if (S_ISSOCK(type)) return "a socket";
  return "not a regular file";
}

InputFile::InputFile(const std::string& path) : path_(path) {
  if (path.empty()) throw FileError("no file name given (an empty path)");
  // The type is checked before opening: opening a device can act on it (a serial port resets the board behind
  // it, a tape rewinds). O_NONBLOCK covers the swap of a FIFO in between (opening one for reading would wait for a
  // writer forever), and fstat must then show the very file stat saw.
  struct stat before {};
  if (::stat(path.c_str(), &before) != 0) throw FileError("cannot open " + path + ": " + errnoText());
  if (const std::string kind = fileTypeName(before.st_mode); !kind.empty()) {
    throw FileError(path + ": is " + kind + ", not a regular file");
  }
  fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd_ < 0) {
    throw FileError("cannot open " + path + ": " + errnoText());
  }
  struct stat info {};
  if (::fstat(fd_, &info) != 0) {
    const std::string reason = errnoText();
    ::close(fd_);
    throw FileError(path + ": cannot read its type: " + reason);
  }
  const std::string kind = fileTypeName(info.st_mode);
  if (!kind.empty() || info.st_dev != before.st_dev || info.st_ino != before.st_ino) {
    ::close(fd_);
    throw FileError(path + (kind.empty() ? ": changed while it was opened" : ": is " + kind + ", not a regular file"));
  }
  const int flags = ::fcntl(fd_, F_GETFL);
  if (flags >= 0) ::fcntl(fd_, F_SETFL, flags & ~O_NONBLOCK);
  size_ = static_cast<uint64_t>(info.st_size);
}

InputFile::~InputFile() {
  if (fd_ >= 0) ::close(fd_);
}

void InputFile::readAt(uint64_t offset, void* out, size_t count) const {
  if (offset > size_ || count > size_ - offset) {
    throw FileError(path_ + ": read of " + std::to_string(count) + " bytes at " + std::to_string(offset) +
                    " runs past the end of the file (" + std::to_string(size_) + " bytes)");
  }
  auto* cursor = static_cast<uint8_t*>(out);
  while (count > 0) {
    const ssize_t got = ::pread(fd_, cursor, count, static_cast<off_t>(offset));
    if (got < 0) {
      if (errno == EINTR) continue;
      throw FileError(path_ + ": cannot read: " + errnoText());
    }
    if (got == 0) throw FileError(path_ + ": the file became shorter while it was read");
    cursor += got;
    offset += static_cast<uint64_t>(got);
    count -= static_cast<size_t>(got);
  }
}

std::string nonRegularKind(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return "";
  return fileTypeName(info.st_mode);
}

std::vector<uint8_t> readWholeFile(const std::string& path, uint64_t maxBytes) {
  const InputFile file(path);
  if (file.size() > maxBytes) {
    throw FileError(path + ": file is " + std::to_string(file.size()) + " bytes, above the limit of " +
                    sizeLimitText(maxBytes));
  }
  std::vector<uint8_t> bytes(static_cast<size_t>(file.size()));
  if (!bytes.empty()) file.readAt(0, bytes.data(), bytes.size());
  return bytes;
}

std::string readTextFile(const std::string& path, uint64_t maxBytes, const std::string& what) {
  try {
    const InputFile file(path);
    if (file.size() > maxBytes) {
      throw FileError(path + ": " + what + " is " + std::to_string(file.size()) + " bytes, above the limit of " +
                      sizeLimitText(maxBytes));
    }
    std::string text(static_cast<size_t>(file.size()), '\0');
    if (!text.empty()) file.readAt(0, text.data(), text.size());
    return text;
  } catch (const FileError& error) {
    const std::string message = error.what();
    // "path: is a FIFO ..." reads better as "path: the labels file is a FIFO ...".
    if (message.compare(0, path.size() + 5, path + ": is ") == 0) {
      throw FileError(path + ": the " + what + " " + message.substr(path.size() + 2));
    }
    throw;
  }
}

}  // namespace vitlens
