#pragma once
// NumPy .npy (format 1.0) for float32 arrays, so maps open with numpy.load().
#include <cstdint>
#include <string>
#include <vector>

namespace vitlens {

std::vector<uint8_t> encodeNpyFloat32(const float* data, const std::vector<int64_t>& shape);
void writeNpyFloat32(const std::string& path, const float* data, const std::vector<int64_t>& shape);

}  // namespace vitlens
