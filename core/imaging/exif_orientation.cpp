// EXIF orientation from a JPEG's APP1 "Exif" segment. The input is untrusted: every read is bounds-checked
// and anything malformed means "upright" (1).
#include "imaging/exif_orientation.h"

#include <opencv2/core.hpp>

#include <cstring>
#include <stdexcept>

namespace vitlens {
namespace {

constexpr int kUpright = 1;

bool inside(size_t size, size_t offset, size_t count) { return offset <= size && count <= size - offset; }

uint32_t read16(const uint8_t* p, bool littleEndian) {
  return littleEndian ? (uint32_t{p[0]} | (uint32_t{p[1]} << 8)) : ((uint32_t{p[0]} << 8) | p[1]);
}

uint32_t read32(const uint8_t* p, bool littleEndian) {
  return littleEndian ? (read16(p, true) | (read16(p + 2, true) << 16))
                      : ((read16(p, false) << 16) | read16(p + 2, false));
}

// Orientation tag in IFD0 of a TIFF structure (the payload of an Exif segment after "Exif\0\0").
int orientationFromTiff(const uint8_t* tiff, size_t size) {
  if (!inside(size, 0, 8)) return kUpright;
  bool littleEndian = false;
  if (std::memcmp(tiff, "II", 2) == 0) {
    littleEndian = true;
  } else if (std::memcmp(tiff, "MM", 2) != 0) {
    return kUpright;
  }
  if (read16(tiff + 2, littleEndian) != 42) return kUpright;
  const size_t ifd = read32(tiff + 4, littleEndian);
  if (!inside(size, ifd, 2)) return kUpright;
  const size_t count = read16(tiff + ifd, littleEndian);
  for (size_t i = 0; i < count; ++i) {
    const size_t entry = ifd + 2 + i * 12;
    if (!inside(size, entry, 12)) return kUpright;
    const uint32_t tag = read16(tiff + entry, littleEndian);
    if (tag != 0x0112) continue;
    const uint32_t type = read16(tiff + entry + 2, littleEndian);
    const uint32_t components = read32(tiff + entry + 4, littleEndian);
    if (type != 3 || components < 1) return kUpright;  // must be SHORT; the value sits in the entry itself
    const uint32_t value = read16(tiff + entry + 8, littleEndian);
    return value >= 1 && value <= 8 ? static_cast<int>(value) : kUpright;
  }
  return kUpright;
}

}  // namespace

int readExifOrientation(const uint8_t* data, size_t size) {
  if (data == nullptr || !inside(size, 0, 2) || data[0] != 0xFF || data[1] != 0xD8) return kUpright;
  size_t pos = 2;
  while (inside(size, pos, 2)) {
    if (data[pos] != 0xFF) return kUpright;
    while (inside(size, pos + 1, 1) && data[pos + 1] == 0xFF) ++pos;  // fill bytes
    if (!inside(size, pos + 1, 1)) return kUpright;
    const uint8_t marker = data[pos + 1];
    pos += 2;
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;       // standalone markers
    if (marker == 0xD8 || marker == 0xD9 || marker == 0xDA) return kUpright;  // metadata precedes the scan
    if (!inside(size, pos, 2)) return kUpright;
    const size_t length = read16(data + pos, false);
    if (length < 2 || !inside(size, pos, length)) return kUpright;
    const uint8_t* payload = data + pos + 2;
    const size_t payloadSize = length - 2;
    if (marker == 0xE1 && payloadSize >= 6 && std::memcmp(payload, "Exif\0\0", 6) == 0) {
      return orientationFromTiff(payload + 6, payloadSize - 6);
    }
    pos += length;  // other segments, including APP1 with XMP
  }
  return kUpright;
}

cv::Mat applyExifOrientation(const cv::Mat& image, int orientation) {
  cv::Mat out;
  switch (orientation) {
    case 2:  // mirrored horizontally
      cv::flip(image, out, 1);
      return out;
    case 3:
      cv::rotate(image, out, cv::ROTATE_180);
      return out;
    case 4:  // mirrored vertically
      cv::flip(image, out, 0);
      return out;
    case 5:  // transpose: stored rows become displayed columns
      cv::transpose(image, out);
      return out;
    case 6:
      cv::rotate(image, out, cv::ROTATE_90_CLOCKWISE);
      return out;
    case 7: {  // transverse: mirror across the anti-diagonal
      cv::Mat transposed;
      cv::transpose(image, transposed);
      cv::flip(transposed, out, -1);
      return out;
    }
    case 8:
      cv::rotate(image, out, cv::ROTATE_90_COUNTERCLOCKWISE);
      return out;
    default:  // 1 and anything out of range: as stored
      return image;
  }
}

}  // namespace vitlens
