#include "util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace vitlens {
namespace {

std::string errnoText() { return std::strerror(errno); }

void writeAll(int fd, const uint8_t* data, size_t size, const std::string& path) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      throw FileError(path + ": cannot write: " + errnoText());
    }
    data += written;
    size -= static_cast<size_t>(written);
  }
}

}  // namespace

void writeFileAtomically(const std::string& path, const uint8_t* data, size_t size) {
  std::string tempPath = path + ".tmp-XXXXXX";
  const int fd = ::mkstemp(tempPath.data());
  if (fd < 0) throw FileError(path + ": cannot create a file there: " + errnoText());
  try {
    writeAll(fd, data, size, path);
    if (::fsync(fd) != 0) throw FileError(path + ": cannot flush to disk: " + errnoText());
  } catch (...) {
    ::close(fd);
    ::unlink(tempPath.c_str());
    throw;
  }
  // mkstemp creates 0600; give the file the permissions a plain fopen would (0666 minus umask).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  if (::close(fd) != 0) {
    ::unlink(tempPath.c_str());
    throw FileError(path + ": cannot close: " + errnoText());
  }
  if (std::rename(tempPath.c_str(), path.c_str()) != 0) {
    const std::string reason = errnoText();
    ::unlink(tempPath.c_str());
    throw FileError(path + ": cannot replace: " + reason);
  }
}

void writeFileAtomically(const std::string& path, const std::vector<uint8_t>& bytes) {
  writeFileAtomically(path, bytes.data(), bytes.size());
}

std::vector<uint8_t> readWholeFile(const std::string& path, uint64_t maxBytes) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) throw FileError(path + ": " + errnoText());
  if (S_ISDIR(info.st_mode)) throw FileError(path + ": is a folder, not a file");
  if (static_cast<uint64_t>(info.st_size) > maxBytes) {
    throw FileError(path + ": file is " + std::to_string(info.st_size) + " bytes, above the limit of " +
                    std::to_string(maxBytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path + ": cannot open: " + errnoText());
  std::vector<uint8_t> bytes(static_cast<size_t>(info.st_size));
  if (!bytes.empty() && !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()))) {
    throw FileError(path + ": cannot read the whole file");
  }
  return bytes;
}

}  // namespace vitlens
