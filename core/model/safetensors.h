#pragma once
// Reading and writing the safetensors format: u64 little-endian header length, JSON header
// ({name: {dtype, shape, data_offsets}, "__metadata__": {str: str}}), then the raw tensor bytes.
#include <ATen/core/Tensor.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace vitlens {

// Any problem with a file's structure or contents; the message names the file and, where it applies, the tensor.
class SafetensorsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class StorageDtype { F32, F16, BF16 };

struct SafetensorsContent {
  std::vector<std::pair<std::string, at::Tensor>> tensors;  // float32, CPU, contiguous, in file order
  std::map<std::string, std::string> metadata;              // the "__metadata__" object
  const at::Tensor* find(const std::string& name) const;    // nullptr when absent
};

constexpr uint64_t kMaxSafetensorsHeaderBytes = 100ull * 1024 * 1024;
// Refused while the header is parsed, so a header of millions of tiny entries costs nothing.
constexpr size_t kMaxSafetensorsTensors = 16384;

// Validates everything before trusting it: header bound, JSON, offsets inside the data area, ordered and
// non-overlapping, byte size = shape x dtype size, no duplicate names. F16/BF16 are converted to float32.
SafetensorsContent readSafetensors(const std::string& path);
// Same, from memory; sourceName is used in error messages.
SafetensorsContent parseSafetensors(const uint8_t* data, size_t size, const std::string& sourceName);

// Writes atomically (temporary file, then rename). Tensors are converted to the storage dtype.
void writeSafetensors(const std::string& path, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                      const std::map<std::string, std::string>& metadata, StorageDtype dtype);
std::vector<uint8_t> serializeSafetensors(const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                                          const std::map<std::string, std::string>& metadata, StorageDtype dtype);

StorageDtype parseStorageDtype(const std::string& name);  // "float32"|"f32", "float16"|"f16", "bfloat16"|"bf16"
}  // namespace vitlens
