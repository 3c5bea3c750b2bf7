#include "util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

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

// Writes and flushes the bytes under a temporary name beside path; returns that name. Removes it on failure.
std::string stage(const std::string& path, const uint8_t* data, size_t size) {
  requireReplaceable(path);
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
    const std::string reason = errnoText();
    ::unlink(tempPath.c_str());
    throw FileError(path + ": cannot close: " + reason);
  }
  return tempPath;
}

// Renames the staged file over path, checking once more that nothing but a regular file is replaced.
void commit(const std::string& tempPath, const std::string& path) {
  try {
    requireReplaceable(path);
  } catch (...) {
    ::unlink(tempPath.c_str());
    throw;
  }
  if (std::rename(tempPath.c_str(), path.c_str()) != 0) {
    const std::string reason = errnoText();
    ::unlink(tempPath.c_str());
    throw FileError(path + ": cannot replace: " + reason);
  }
}

}  // namespace

void requireReplaceable(const std::string& path) {
  if (path.empty()) throw FileError("no output file name given (an empty path)");
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) return;
    throw FileError(path + ": cannot check what is there: " + errnoText());
  }
  if (S_ISREG(info.st_mode)) return;
  throw FileError(path + ": is " + fileTypeName(info.st_mode) +
                  "; vitlens only replaces regular files, choose another output name");
}

void writeFileAtomically(const std::string& path, const uint8_t* data, size_t size) {
  commit(stage(path, data, size), path);
}

void writeFileAtomically(const std::string& path, const std::vector<uint8_t>& bytes) {
  writeFileAtomically(path, bytes.data(), bytes.size());
}

void writeFilesAtomically(const std::vector<OutputFile>& files) {
  std::vector<std::string> staged;
  try {
    for (const OutputFile& file : files) staged.push_back(stage(file.path, file.bytes.data(), file.bytes.size()));
  } catch (...) {
    for (const std::string& temp : staged) ::unlink(temp.c_str());
    throw;
  }
  std::string written;
  for (size_t i = 0; i < files.size(); ++i) {
    try {
      commit(staged[i], files[i].path);
    } catch (const FileError& error) {
      for (size_t j = i + 1; j < files.size(); ++j) ::unlink(staged[j].c_str());
      throw FileError(std::string(error.what()) +
                      (written.empty() ? "; nothing was written" : "; only " + written + " was written"));
    }
    written += (written.empty() ? "" : ", ") + files[i].path;
  }
}

}  // namespace vitlens
