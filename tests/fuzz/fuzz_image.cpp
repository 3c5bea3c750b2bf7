// libFuzzer target: decoding an image from bytes (format sniffing, header size checks, OpenCV's decoders, EXIF
// orientation, bit depth and alpha handling), then preprocessing it for a 32x32 and a 224x224 model.
#include <cstddef>
#include <cstdint>
#include <exception>

#include "imaging/image_decode.h"
#include "imaging/preprocess.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cv::Mat rgb;
  try {
    rgb = vitlens::decodeImageBytes(data, size, "fuzz-image");
  } catch (const std::exception&) {
    return 0;
  }
  try {
    vitlens::PreprocessSpec small;
    (void)vitlens::preprocessImage(rgb, small);
    vitlens::PreprocessSpec large;
    large.height = large.width = 224;
    large.cropPct = 0.875;
    (void)vitlens::preprocessImage(rgb, large);
  } catch (const std::exception&) {
  }
  return 0;
}
