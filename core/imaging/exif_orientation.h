#pragma once
// EXIF orientation (tag 0x0112) from JPEG APP1 segments, read with bounds checks on every access.
#include <opencv2/core/mat.hpp>

#include <cstddef>
#include <cstdint>

namespace vitlens {

// 1..8 as in the EXIF specification; 1 (upright) when absent or unreadable.
int readExifOrientation(const uint8_t* data, size_t size);
// Rotates/flips an image so that an image stored with the given orientation displays upright.
cv::Mat applyExifOrientation(const cv::Mat& image, int orientation);

}  // namespace vitlens
