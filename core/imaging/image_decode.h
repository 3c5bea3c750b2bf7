#pragma once
// Decoding user images into 8-bit RGB, whatever they are: PNG, JPEG, BMP, WebP, TIFF (as OpenCV has them);
// grayscale, alpha (composited on white), 16-bit; EXIF orientation applied.
#include <opencv2/core/mat.hpp>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace vitlens {

// A file that cannot be used as an image: missing, empty, corrupt, not an image, too large.
class ImageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

constexpr int64_t kMaxImagePixels = 100'000'000;       // refuse above 100 Mpx instead of exhausting memory
constexpr int64_t kMaxImageFileBytes = 1'000'000'000;  // refuse files above 1 GB before reading them

// Returns CV_8UC3 in RGB order. Throws ImageError with a message that names the file.
cv::Mat decodeImageFile(const std::string& path);
// Same from bytes; sourceName is used in messages.
cv::Mat decodeImageBytes(const std::vector<uint8_t>& bytes, const std::string& sourceName);
cv::Mat decodeImageBytes(const uint8_t* data, size_t size, const std::string& sourceName);

// Any decoded cv::Mat (1, 3 or 4 channels; 8U, 16U or 32F) to CV_8UC3 RGB. bgrOrder tells whether
// colour input is in OpenCV's BGR order (as from imdecode). Alpha is composited over white.
cv::Mat toRgb8(const cv::Mat& decoded, bool bgrOrder = true);

}  // namespace vitlens
