// Decoding any image OpenCV can read into 8-bit RGB: size limits first (from the header, before decoding),
// then imdecode with IMREAD_UNCHANGED (keeps 16-bit and alpha, but does not apply EXIF orientation, so
// that is done here), then conversion and orientation.
#include "imaging/image_decode.h"

#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <sstream>
#include <system_error>

#include "imaging/exif_orientation.h"
#include "imaging/image_header.h"
#include "util/input_file.h"

namespace vitlens {
namespace {

std::string megapixels(int64_t pixels) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << static_cast<double>(pixels) / 1e6;
  return out.str();
}

void checkPixelCount(int64_t width, int64_t height, const std::string& sourceName) {
  // Both sides are at most 2^32 from any header, so the product fits in int64 only after a guard.
  const bool tooLarge = width > kMaxImagePixels || height > kMaxImagePixels || width * height > kMaxImagePixels;
  if (!tooLarge) return;
  const double pixels = static_cast<double>(width) * static_cast<double>(height);
  std::ostringstream message;
  message << sourceName << ": image is " << width << " x " << height << " ("
          << (pixels < 9e18 ? megapixels(static_cast<int64_t>(pixels)) : std::string("huge")) << " Mpx), above the "
          << kMaxImagePixels / 1'000'000 << " Mpx limit";
  throw ImageError(message.str());
}

// Names the format from its magic bytes, for messages about images that OpenCV could not decode.
std::string formatName(const uint8_t* data, size_t size) {
  auto starts = [&](const char* magic, size_t n) { return size >= n && std::memcmp(data, magic, n) == 0; };
  if (starts("\x89PNG", 4)) return "PNG";
  if (starts("\xFF\xD8", 2)) return "JPEG";
  if (starts("GIF8", 4)) return "GIF";
  if (starts("BM", 2)) return "BMP";
  if (size >= 12 && starts("RIFF", 4) && std::memcmp(data + 8, "WEBP", 4) == 0) return "WebP";
  if (starts("II*\0", 4) || starts("MM\0*", 4)) return "TIFF";
  return "";
}

// Scales any supported depth to 8 bits (alpha included).
cv::Mat to8Bit(const cv::Mat& decoded) {
  cv::Mat out;
  switch (decoded.depth()) {
    case CV_8U:
      return decoded;
    case CV_16U:
      decoded.convertTo(out, CV_8U, 1.0 / 257.0);
      return out;
    case CV_32F: {
      cv::Mat finite = decoded.clone();
      cv::patchNaNs(finite, 0.0);
      finite.convertTo(out, CV_8U, 255.0);  // saturating: values outside [0, 1] are clamped
      return out;
    }
    default:
      throw ImageError("unsupported pixel depth (" + std::to_string(decoded.depth()) + ")");
  }
}

// Colour plus alpha (8-bit, colourChannels = 1 or 3) over white: out = c * a + 255 * (1 - a).
cv::Mat compositeOverWhite(const cv::Mat& withAlpha, int colourChannels) {
  cv::Mat out(withAlpha.size(), CV_8UC(colourChannels));
  const int total = colourChannels + 1;
  for (int y = 0; y < withAlpha.rows; ++y) {
    const uint8_t* src = withAlpha.ptr<uint8_t>(y);
    uint8_t* dst = out.ptr<uint8_t>(y);
    for (int x = 0; x < withAlpha.cols; ++x) {
      const int alpha = src[x * total + colourChannels];
      for (int c = 0; c < colourChannels; ++c) {
        const int value = src[x * total + c] * alpha + 255 * (255 - alpha);
        dst[x * colourChannels + c] = static_cast<uint8_t>((value + 127) / 255);
      }
    }
  }
  return out;
}

}  // namespace

cv::Mat toRgb8(const cv::Mat& decoded, bool bgrOrder) {
  if (decoded.empty()) throw ImageError("empty image");
  const int channels = decoded.channels();
  if (channels < 1 || channels > 4) throw ImageError("unsupported channel count (" + std::to_string(channels) + ")");
  cv::Mat image = to8Bit(decoded);
  if (channels == 2) image = compositeOverWhite(image, 1);  // gray + alpha
  if (channels == 4) image = compositeOverWhite(image, 3);
  cv::Mat rgb;
  if (image.channels() == 1) {
    cv::cvtColor(image, rgb, cv::COLOR_GRAY2RGB);
  } else if (bgrOrder) {
    cv::cvtColor(image, rgb, cv::COLOR_BGR2RGB);
  } else {
    rgb = image.clone();  // a copy, so the result never aliases the caller's pixels
  }
  if (!rgb.isContinuous()) rgb = rgb.clone();
  return rgb;
}

namespace {

// libjpeg decodes a cut-off JPEG without an error, filling the missing rows with grey; a user would take that for
// the picture. Markers cannot occur inside entropy-coded data (0xFF is stuffed as FF 00), so a complete file has
// an end-of-image marker (FF D9) after its last start-of-scan (FF DA); an embedded EXIF thumbnail comes before
// the main image's scans and does not count.
// OpenCV 4.6 reports a broken header on std::cerr ("imdecode_(''): can't read header: ...") and its decoders
// log warnings, on top of the empty result vitlens turns into one clear ImageError. The CLI promises one line
// per bad input, so the decoder's own chatter is silenced: warnings below error level (unless OPENCV_LOG_LEVEL
// asks otherwise) and std::cerr while imdecode runs.
class QuietDecoder {
 public:
  QuietDecoder() {
    static std::once_flag once;
    std::call_once(once, [] {
      if (std::getenv("OPENCV_LOG_LEVEL") == nullptr) {
        cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
      }
    });
    // std::cerr's buffer is process-wide and decodes run on several threads (training, the GUI's worker): the
    // first decoder in swaps it out, the last one out puts it back. Decoding itself is never serialised.
    const std::lock_guard<std::mutex> lock(state().mutex);
    if (state().active++ == 0) state().previous = std::cerr.rdbuf(&state().sink);
  }
  ~QuietDecoder() {
    const std::lock_guard<std::mutex> lock(state().mutex);
    if (--state().active == 0) std::cerr.rdbuf(state().previous);
  }
  QuietDecoder(const QuietDecoder&) = delete;
  QuietDecoder& operator=(const QuietDecoder&) = delete;

 private:
  // Drops everything and keeps no state, so concurrent writers cannot race on it.
  struct Discard : std::streambuf {
    int overflow(int c) override { return c == EOF ? 0 : c; }
    std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
  };
  struct State {
    std::mutex mutex;
    int active = 0;
    std::streambuf* previous = nullptr;
    Discard sink;
  };
  static State& state() {
    static State s;
    return s;
  }
};

bool jpegLooksTruncated(const uint8_t* data, size_t size) {
  if (size < 4 || data[0] != 0xFF || data[1] != 0xD8) return false;  // not a JPEG
  size_t lastScan = 0;
  for (size_t i = 2; i + 1 < size; ++i) {
    if (data[i] == 0xFF && data[i + 1] == 0xDA) lastScan = i;
  }
  if (lastScan == 0) return true;
  for (size_t i = lastScan + 2; i + 1 < size; ++i) {
    if (data[i] == 0xFF && data[i + 1] == 0xD9) return false;
  }
  return true;
}

}  // namespace

cv::Mat decodeImageBytes(const std::vector<uint8_t>& bytes, const std::string& sourceName) {
  return decodeImageBytes(bytes.data(), bytes.size(), sourceName);
}

cv::Mat decodeImageBytes(const uint8_t* data, size_t size, const std::string& sourceName) {
  if (data == nullptr || size == 0) throw ImageError(sourceName + ": empty file");
  // Only formats whose size the header tells are decoded: OpenCV also reads PNM, HDR or JPEG 2000, where a 20-byte
  // header can ask for gigabytes before any check of ours could run.
  const auto header = sniffImageSize(data, size);
  if (!header) {
    const std::string format = formatName(data, size);
    throw ImageError(sourceName + (format.empty() ? ": not an image, or a format that is not supported "
                                                    "(vitlens reads PNG, JPEG, BMP, WebP and TIFF)"
                                                  : ": " + format + " image is corrupt or truncated"));
  }
  checkPixelCount(header->width, header->height, sourceName);
  if (jpegLooksTruncated(data, size)) {
    throw ImageError(sourceName + ": JPEG image is truncated (the file ends before the image data does)");
  }

  cv::Mat decoded;
  try {
    // imdecode only reads the buffer; OpenCV's Mat header wants a non-const pointer.
    const cv::Mat buffer(1, static_cast<int>(std::min<size_t>(size, INT32_MAX)), CV_8U, const_cast<uint8_t*>(data));
    const QuietDecoder quiet;
    decoded = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
  } catch (const cv::Exception& e) {
    throw ImageError(sourceName + ": cannot decode image (" + e.err + ")");
  }
  if (decoded.empty()) {
    const std::string format = formatName(data, size);
    throw ImageError(sourceName + (format.empty() ? ": not an image, or a format that is not supported"
                                                  : ": " + format + " image is corrupt or not supported"));
  }
  checkPixelCount(decoded.cols, decoded.rows, sourceName);

  cv::Mat rgb;
  try {
    rgb = toRgb8(decoded, true);
  } catch (const ImageError& e) {
    throw ImageError(sourceName + ": " + e.what());
  }
  return applyExifOrientation(rgb, readExifOrientation(data, size));
}

cv::Mat decodeImageFile(const std::string& path) {
  std::error_code missing;
  if (!std::filesystem::exists(path, missing)) throw ImageError(path + ": no such file");
  std::vector<uint8_t> bytes;
  try {
    // Opened without blocking and checked to be a regular file: a FIFO or device is refused, never waited on.
    const InputFile file(path);
    if (file.size() == 0) throw ImageError(path + ": empty file");
    if (file.size() > static_cast<uint64_t>(kMaxImageFileBytes)) {
      throw ImageError(path + ": file is " + std::to_string(file.size()) + " bytes, above the " +
                       std::to_string(kMaxImageFileBytes / 1'000'000'000) + " GB limit");
    }
    bytes.resize(static_cast<size_t>(file.size()));
    file.readAt(0, bytes.data(), bytes.size());
  } catch (const FileError& error) {
    const std::string message = error.what();
    // The folder case keeps its old wording: "is a directory, not an image file".
    if (message == path + ": is a folder, not a regular file")
      throw ImageError(path + ": is a directory, not an image file");
    throw ImageError(message);
  }
  return decodeImageBytes(bytes, path);
}

}  // namespace vitlens
