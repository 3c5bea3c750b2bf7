#include "util/npy.h"

#include <stdexcept>

#include "util/atomic_file.h"

namespace vitlens {

std::vector<uint8_t> encodeNpyFloat32(const float* data, const std::vector<int64_t>& shape) {
  int64_t count = 1;
  std::string shapeText = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] < 0) throw std::invalid_argument("npy: negative dimension");
    count *= shape[i];
    shapeText += std::to_string(shape[i]);
    if (shape.size() == 1 || i + 1 < shape.size()) shapeText += ",";
    if (i + 1 < shape.size()) shapeText += " ";
  }
  shapeText += ")";
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText + ", }";
  // Format 1.0: magic (6) + version (2) + u16 length (2) + header, padded with spaces and ended by '\n' so the
  // data starts on a 64-byte boundary.
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header.push_back('\n');

  std::vector<uint8_t> out = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  out.push_back(static_cast<uint8_t>(header.size() & 0xff));
  out.push_back(static_cast<uint8_t>(header.size() >> 8));
  out.insert(out.end(), header.begin(), header.end());
  const auto* bytes = reinterpret_cast<const uint8_t*>(data);
  out.insert(out.end(), bytes, bytes + count * static_cast<int64_t>(sizeof(float)));  // x86/ARM are little-endian
  return out;
}

void writeNpyFloat32(const std::string& path, const float* data, const std::vector<int64_t>& shape) {
  writeFileAtomically(path, encodeNpyFloat32(data, shape));
}

}  // namespace vitlens
