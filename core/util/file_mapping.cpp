#include "util/file_mapping.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <utility>
#include <vector>

#include "util/file_error.h"

namespace vitlens {
namespace {

// The mappings alive now, so releaseFilePages never touches memory that is not one.
std::mutex& registryMutex() {
  static std::mutex mutex;
  return mutex;
}
std::vector<std::pair<const uint8_t*, size_t>>& registry() {
  static std::vector<std::pair<const uint8_t*, size_t>> live;
  return live;
}

}  // namespace

std::shared_ptr<FileMapping> FileMapping::map(const std::string& path, uint64_t size) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) throw FileError(path + ": cannot open: " + std::strerror(errno));
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || static_cast<uint64_t>(info.st_size) != size || size == 0) {
    ::close(fd);
    throw FileError(path + ": changed while it was being read");
  }
  void* data = ::mmap(nullptr, static_cast<size_t>(size), PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  const int mapError = errno;
  ::close(fd);  // the mapping keeps the file
  if (data == MAP_FAILED) throw FileError(path + ": cannot map: " + std::strerror(mapError));
  std::shared_ptr<FileMapping> mapping(new FileMapping(static_cast<uint8_t*>(data), static_cast<size_t>(size)));
  const std::lock_guard<std::mutex> lock(registryMutex());
  registry().emplace_back(mapping->data_, mapping->size_);
  return mapping;
}

FileMapping::~FileMapping() {
  {
    const std::lock_guard<std::mutex> lock(registryMutex());
    auto& live = registry();
    live.erase(std::remove(live.begin(), live.end(), std::make_pair(static_cast<const uint8_t*>(data_), size_)),
               live.end());
  }
  ::munmap(data_, size_);
}

bool releaseFilePages(const void* begin, size_t bytes) {
  const auto* first = static_cast<const uint8_t*>(begin);
  const std::lock_guard<std::mutex> lock(registryMutex());
  for (const auto& [data, size] : registry()) {
    if (first < data || first + bytes > data + size) continue;
    // Whole pages only: a page shared with a neighbouring tensor stays.
    const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
    const uintptr_t low = (reinterpret_cast<uintptr_t>(first) + page - 1) / page * page;
    const uintptr_t high = (reinterpret_cast<uintptr_t>(first) + bytes) / page * page;
    if (high > low) ::madvise(reinterpret_cast<void*>(low), high - low, MADV_DONTNEED);
    return true;
  }
  return false;
}

}  // namespace vitlens
