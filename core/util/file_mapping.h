#pragma once
// A file mapped into memory copy-on-write, for loading model weights without a second copy: the tensors read from
// it are views of its pages, which the kernel reads on first touch, and releaseFilePages gives pages back once
// their values have been copied into the model, so loading costs about the weights once. Plain POSIX, no LibTorch.
// Like any mapping, touching a page after another process truncated the file raises SIGBUS; vitlens's own
// downloads and saves replace files by rename, which leaves a mapped file intact.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace vitlens {

class FileMapping {
 public:
  // The whole of a regular file of `size` bytes (its size when checked, > 0), opened again by path; throws
  // FileError naming the path when it cannot be opened, is no longer that size, or cannot be mapped.
  static std::shared_ptr<FileMapping> map(const std::string& path, uint64_t size);
  ~FileMapping();
  FileMapping(const FileMapping&) = delete;
  FileMapping& operator=(const FileMapping&) = delete;

  uint8_t* data() const { return data_; }  // writable: writes stay private to this process
  size_t size() const { return size_; }

 private:
  FileMapping(uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t* data_;
  size_t size_;
};

// When [begin, begin + bytes) lies inside a live FileMapping, drops the pages wholly inside it from this process's
// memory (the file is unchanged; touching them again reads it again, so only bytes nobody wrote may be released)
// and returns true; memory that is not a mapping's is left alone and false returned.
bool releaseFilePages(const void* begin, size_t bytes);

}  // namespace vitlens
