// timm's eval transform in OpenCV: resize so that a centred crop of cropPct covers the model input, crop,
// scale to [0, 1] and normalise per channel.
#include "imaging/preprocess.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace vitlens {
namespace {

void validate(const cv::Mat& rgb, const PreprocessSpec& spec) {
  if (rgb.empty()) throw std::invalid_argument("preprocessImage: empty image");
  if (rgb.type() != CV_8UC3) throw std::invalid_argument("preprocessImage: image must be CV_8UC3 RGB");
  if (spec.height <= 0 || spec.width <= 0) {
    throw std::invalid_argument("preprocessImage: input size must be positive, got " + std::to_string(spec.height) +
                                " x " + std::to_string(spec.width));
  }
  if (!(spec.cropPct > 0.0 && spec.cropPct <= 1.0)) {
    throw std::invalid_argument("preprocessImage: cropPct must be in (0, 1], got " + std::to_string(spec.cropPct));
  }
  for (int c = 0; c < 3; ++c) {
    if (!std::isfinite(spec.mean[c]) || !std::isfinite(spec.stddev[c]) || !(spec.stddev[c] > 0.0f)) {
      throw std::invalid_argument("preprocessImage: mean must be finite and stddev positive");
    }
  }
}

}  // namespace

PreparedImage preprocessImage(const cv::Mat& rgb, const PreprocessSpec& spec) {
  validate(rgb, spec);
  const int targetH = spec.height;
  const int targetW = spec.width;

  // Scale so that the target crop is cropPct of the resized image along its tighter side:
  // f = max(H_t / h, W_t / w) / cropPct. Rounded sizes never fall below the target.
  const double f =
      std::max(static_cast<double>(targetH) / rgb.rows, static_cast<double>(targetW) / rgb.cols) / spec.cropPct;
  const int resizedW = std::max(targetW, static_cast<int>(std::lround(rgb.cols * f)));
  const int resizedH = std::max(targetH, static_cast<int>(std::lround(rgb.rows * f)));

  cv::Mat resized = rgb;
  if (resizedW != rgb.cols || resizedH != rgb.rows) {
    const int interpolation = f < 1.0 ? cv::INTER_AREA : cv::INTER_CUBIC;
    cv::resize(rgb, resized, cv::Size(resizedW, resizedH), 0.0, 0.0, interpolation);
  }

  // Centre crop; odd remainders put the extra pixel on the right/bottom.
  const int cropX = (resizedW - targetW) / 2;
  const int cropY = (resizedH - targetH) / 2;
  const cv::Mat crop = resized(cv::Rect(cropX, cropY, targetW, targetH));

  PreparedImage prepared;
  // Back to source pixels with the scale cv::resize actually used on each axis (rounding makes it differ
  // slightly from f): resized pixel edge x maps to source edge x * w / w_resized.
  const double toSourceX = static_cast<double>(rgb.cols) / resizedW;
  const double toSourceY = static_cast<double>(rgb.rows) / resizedH;
  prepared.sourceCrop = cv::Rect2d(cropX * toSourceX, cropY * toSourceY, targetW * toSourceX, targetH * toSourceY);

  // (v / 255 - mean) / std per channel, through a table: one exact float per (channel, byte value).
  float table[3][256];
  for (int c = 0; c < 3; ++c) {
    for (int v = 0; v < 256; ++v) table[c][v] = (static_cast<float>(v) / 255.0f - spec.mean[c]) / spec.stddev[c];
  }
  prepared.input.create(targetH, targetW, CV_32FC3);
  for (int y = 0; y < targetH; ++y) {
    const uint8_t* src = crop.ptr<uint8_t>(y);
    float* dst = prepared.input.ptr<float>(y);
    for (int i = 0; i < targetW * 3; i += 3) {
      dst[i] = table[0][src[i]];
      dst[i + 1] = table[1][src[i + 1]];
      dst[i + 2] = table[2][src[i + 2]];
    }
  }
  return prepared;
}

}  // namespace vitlens
