#pragma once
// Image dimensions from the header alone, so oversized images are refused before they are decoded.
#include <cstddef>
#include <cstdint>
#include <optional>

namespace vitlens {

struct ImageSize {
  int64_t width = 0;
  int64_t height = 0;
};

// PNG, JPEG, BMP, GIF, WebP and TIFF headers; std::nullopt when the format is not recognised or the header is cut.
std::optional<ImageSize> sniffImageSize(const uint8_t* data, size_t size);

}  // namespace vitlens
