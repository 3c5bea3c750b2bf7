#pragma once
// Writing files so that a crash or a full disk never leaves a half-written file under the final name.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace vitlens {

class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes to "<path>.tmp-XXXXXX" in the same folder, flushes, then renames over path. Throws FileError.
void writeFileAtomically(const std::string& path, const uint8_t* data, size_t size);
void writeFileAtomically(const std::string& path, const std::vector<uint8_t>& bytes);
// Whole file into memory; throws FileError if missing, unreadable or larger than maxBytes.
std::vector<uint8_t> readWholeFile(const std::string& path, uint64_t maxBytes);

}  // namespace vitlens
