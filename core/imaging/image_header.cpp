// Image dimensions from the first bytes of a file. Every read goes through a bounds-checked helper, so cut
// or malformed headers give std::nullopt instead of reading past the buffer.
#include "imaging/image_header.h"

#include <cstring>

namespace vitlens {
namespace {

class Bytes {
 public:
  Bytes(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  bool has(size_t offset, size_t count) const { return data_ != nullptr && offset <= size_ && count <= size_ - offset; }
  bool matches(size_t offset, const char* text) const {
    const size_t n = std::strlen(text);
    return has(offset, n) && std::memcmp(data_ + offset, text, n) == 0;
  }
  // Each reader returns false when the bytes are not all inside the buffer.
  bool u8(size_t offset, uint32_t& out) const {
    if (!has(offset, 1)) return false;
    out = data_[offset];
    return true;
  }
  bool u16be(size_t offset, uint32_t& out) const {
    if (!has(offset, 2)) return false;
    out = (uint32_t{data_[offset]} << 8) | data_[offset + 1];
    return true;
  }
  bool u16le(size_t offset, uint32_t& out) const {
    if (!has(offset, 2)) return false;
    out = uint32_t{data_[offset]} | (uint32_t{data_[offset + 1]} << 8);
    return true;
  }
  bool u24le(size_t offset, uint32_t& out) const {
    if (!has(offset, 3)) return false;
    out = uint32_t{data_[offset]} | (uint32_t{data_[offset + 1]} << 8) | (uint32_t{data_[offset + 2]} << 16);
    return true;
  }
  bool u32be(size_t offset, uint32_t& out) const {
    if (!has(offset, 4)) return false;
    out = (uint32_t{data_[offset]} << 24) | (uint32_t{data_[offset + 1]} << 16) | (uint32_t{data_[offset + 2]} << 8) |
          data_[offset + 3];
    return true;
  }
  bool u32le(size_t offset, uint32_t& out) const {
    if (!has(offset, 4)) return false;
    out = uint32_t{data_[offset]} | (uint32_t{data_[offset + 1]} << 8) | (uint32_t{data_[offset + 2]} << 16) |
          (uint32_t{data_[offset + 3]} << 24);
    return true;
  }
  size_t size() const { return size_; }

 private:
  const uint8_t* data_;
  size_t size_;
};

std::optional<ImageSize> sized(int64_t width, int64_t height) {
  if (width <= 0 || height <= 0) return std::nullopt;
  return ImageSize{width, height};
}

std::optional<ImageSize> sniffPng(const Bytes& b) {
  // Signature (8), then the IHDR chunk: length (4), "IHDR" (4), width (4, big-endian), height (4).
  uint32_t width = 0, height = 0;
  if (!b.matches(12, "IHDR") || !b.u32be(16, width) || !b.u32be(20, height)) return std::nullopt;
  return sized(width, height);
}

std::optional<ImageSize> sniffJpeg(const Bytes& b) {
  size_t pos = 2;  // after SOI
  while (true) {
    uint32_t byte = 0;
    if (!b.u8(pos, byte) || byte != 0xFF) return std::nullopt;
    uint32_t marker = 0xFF;
    while (marker == 0xFF) {  // fill bytes
      if (!b.u8(++pos, marker)) return std::nullopt;
    }
    ++pos;  // now at the segment's length field (if it has one)
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // no payload
    if (marker == 0xD9 || marker == 0xDA) return std::nullopt;  // end of image / start of scan: no frame header
    uint32_t length = 0;
    if (!b.u16be(pos, length) || length < 2) return std::nullopt;
    const bool startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (startOfFrame) {
      // length (2), precision (1), height (2), width (2)
      uint32_t height = 0, width = 0;
      if (!b.u16be(pos + 3, height) || !b.u16be(pos + 5, width)) return std::nullopt;
      return sized(width, height);
    }
    pos += length;
  }
}

std::optional<ImageSize> sniffBmp(const Bytes& b) {
  uint32_t headerSize = 0;
  if (!b.u32le(14, headerSize)) return std::nullopt;
  if (headerSize == 12) {  // BITMAPCOREHEADER: 16-bit unsigned sizes
    uint32_t width = 0, height = 0;
    if (!b.u16le(18, width) || !b.u16le(20, height)) return std::nullopt;
    return sized(width, height);
  }
  if (headerSize < 40) return std::nullopt;
  uint32_t width = 0, height = 0;  // BITMAPINFOHEADER and later: signed 32-bit, negative height = top-down
  if (!b.u32le(18, width) || !b.u32le(22, height)) return std::nullopt;
  const int64_t h = static_cast<int32_t>(height);
  return sized(static_cast<int32_t>(width), h < 0 ? -h : h);
}

std::optional<ImageSize> sniffGif(const Bytes& b) {
  uint32_t width = 0, height = 0;  // logical screen descriptor
  if (!b.u16le(6, width) || !b.u16le(8, height)) return std::nullopt;
  return sized(width, height);
}

std::optional<ImageSize> sniffWebp(const Bytes& b) {
  // "RIFF" size "WEBP", then the first chunk: fourcc at 12, size at 16, payload at 20.
  uint32_t a = 0, c = 0;
  if (b.matches(12, "VP8 ")) {
    // Frame tag (3), start code 9D 01 2A, then 14-bit width and height (2 scale bits on top).
    uint32_t s0 = 0, s1 = 0, s2 = 0;
    if (!b.u8(23, s0) || !b.u8(24, s1) || !b.u8(25, s2) || s0 != 0x9D || s1 != 0x01 || s2 != 0x2A) return std::nullopt;
    if (!b.u16le(26, a) || !b.u16le(28, c)) return std::nullopt;
    return sized(a & 0x3FFF, c & 0x3FFF);
  }
  if (b.matches(12, "VP8L")) {
    // Signature 0x2F, then 14 bits width - 1 and 14 bits height - 1.
    uint32_t signature = 0, bits = 0;
    if (!b.u8(20, signature) || signature != 0x2F || !b.u32le(21, bits)) return std::nullopt;
    return sized((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
  }
  if (b.matches(12, "VP8X")) {
    // Flags (4), then 24-bit canvas width - 1 and height - 1.
    if (!b.u24le(24, a) || !b.u24le(27, c)) return std::nullopt;
    return sized(int64_t{a} + 1, int64_t{c} + 1);
  }
  return std::nullopt;
}

std::optional<ImageSize> sniffTiff(const Bytes& b, bool littleEndian) {
  auto u16 = [&](size_t offset, uint32_t& out) { return littleEndian ? b.u16le(offset, out) : b.u16be(offset, out); };
  auto u32 = [&](size_t offset, uint32_t& out) { return littleEndian ? b.u32le(offset, out) : b.u32be(offset, out); };
  uint32_t ifd = 0, count = 0;
  if (!u32(4, ifd) || !u16(ifd, count)) return std::nullopt;
  int64_t width = 0, height = 0;
  bool sawWidth = false, sawHeight = false;
  for (uint32_t i = 0; i < count; ++i) {
    const size_t entry = size_t{ifd} + 2 + size_t{i} * 12;
    uint32_t tag = 0, type = 0, value = 0;
    if (!u16(entry, tag) || !u16(entry + 2, type)) return std::nullopt;
    if (tag != 256 && tag != 257) continue;  // ImageWidth, ImageLength
    if (type == 3) {                         // SHORT
      if (!u16(entry + 8, value)) return std::nullopt;
    } else if (type == 4) {  // LONG
      if (!u32(entry + 8, value)) return std::nullopt;
    } else {
      return std::nullopt;
    }
    // A repeated size tag is refused: libtiff uses the first, and a check that read another could let a
    // 30,000 x 30,000 image through (or refuse a valid one).
    bool& seen = tag == 256 ? sawWidth : sawHeight;
    if (seen) return std::nullopt;
    seen = true;
    (tag == 256 ? width : height) = value;
  }
  return sized(width, height);
}

}  // namespace

std::optional<ImageSize> sniffImageSize(const uint8_t* data, size_t size) {
  const Bytes b(data, size);
  if (b.matches(0, "\x89PNG\r\n\x1a\n")) return sniffPng(b);
  if (b.matches(0, "\xFF\xD8")) return sniffJpeg(b);
  if (b.matches(0, "BM")) return sniffBmp(b);
  if (b.matches(0, "GIF87a") || b.matches(0, "GIF89a")) return sniffGif(b);
  if (b.matches(0, "RIFF") && b.matches(8, "WEBP")) return sniffWebp(b);
  if (b.has(0, 4) && std::memcmp(data, "II*\0", 4) == 0) return sniffTiff(b, true);
  if (b.has(0, 4) && std::memcmp(data, "MM\0*", 4) == 0) return sniffTiff(b, false);
  return std::nullopt;
}

}  // namespace vitlens
